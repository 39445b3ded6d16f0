/** Verifies the store against a signed checkpoint: signature, leaves, every case's head then, every row kept since. */
import type { KeyObject } from 'node:crypto'
import type { Kysely } from 'kysely'
import { validate } from '../schema/validator.js'
import type { Database } from '../store/database.js'
import { verifyChains, type BrokenRow, type VerifyReport } from '../store/verify-chains.js'
import type { Checkpoint } from '../types/generated.js'
import {
  leafBytes,
  leafHashes,
  rowLeaves,
  ROW_TABLES,
  type CaseLeaf,
  type Leaf,
  type RowLeaf,
  type RowTable,
} from './checkpoint-leaves.js'
import { inclusionProof, leafHash, verifyInclusion } from './merkle-tree.js'
import { keyIdOf, verifySignature } from './signing-key.js'
import { checkpointId, rootOf, signedText } from './take-checkpoint.js'

export interface InclusionProof {
  readonly caseId: string
  readonly leaf: CaseLeaf
  readonly index: number
  readonly size: number
  /** Sibling hashes from the leaf upwards (RFC 6962 audit path), hex. */
  readonly path: readonly string[]
  readonly root: string
  readonly valid: boolean
}

export interface CheckpointReport extends VerifyReport {
  readonly checkpoint: { readonly id: string; readonly takenAt: string; readonly cases: number; readonly keyId: string }
  readonly signatureValid: boolean
  /** With `caseId`: the case's proof of inclusion in the checkpoint's tree. */
  readonly proof?: InclusionProof
}

/** The leaves kept for a checkpoint, or undefined when what is kept is not a list of leaves. */
function leavesOf(kept: unknown): Leaf[] | undefined {
  let value = kept
  try {
    if (typeof value === 'string') value = JSON.parse(value)
  } catch {
    return undefined
  }
  if (!Array.isArray(value)) return undefined
  const leaf = (l: unknown) =>
    Array.isArray(l) &&
    l.length === 4 &&
    ((l[0] === 'case' && typeof l[1] === 'string' && Number.isInteger(l[2]) && typeof l[3] === 'string') ||
      (l[0] === 'row' && typeof l[1] === 'string' && typeof l[2] === 'string' && typeof l[3] === 'string'))
  return value.every(leaf) ? (value as Leaf[]) : undefined
}

const problem = (code: string, table: string, zh: string, en: string, caseId = ''): BrokenRow => ({
  caseId,
  table,
  code: code as BrokenRow['code'],
  zh,
  en,
})

/**
 * Checks a checkpoint document: its shape, its key and signature, then that the leaves the service kept for it give
 * its root, that every case still has at its recorded head position the recorded hash and an intact chain after it,
 * that every recorded row of the other append-only tables is unchanged, and that every checkpoint kept is intact.
 * With `caseId`, only that case, through its inclusion proof.
 * @example const report = await verifyCheckpoint(db, JSON.parse(readFileSync('cp.json', 'utf8')), publicKey)
 */
export async function verifyCheckpoint(
  db: Kysely<Database>,
  input: unknown,
  publicKey: KeyObject,
  options: { caseId?: string; jurisdictionPrefix?: string } = {},
): Promise<CheckpointReport> {
  const shape = validate('checkpoint', input)
  const doc = input as Checkpoint
  const summary = {
    id: String(doc?.id),
    takenAt: String(doc?.takenAt),
    cases: Number(doc?.cases),
    keyId: String(doc?.keyId),
  }
  const empty = { cases: 0, rows: 0, packs: 0, checkpoint: summary }
  if (shape.length > 0) {
    const text = shape.map((p) => `${p.pointer ?? ''} ${p.en}`).join('; ')
    return {
      ...empty,
      signatureValid: false,
      broken: [
        problem(
          'CHECKPOINT_INVALID',
          'checkpoints',
          `检查点文件格式不符：${text}`,
          `the checkpoint file is not a checkpoint: ${text}`,
        ),
      ],
    }
  }
  if (doc.keyId !== keyIdOf(publicKey)) {
    const zh = `检查点由密钥 ${doc.keyId} 签名，核验所用公钥为 ${keyIdOf(publicKey)}`
    return {
      ...empty,
      signatureValid: false,
      broken: [
        problem(
          'CHECKPOINT_KEY_UNKNOWN',
          'checkpoints',
          zh,
          `the checkpoint was signed by key ${doc.keyId}; the key given is ${keyIdOf(publicKey)}`,
        ),
      ],
    }
  }
  if (!verifySignature(publicKey, signedText(doc), doc.signature) || checkpointId(doc) !== doc.id) {
    return {
      ...empty,
      signatureValid: false,
      broken: [
        problem(
          'CHECKPOINT_SIGNATURE_INVALID',
          'checkpoints',
          '检查点签名无效：文件被改动或伪造',
          'the checkpoint signature is not valid: the file was altered or forged',
        ),
      ],
    }
  }
  const kept = await db.selectFrom('checkpoints').select(['leaves']).where('id', '=', doc.id).executeTakeFirst()
  if (!kept) {
    return {
      ...empty,
      signatureValid: true,
      broken: [
        problem(
          'CHECKPOINT_NOT_KEPT',
          'checkpoints',
          `服务已不存有检查点 ${doc.id}（被删除）`,
          `the service no longer keeps checkpoint ${doc.id}: it was deleted`,
        ),
      ],
    }
  }
  const leaves = leavesOf(kept.leaves)
  if (!leaves || rootOf(leaves) !== doc.root || leaves.length !== doc.leaves) {
    const zh = `服务为检查点 ${doc.id} 存的叶子与其签名的根不符：被改动`
    return {
      ...empty,
      signatureValid: true,
      broken: [
        problem(
          'CHECKPOINT_LEAVES_ALTERED',
          'checkpoints',
          zh,
          `the leaves kept for checkpoint ${doc.id} do not give its signed root: they were altered`,
        ),
      ],
    }
  }
  const caseLeaves = leaves.filter((l): l is CaseLeaf => l[0] === 'case')
  const heads = new Map(caseLeaves.map((l) => [l[1], { seq: l[2], hash: l[3] }]))
  const checkpoint = { takenAt: doc.takenAt, heads }

  if (options.caseId !== undefined) {
    const index = leaves.findIndex((l) => l[0] === 'case' && l[1] === options.caseId)
    const chains = await verifyChains(db, { caseIds: [options.caseId], checkpoint })
    if (index < 0) return { ...chains, checkpoint: summary, signatureValid: true }
    const hashes = leafHashes(leaves)
    const path = inclusionProof(hashes, index)
    const root = Buffer.from(doc.root.slice('sha256:'.length), 'hex')
    const leaf = leaves[index] as CaseLeaf
    const valid = verifyInclusion(leafHash(leafBytes(leaf)), index, leaves.length, path, root)
    const proof = {
      caseId: options.caseId,
      leaf,
      index,
      size: leaves.length,
      path: path.map((p) => p.toString('hex')),
      root: doc.root,
      valid,
    }
    return { ...chains, checkpoint: summary, signatureValid: true, proof }
  }

  const chains = await verifyChains(db, {
    checkpoint,
    ...(options.jurisdictionPrefix ? { jurisdictionPrefix: options.jurisdictionPrefix } : {}),
  })
  const broken = [...chains.broken, ...(await rowChanges(db, leaves)), ...(await keptCheckpoints(db, publicKey))]
  return { ...chains, broken, checkpoint: summary, signatureValid: true }
}

/** Every row the checkpoint recorded outside the case chains, as it is now: gone or altered. */
async function rowChanges(db: Kysely<Database>, leaves: readonly Leaf[]): Promise<BrokenRow[]> {
  const recorded = leaves.filter((l): l is RowLeaf => l[0] === 'row')
  const now = new Map((await rowLeaves(db)).map((l) => [`${l[1]}\u0000${l[2]}`, l[3]]))
  const out: BrokenRow[] = []
  for (const [, table, key, digest] of recorded) {
    const current = now.get(`${table}\u0000${key}`)
    if (current === digest) continue
    const name = `${table} ${ROW_TABLES[table as RowTable] ?? 'key'}=${key}`
    out.push(
      current === undefined
        ? problem(
            'ROW_DELETED',
            table,
            `检查点记载的 ${name} 已不存在：被删除`,
            `${name}, in the checkpoint, no longer exists: it was deleted`,
          )
        : problem(
            'ROW_ALTERED',
            table,
            `${name} 的内容与检查点记载的不符：被改动`,
            `${name} no longer matches the checkpoint: it was altered`,
          ),
    )
  }
  return out
}

/** Every checkpoint the service keeps: signed by this key, its id, moment and author as its document says, its leaves giving its root. */
async function keptCheckpoints(db: Kysely<Database>, publicKey: KeyObject): Promise<BrokenRow[]> {
  const rows = await db.selectFrom('checkpoints').select(['id', 'taken_at', 'taken_by', 'document', 'leaves']).execute()
  const keyId = keyIdOf(publicKey)
  const out: BrokenRow[] = []
  for (const r of rows) {
    const doc = (typeof r.document === 'string' ? JSON.parse(r.document) : r.document) as Checkpoint
    const leaves = leavesOf(r.leaves)
    const intact = validate('checkpoint', doc).length === 0 && leaves !== undefined
    const signed =
      intact &&
      (doc.keyId !== keyId ||
        (verifySignature(publicKey, signedText(doc), doc.signature) && checkpointId(doc) === doc.id))
    const same =
      intact && doc.id === r.id && Date.parse(doc.takenAt) === r.taken_at.getTime() && doc.takenBy === r.taken_by
    const root = intact && rootOf(leaves) === doc.root
    if (signed && same && root) continue
    out.push(
      problem(
        'CHECKPOINT_ALTERED',
        'checkpoints',
        `服务存的检查点 ${r.id} 被改动`,
        `checkpoint ${r.id}, as the service keeps it, was altered`,
      ),
    )
  }
  return out
}
