/** RFC 6962 Merkle tree hashing (as Certificate Transparency): the root over leaves, and inclusion proofs. */
import { createHash } from 'node:crypto'

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest()
}
const LEAF = Buffer.from([0])
const NODE = Buffer.from([1])

/**
 * The hash of a leaf: SHA-256(0x00 ‖ leaf).
 * @example leafHash(Buffer.from('["case","c1",3,"sha256:…"]'))
 */
export const leafHash = (leaf: Uint8Array): Buffer => sha256(LEAF, leaf)

/** The hash of an inner node: SHA-256(0x01 ‖ left ‖ right). */
const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE, left, right)

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/**
 * The Merkle tree hash of leaf hashes in order (RFC 6962 §2.1); the empty tree's is SHA-256 of nothing.
 * @example merkleRoot([leafHash(a), leafHash(b)]).toString('hex')
 */
export function merkleRoot(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return sha256()
  // bottom-up, level by level: a last node without a partner moves up unchanged, which gives RFC 6962's tree
  let level = [...hashes]
  while (level.length > 1) {
    const next: Buffer[] = []
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!)
    level = next
  }
  return level[0]!
}

/**
 * The audit path of leaf `index` among the leaf hashes (RFC 6962 §2.1.1): sibling hashes from the leaf upwards.
 * @example const path = inclusionProof(hashes, 3)
 */
export function inclusionProof(hashes: readonly Buffer[], index: number): Buffer[] {
  if (index < 0 || index >= hashes.length) throw new RangeError(`leaf ${index} is not in a tree of ${hashes.length}`)
  if (hashes.length === 1) return []
  const k = split(hashes.length)
  return index < k
    ? [...inclusionProof(hashes.slice(0, k), index), merkleRoot(hashes.slice(k))]
    : [...inclusionProof(hashes.slice(k), index - k), merkleRoot(hashes.slice(0, k))]
}

/**
 * True when the audit path proves that the leaf hash is leaf `index` of a tree of `size` leaves with this root
 * (the verification algorithm of RFC 9162 §2.1.3.2).
 * @example verifyInclusion(leafHash(leaf), 3, 7, path, root) // true
 */
export function verifyInclusion(
  leaf: Buffer,
  index: number,
  size: number,
  path: readonly Buffer[],
  root: Buffer,
): boolean {
  if (index < 0 || index >= size) return false
  let fn = index
  let sn = size - 1
  let r = leaf
  for (const p of path) {
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1
          sn >>= 1
        }
      }
    } else {
      r = nodeHash(r, p)
    }
    fn >>= 1
    sn >>= 1
  }
  return sn === 0 && r.equals(root)
}
