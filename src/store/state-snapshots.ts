/** Stored snapshots of folded case states: the latest one of each case, and writing a new one (never changing one). */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './database.js'

type Db = Kysely<Database> | Transaction<Database>

/** A stored snapshot: the state after the case's first `eventCount` events, as its JSON. */
export interface StoredSnapshot {
  readonly eventCount: number
  readonly state: unknown
}

/**
 * Each case's latest snapshot of the fold version that covers at most its first `eventCount` events, in one query.
 * @example const snaps = await latestSnapshots(trx, [{ caseId: 'c1', eventCount: 1000 }], FOLD_VERSION)
 */
export async function latestSnapshots(
  db: Db,
  cases: readonly { readonly caseId: string; readonly eventCount: number }[],
  foldVersion: number,
): Promise<Map<string, StoredSnapshot>> {
  const found = new Map<string, StoredSnapshot>()
  if (cases.length === 0) return found
  const ids = cases.map((c) => c.caseId)
  const counts = cases.map((c) => c.eventCount)
  const { rows } = await sql<{ case_id: string; event_count: number; state: unknown }>`
    select c.case_id, s.event_count, s.state
      from unnest(${ids}::text[], ${counts}::int[]) as c(case_id, upto)
      cross join lateral (
        select event_count, state from case_state_snapshots
         where case_id = c.case_id and fold_version = ${foldVersion} and event_count <= c.upto
         order by event_count desc limit 1) s`.execute(db)
  for (const r of rows) found.set(r.case_id, { eventCount: r.event_count, state: r.state })
  return found
}

/**
 * Records a snapshot; one already stored for the same case, version and count is kept as it is.
 * @example await writeSnapshot(trx, 'c1', 1000, FOLD_VERSION, JSON.stringify(snapshotOf(state)))
 */
export async function writeSnapshot(
  db: Db,
  caseId: string,
  eventCount: number,
  foldVersion: number,
  stateJson: string,
): Promise<void> {
  await db
    .insertInto('case_state_snapshots')
    .values({ case_id: caseId, event_count: eventCount, fold_version: foldVersion, state: stateJson })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/**
 * The events of each case after its first `after` up to its first `upTo`, in order, in one query.
 * @example const events = await eventsBetween(trx, [{ caseId: 'c1', after: 1000, upTo: 1003 }])
 */
export async function eventsBetween(
  db: Db,
  cases: readonly { readonly caseId: string; readonly after: number; readonly upTo: number }[],
): Promise<Map<string, unknown[]>> {
  const events = new Map<string, unknown[]>()
  if (cases.length === 0) return events
  const { rows } = await sql<{ case_id: string; body: unknown }>`
    select e.case_id, e.body
      from unnest(${cases.map((c) => c.caseId)}::text[], ${cases.map((c) => c.after)}::int[], ${cases.map((c) => c.upTo)}::int[]) as c(case_id, after, upto)
      join case_events e on e.case_id = c.case_id and e.sequence > c.after and e.sequence <= c.upto
     order by e.case_id, e.sequence`.execute(db)
  for (const r of rows) {
    const list = events.get(r.case_id)
    if (list) list.push(r.body)
    else events.set(r.case_id, [r.body])
  }
  return events
}
