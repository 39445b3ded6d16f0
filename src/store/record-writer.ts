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

interface RecordContent {
  case_events: Content<CaseEventsTable>
  evaluations: Content<EvaluationsTable>
  notices: Content<NoticesTable>
}

/**
 * Inserts one record at the head of the chain and returns the new head. The database trigger refuses a row that
 * does not continue the chain, so two writers can never fork it.
 * @example head = await appendRecord(trx, head, 'case_events', { sequence: 1, event_id: 'e1', … })
 */
export async function appendRecord<T extends RecordTable>(trx: Transaction<Database>, head: ChainHead, table: T, content: RecordContent[T]): Promise<ChainHead> {
  const row = {
    ...content,
    case_id: head.caseId,
    chain_seq: head.seq + 1,
    prev_hash: head.hash,
    stored_at: new Date(),
  } as Record<string, unknown>
  const hash = rowHash(table, row)
  await trx
    .insertInto(table)
    .values({ ...row, hash } as never)
    .execute()
  return { caseId: head.caseId, seq: head.seq + 1, hash }
}
