/** Takes a signed checkpoint: the Merkle root over the store's leaves, signed, kept append-only, and returned. */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { canonicalJson } from '../rules/pack-version.js'
import type { Database } from '../store/database.js'
import type { Checkpoint } from '../types/generated.js'
import { currentLeaves, leafHashes, type Leaf } from './checkpoint-leaves.js'
import { merkleRoot } from './merkle-tree.js'
import type { SigningKey } from './signing-key.js'

export const CHECKPOINT_FORMAT = 'xingquan-checkpoint/1'

/** The text a checkpoint's signature covers: the canonical JSON of every member but the signature. */
export function signedText(doc: Omit<Checkpoint, 'signature'> | Checkpoint): string {
  const { signature: _signature, ...rest } = doc as Checkpoint
  return canonicalJson(rest)
}

/** A checkpoint's id: SHA-256 over the canonical JSON of every member but the id and the signature. */
export function checkpointId(doc: Omit<Checkpoint, 'id' | 'signature'> | Checkpoint): string {
  const { signature: _signature, id: _id, ...rest } = doc as Checkpoint
  return `cp-${createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 24)}`
}

/** The root of leaves as a checkpoint writes it. */
export const rootOf = (leaves: readonly Leaf[]): string => `sha256:${merkleRoot(leafHashes(leaves)).toString('hex')}`

/**
 * Signs the store's leaves as they are now and keeps the checkpoint. No lock is taken: appends go on meanwhile,
 * and each case's leaf is its head as one snapshot saw it.
 * @example const cp = await takeCheckpoint(db, key, 'system'); writeFileSync('cp.json', JSON.stringify(cp))
 */
export async function takeCheckpoint(
  db: Kysely<Database>,
  key: SigningKey,
  by: string,
  now: () => Date = () => new Date(),
): Promise<Checkpoint> {
  const leaves = await currentLeaves(db)
  const body = {
    format: CHECKPOINT_FORMAT,
    takenAt: now().toISOString(),
    takenBy: by,
    cases: leaves.filter((l) => l[0] === 'case').length,
    leaves: leaves.length,
    root: rootOf(leaves),
    keyId: key.keyId,
  } as const
  const withId = { ...body, id: checkpointId(body) }
  const doc: Checkpoint = { ...withId, signature: key.sign(signedText(withId)) }
  await db
    .insertInto('checkpoints')
    .values({
      id: doc.id,
      taken_at: doc.takenAt,
      document: JSON.stringify(doc),
      leaves: JSON.stringify(leaves),
      taken_by: by,
    })
    .execute()
  return doc
}

/**
 * Takes a checkpoint unless nothing but checkpoints changed since the last one (the schedule's way); undefined then.
 * @example const cp = await takeCheckpointIfChanged(db, key, 'system:schedule')
 */
export async function takeCheckpointIfChanged(
  db: Kysely<Database>,
  key: SigningKey,
  by: string,
): Promise<Checkpoint | undefined> {
  const last = await db
    .selectFrom('checkpoints')
    .select('leaves')
    .orderBy('taken_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (last) {
    const withoutCheckpoints = (leaves: readonly Leaf[]) =>
      canonicalJson(leaves.filter((l) => !(l[0] === 'row' && l[1] === 'checkpoints')))
    const before = typeof last.leaves === 'string' ? JSON.parse(last.leaves) : last.leaves
    if (withoutCheckpoints(before as Leaf[]) === withoutCheckpoints(await currentLeaves(db))) return undefined
  }
  return takeCheckpoint(db, key, by)
}
