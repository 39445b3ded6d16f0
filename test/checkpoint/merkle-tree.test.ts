import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from '../../src/checkpoint/merkle-tree.js'

const sha = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest()

/** RFC 6962 §2.1 as written: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha()
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0]!)
  let k = 1
  while (k * 2 < leaves.length) k *= 2
  return sha(Buffer.from([1]), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)))
}

describe('the RFC 6962 Merkle tree', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(merkleRoot([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('gives the root of the RFC definition, and a proof for every leaf that holds only for that leaf', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 40 }), fc.nat(), (raw, pick) => {
        const leaves = raw.map((l) => Buffer.from(l))
        const hashes = leaves.map(leafHash)
        const root = merkleRoot(hashes)
        expect(root.equals(referenceRoot(leaves))).toBe(true)
        if (leaves.length === 0) return
        const i = pick % leaves.length
        const path = inclusionProof(hashes, i)
        expect(verifyInclusion(hashes[i]!, i, leaves.length, path, root)).toBe(true)
        expect(verifyInclusion(leafHash(Buffer.from('not a leaf')), i, leaves.length, path, root)).toBe(false)
      }),
    )
  })
})
