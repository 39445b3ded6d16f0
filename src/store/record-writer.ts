/** Appends a row to a case's chain: the next position, the previous row's hash, and its own hash. */
import type { Insertable, Transaction } from 'kysely'
import type { CaseEventsTable, Database, EvaluationsTable, NoticesTable, RecordTable } from './database.js'
import { rowHash } from './hash-chain.js'

/** Where a case's chain stands: its last position and that row's hash. */
export interface ChainHead {
  readonly caseId: string
  readonly seq: number
  readonly hash: string
}

type Content<T> = Omit<Insertable<T>, 'case_id' | 'chain_seq' | 'prev_hash' | 'hash' | 'stored_at'>

export interface RecordContent {
  case_events: Content<CaseEventsTable>
  evaluations: Content<EvaluationsTable>
  notices: Content<NoticesTable>
}

/**
 * The row as stored: the content at the position after `head`, linked to it, with its own hash; and the head it leaves.
 * @example const { row, next } = linkRecord(head, 'notices', content, new Date())
 */
export function linkRecord<T extends RecordTable>(head: ChainHead, table: T, content: RecordContent[T], storedAt: Date): { row: Record<string, unknown>; next: ChainHead } {
  const row = {
    ...content,
    case_id: head.caseId,
    chain_seq: head.seq + 1,
    prev_hash: head.hash,
    stored_at: storedAt,
  } as Record<string, unknown>
  const hash = rowHash(table, row)
  return { row: { ...row, hash }, next: { caseId: head.caseId, seq: head.seq + 1, hash } }
}

/**
 * Inserts one record at the head of the chain and returns the new head. The database trigger refuses a row that
 * does not continue the chain, so two writers can never fork it.
 * @example head = await appendRecord(trx, head, 'case_events', { sequence: 1, event_id: 'e1', … })
 */
export async function appendRecord<T extends RecordTable>(trx: Transaction<Database>, head: ChainHead, table: T, content: RecordContent[T]): Promise<ChainHead> {
  const { row, next } = linkRecord(head, table, content, new Date())
  await trx
    .insertInto(table)
    .values(row as never)
    .execute()
  return next
}

/**
 * Several records of one table in one statement, each at the head it is given; in order, so that records of one case
 * follow each other (give the second the head the first returns, via `linkRecords`). The trigger checks every row.
 * @example await insertRecords(trx, 'evaluations', linkRecords('evaluations', [{ head, content }]).rows)
 */
export async function insertRecords(trx: Transaction<Database>, table: RecordTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  // a statement's parameters are limited (65,535): a few hundred rows at a time
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 200) as never)
      .execute()
  }
}

/**
 * The stored rows of records to append, each after the head it is given, and the heads they leave.
 * @example const { rows, heads } = linkRecords('evaluations', [{ head, content }])
 */
export function linkRecords<T extends RecordTable>(table: T, items: readonly { head: ChainHead; content: RecordContent[T] }[], storedAt = new Date()): { rows: Record<string, unknown>[]; heads: ChainHead[] } {
  const rows: Record<string, unknown>[] = []
  const heads: ChainHead[] = []
  for (const { head, content } of items) {
    const linked = linkRecord(head, table, content, storedAt)
    rows.push(linked.row)
    heads.push(linked.next)
  }
  return { rows, heads }
}

