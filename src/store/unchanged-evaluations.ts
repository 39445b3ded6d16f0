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

/**
 * The row whole, from the whole evaluation it repeats (`base`); a whole row as it is.
 * @example wholeRow(unchanged, base).facts // base.facts with the unchanged row's day counts
 */
export function wholeRow<T extends RepeatableRow>(row: T, base: RepeatableRow | undefined): T {
  if (row.same_as === null || row.same_as === undefined) return row
  if (!base || base.chain_seq !== row.same_as || base.case_id !== row.case_id)
    throw new Error(
      `unchanged evaluation ${row.chain_seq} of case ${row.case_id}: row ${row.same_as} it repeats is missing`,
    )
  const facts = { ...(parsed(base.facts) as object), ...(parsed(row.facts) as object) }
  return {
    ...row,
    facts,
    ...('firings' in row ? { firings: parsed(base.firings) } : {}),
    ...('packs' in row ? { packs: parsed(base.packs) } : {}),
    ...('extra' in row ? { extra: parsed(base.extra) } : {}),
  }
}

/**
 * Rows of one or more cases, each case's in chain order, made whole from the rows before them in the list.
 * @example wholeRowsInOrder(rows) // every unchanged row with its base's facts, firings, packs and extras
 */
export function wholeRowsInOrder<T extends RepeatableRow>(rows: readonly T[]): T[] {
  const bases = new Map<string, T>()
  return rows.map((row) => {
    if (row.same_as === null || row.same_as === undefined) {
      bases.set(`${row.case_id}\u0000${row.chain_seq}`, row)
      return row
    }
    return wholeRow(row, bases.get(`${row.case_id}\u0000${row.same_as}`))
  })
}

/**
 * Rows made whole, the rows they repeat read from the database when the list does not hold them (one query).
 * @example const rows = await wholeRows(db, await db.selectFrom('evaluations').selectAll().where(…).execute())
 */
export async function wholeRows<T extends RepeatableRow>(db: Db, rows: readonly T[]): Promise<T[]> {
  const held = new Set(rows.map((r) => `${r.case_id}\u0000${r.chain_seq}`))
  const wanted = new Map<string, { caseId: string; seq: number }>()
  for (const r of rows) {
    if (r.same_as === null || r.same_as === undefined) continue
    const key = `${r.case_id}\u0000${r.same_as}`
    if (!held.has(key)) wanted.set(key, { caseId: r.case_id, seq: r.same_as })
  }
  const bases = new Map<string, RepeatableRow>()
  for (const r of rows)
    if (r.same_as === null || r.same_as === undefined) bases.set(`${r.case_id}\u0000${r.chain_seq}`, r)
  if (wanted.size > 0) {
    const list = [...wanted.values()]
    const found = await db
      .selectFrom('evaluations')
      .select(['case_id', 'chain_seq', 'same_as', 'facts', 'firings', 'packs', 'extra'])
      .where((eb) => eb.or(list.map((w) => eb.and([eb('case_id', '=', w.caseId), eb('chain_seq', '=', w.seq)]))))
      .execute()
    for (const b of found) bases.set(`${b.case_id}\u0000${b.chain_seq}`, b)
  }
  return rows.map((r) =>
    r.same_as === null || r.same_as === undefined ? r : wholeRow(r, bases.get(`${r.case_id}\u0000${r.same_as}`)),
  )
}
