/** The stored cases read in batches, in case-id order, each with its events: a stream whose memory is one batch. */
import { sql, type Kysely } from 'kysely'
import type { Database } from './database.js'

export interface StoredCase {
  readonly caseId: string
  readonly department: { readonly code: string; readonly name: string }
  /** The events' bodies as JSON text, in sequence order: parsed where they are replayed. */
  readonly events: readonly string[]
}

export interface CaseFilter {
  /** Only cases whose jurisdiction starts with this code prefix (the draft pack's layer and the caller's scope). */
  readonly jurisdictionPrefix?: string
  /** Only this department's cases. */
  readonly department?: string
}

/**
 * How many cases and events the filter selects.
 * @example await countCases(db, { jurisdictionPrefix: '5132' }) // { cases: 120, events: 1300 }
 */
export async function countCases(
  db: Kysely<Database>,
  filter: CaseFilter = {},
): Promise<{ cases: number; events: number }> {
  let q = db
    .selectFrom('cases')
    .select([sql<number>`count(*)::int`.as('cases'), sql<number>`coalesce(sum(event_count), 0)::int`.as('events')])
  if (filter.jurisdictionPrefix) q = q.where('jurisdiction', 'like', `${filter.jurisdictionPrefix}%`)
  if (filter.department !== undefined) q = q.where('department_code', '=', filter.department)
  const row = await q.executeTakeFirstOrThrow()
  return { cases: Number(row.cases), events: Number(row.events) }
}

/**
 * Yields the selected cases `size` at a time, after `caseId` order (keyset pages, so a large store is never held whole).
 * @example for await (const batch of caseBatches(db, { jurisdictionPrefix: '51' }, 500)) …
 */
export async function* caseBatches(
  db: Kysely<Database>,
  filter: CaseFilter = {},
  size = 500,
): AsyncGenerator<StoredCase[]> {
  let after = ''
  for (;;) {
    let q = db
      .selectFrom('cases')
      .select(['case_id', 'department_code', 'department_name'])
      .where('case_id', '>', after)
    if (filter.jurisdictionPrefix) q = q.where('jurisdiction', 'like', `${filter.jurisdictionPrefix}%`)
    if (filter.department !== undefined) q = q.where('department_code', '=', filter.department)
    const heads = await q.orderBy('case_id').limit(size).execute()
    if (heads.length === 0) return
    const ids = heads.map((h) => h.case_id)
    const rows = await db
      .selectFrom('case_events')
      .select(['case_id', sql<string>`body::text`.as('body')])
      .where('case_id', 'in', ids)
      .orderBy('case_id')
      .orderBy('sequence')
      .execute()
    const events = new Map<string, string[]>(ids.map((id) => [id, []]))
    for (const r of rows) events.get(r.case_id)!.push(r.body)
    yield heads.map((h) => ({
      caseId: h.case_id,
      department: { code: h.department_code, name: h.department_name },
      events: events.get(h.case_id)!,
    }))
    after = ids.at(-1)!
  }
}
