/**
 * Unchanged evaluation rows (migration 0026) read whole: a row that repeats an earlier whole evaluation (`same_as`)
 * takes that row's packs, firings and extras, and its facts with the row's own (the day counts, the event named) over
 * them. Every reader of evaluations reads through here, so none sees the partial row.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from './database.js'

type Db = Kysely<Database> | Transaction<Database>

/** The columns of an evaluation row that an unchanged row leaves to the row it repeats. */
export interface RepeatableRow {
  readonly case_id: string
  readonly chain_seq: number
  readonly same_as?: number | null
  readonly facts?: unknown
  readonly firings?: unknown
  readonly packs?: unknown
  readonly extra?: unknown
}

const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v)

/** Where a row stands: its case and chain position. */
const keyOf = (caseId: string, seq: number) => `${caseId}\u0000${seq}`

/** The position of the whole evaluation an unchanged row repeats, or null for a whole row. */
const repeated = (row: RepeatableRow): number | null => row.same_as ?? null

/**
 * The row whole, from the whole evaluation it repeats (`base`); a whole row as it is.
 * @example wholeRow(unchanged, base).facts // base.facts with the unchanged row's day counts
 */
export function wholeRow<T extends RepeatableRow>(row: T, base: RepeatableRow | undefined): T {
  const seq = repeated(row)
  if (seq === null) return row
  if (!base || base.chain_seq !== seq || base.case_id !== row.case_id)
    throw new Error(`unchanged evaluation ${row.chain_seq} of case ${row.case_id}: row ${seq} it repeats is missing`)
  const facts = { ...(parsed(base.facts) as object), ...(parsed(row.facts) as object) }
  return {
    ...row,
    facts,
    ...('firings' in row ? { firings: parsed(base.firings) } : {}),
    ...('packs' in row ? { packs: parsed(base.packs) } : {}),
    ...('extra' in row ? { extra: parsed(base.extra) } : {}),
  }
}

/** Each row made whole from `bases`, the whole rows by position. */
function madeWhole<T extends RepeatableRow>(rows: readonly T[], bases: ReadonlyMap<string, RepeatableRow>): T[] {
  return rows.map((r) => {
    const seq = repeated(r)
    return seq === null ? r : wholeRow(r, bases.get(keyOf(r.case_id, seq)))
  })
}

/** The whole rows of a list, by position. */
function wholeOf(rows: readonly RepeatableRow[]): Map<string, RepeatableRow> {
  const bases = new Map<string, RepeatableRow>()
  for (const r of rows) if (repeated(r) === null) bases.set(keyOf(r.case_id, r.chain_seq), r)
  return bases
}

/**
 * Rows of one or more cases made whole from the whole rows the list holds (a row it repeats must be among them).
 * @example wholeRowsInOrder(rows) // every unchanged row with its base's facts, firings, packs and extras
 */
export function wholeRowsInOrder<T extends RepeatableRow>(rows: readonly T[]): T[] {
  return madeWhole(rows, wholeOf(rows))
}

/**
 * Rows made whole, the rows they repeat read from the database when the list does not hold them (one query).
 * @example const rows = await wholeRows(db, await db.selectFrom('evaluations').selectAll().where(…).execute())
 */
export async function wholeRows<T extends RepeatableRow>(db: Db, rows: readonly T[]): Promise<T[]> {
  const bases = wholeOf(rows)
  const wanted = new Map<string, { caseId: string; seq: number }>()
  for (const r of rows) {
    const seq = repeated(r)
    if (seq !== null && !bases.has(keyOf(r.case_id, seq))) wanted.set(keyOf(r.case_id, seq), { caseId: r.case_id, seq })
  }
  if (wanted.size > 0) {
    const list = [...wanted.values()]
    const found = await db
      .selectFrom('evaluations')
      .select(['case_id', 'chain_seq', 'same_as', 'facts', 'firings', 'packs', 'extra'])
      .where((eb) => eb.or(list.map((w) => eb.and([eb('case_id', '=', w.caseId), eb('chain_seq', '=', w.seq)]))))
      .execute()
    for (const b of found) bases.set(keyOf(b.case_id, b.chain_seq), b)
  }
  return madeWhole(rows, bases)
}
