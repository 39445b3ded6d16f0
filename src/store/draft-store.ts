/** Drafts of rule packs kept as an append-only log per draft; a draft's state is the fold of its log. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from './database.js'
import { jsonColumn } from './hash-chain.js'

type Db = Kysely<Database> | Transaction<Database>

export const DRAFT_EVENT_KINDS = ['opened', 'saved', 'submitted', 'approved', 'rejected', 'withdrawn'] as const
export type DraftEventKind = (typeof DRAFT_EVENT_KINDS)[number]

export interface DraftEvent {
  readonly seq: number
  readonly kind: DraftEventKind
  readonly body: Record<string, unknown>
  readonly person: string
  readonly role: string
  readonly recordedBy: string
  readonly at: string
}

export interface DraftLog {
  readonly draftId: string
  readonly packId: string
  readonly jurisdiction: string
  readonly events: readonly DraftEvent[]
}

/**
 * Appends one event to a draft's log at position `seq` (the next one); a unique key refuses a second writer at the
 * same position, so two people saving at once never overwrite each other.
 * @example await appendDraftEvent(db, { draftId, seq: 2, kind: 'saved', … })
 */
export async function appendDraftEvent(
  db: Db,
  e: {
    draftId: string
    seq: number
    kind: DraftEventKind
    packId: string
    jurisdiction: string
    body: unknown
    person: string
    role: string
    recordedBy: string
  },
): Promise<void> {
  await db
    .insertInto('draft_events')
    .values({
      draft_id: e.draftId,
      seq: e.seq,
      kind: e.kind,
      pack_id: e.packId,
      jurisdiction: e.jurisdiction,
      body: jsonColumn(e.body),
      person: e.person,
      role: e.role,
      recorded_by: e.recordedBy,
      stored_at: new Date(),
    })
    .execute()
}

/**
 * A draft's whole log, oldest first; undefined when there is no such draft.
 * @example const log = await draftLog(db, 'd-…')
 */
export async function draftLog(db: Db, draftId: string): Promise<DraftLog | undefined> {
  const rows = await db.selectFrom('draft_events').selectAll().where('draft_id', '=', draftId).orderBy('seq').execute()
  if (rows.length === 0) return undefined
  return {
    draftId,
    packId: rows[0]!.pack_id,
    jurisdiction: rows[0]!.jurisdiction,
    events: rows.map((r) => ({
      seq: r.seq,
      kind: r.kind as DraftEventKind,
      body: r.body as Record<string, unknown>,
      person: r.person,
      role: r.role,
      recordedBy: r.recorded_by,
      at: r.stored_at.toISOString(),
    })),
  }
}

/**
 * The ids of every draft (of one pack, or of all), the most recently touched first.
 * @example await draftIds(db, 'sc.electronic-supervision')
 */
export async function draftIds(db: Db, packId?: string): Promise<string[]> {
  let q = db
    .selectFrom('draft_events')
    .select((eb) => ['draft_id', eb.fn.max('id').as('last')])
    .groupBy('draft_id')
  if (packId !== undefined) q = q.where('pack_id', '=', packId)
  const rows = await q.orderBy('last', 'desc').limit(500).execute()
  return rows.map((r) => r.draft_id)
}
