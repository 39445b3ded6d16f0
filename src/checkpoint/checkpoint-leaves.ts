/** What a checkpoint covers: every case's chain head, and every row of the other append-only tables, as Merkle leaves. */
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { canonicalJson } from '../rules/pack-version.js'
import type { Database } from '../store/database.js'
import { leafHash } from './merkle-tree.js'

/** A case's head: case id, head sequence, head hash. */
export type CaseLeaf = readonly ['case', string, number, string]
/** A row of an append-only table that is not a case's record: table, key, digest of its columns. */
export type RowLeaf = readonly ['row', string, string, string]
export type Leaf = CaseLeaf | RowLeaf

/** The append-only tables outside the case chains, each with the column that names a row. */
export const ROW_TABLES = {
  access_tokens: 'id',
  token_revocations: 'token_id',
  rule_packs: 'version',
  pack_activations: 'id',
  catalog_changes: 'id',
  catalog_versions: 'version',
  case_problems: 'id',
  draft_events: 'id',
  account_records: 'id',
  sessions: 'id',
  session_records: 'id',
  sign_in_attempts: 'id',
  checkpoints: 'id',
} as const satisfies Partial<Record<keyof Database, string>>
export type RowTable = keyof typeof ROW_TABLES

const normal = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v)

/**
 * The digest of a row: SHA-256 over the canonical JSON of its non-null columns (a column added later, null in old
 * rows, leaves their digest as it was). A checkpoint's row is named by its id and document; its leaves are bound
 * by its own root.
 * @example rowDigest('access_tokens', row) // 'sha256:…'
 */
export function rowDigest(table: RowTable, row: Readonly<Record<string, unknown>>): string {
  const content: Record<string, unknown> = { table }
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined || (table === 'checkpoints' && column === 'leaves')) continue
    content[column] = normal(value)
  }
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`
}

/** The bytes a leaf is hashed from: its canonical JSON. */
export const leafBytes = (leaf: Leaf): Buffer => Buffer.from(canonicalJson(leaf))

/**
 * Leaf hashes in tree order.
 * @example merkleRoot(leafHashes(leaves))
 */
export const leafHashes = (leaves: readonly Leaf[]): Buffer[] => leaves.map((l) => leafHash(leafBytes(l)))

const order = (a: Leaf, b: Leaf): number => {
  const ka = `${a[0]}\u0000${a[1]}\u0000${a[0] === 'row' ? a[2] : ''}`
  const kb = `${b[0]}\u0000${b[1]}\u0000${b[0] === 'row' ? b[2] : ''}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/**
 * Every row of the append-only tables outside the case chains, as leaves.
 * @example const rows = await rowLeaves(trx, ['access_tokens'])
 */
export async function rowLeaves(
  db: Kysely<Database> | Transaction<Database>,
  tables: readonly RowTable[] = Object.keys(ROW_TABLES) as RowTable[],
): Promise<RowLeaf[]> {
  const leaves: RowLeaf[] = []
  for (const table of tables) {
    const key = ROW_TABLES[table]
    const rows = (
      table === 'checkpoints'
        ? await db.selectFrom('checkpoints').select(['id', 'taken_at', 'document', 'taken_by']).execute()
        : await db.selectFrom(table).selectAll().execute()
    ) as Record<string, unknown>[]
    for (const row of rows) leaves.push(['row', table, String(row[key]), rowDigest(table, row)])
  }
  return leaves
}

/**
 * The leaves of the store as it is now, in tree order: one per case (id, head sequence, head hash), then one per row
 * of each append-only table. Read in one snapshot (repeatable read), taking no lock.
 * @example const leaves = await currentLeaves(db)
 */
export async function currentLeaves(db: Kysely<Database>): Promise<Leaf[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const heads = await trx.selectFrom('cases').select(['case_id', 'head_seq', 'head_hash']).execute()
      const leaves: Leaf[] = heads.map((h): CaseLeaf => ['case', h.case_id, h.head_seq, h.head_hash])
      leaves.push(...(await rowLeaves(trx)))
      return leaves.sort(order)
    })
}
