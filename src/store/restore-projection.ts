/** The sweep's distrust of the projection: a case whose latest evaluation is due is made due again, whatever its row says. */
import { sql, type Kysely } from 'kysely'
import type { Database } from './database.js'

/**
 * Restores, from each case's latest evaluation, the projection of every case that its chain says is due by `now`
 * while its row says it is not (next change later, or none): the projection was altered, and the sweep must not miss
 * the case. Returns the ids restored. One index probe per case.
 * @example const altered = await restoreDueFromChain(db, new Date()) // ['lx-2025-000123']
 */
export async function restoreDueFromChain(db: Kysely<Database>, now: Date): Promise<string[]> {
  const { rows } = await sql<{ case_id: string }>`
    update cases set
      last_evaluation_seq = e.chain_seq,
      level = e.level,
      next_change_at = e.next_change_at::timestamptz,
      event_count = e.sequence,
      status = e.facts->>'caseStatus',
      overdue = coalesce((e.facts->>'statutoryOverdue')::boolean or (e.facts->>'promisedOverdue')::boolean
                         or (e.facts->>'stepOverdue')::boolean, false),
      alerts = (select coalesce(jsonb_agg(f - 'trace' order by n), '[]'::jsonb) from jsonb_array_elements(e.firings) with ordinality as t(f, n)),
      updated_at = ${now}
    from cases c
    cross join lateral (
      -- an unchanged evaluation (migration 0026) with the facts and firings of the whole one it repeats
      select l.chain_seq, l.sequence, l.level, l.next_change_at,
             case when l.same_as is null then l.facts else b.facts || l.facts end as facts,
             coalesce(l.firings, b.firings) as firings
      from (select chain_seq, sequence, level, next_change_at, facts, firings, same_as from evaluations
            where evaluations.case_id = c.case_id order by chain_seq desc limit 1) l
      left join evaluations b on b.case_id = c.case_id and b.chain_seq = l.same_as
    ) e
    where cases.case_id = c.case_id
      and e.next_change_at is not null and e.next_change_at::timestamptz <= ${now}
      and (c.next_change_at is null or c.next_change_at > e.next_change_at::timestamptz)
    returning cases.case_id`.execute(db)
  return rows.map((r) => r.case_id)
}

const lastRun = new WeakMap<object, number>()

/**
 * restoreDueFromChain at most once every `everyMs` (default five minutes) per database handle; [] when skipped.
 * @example const altered = await restoreDueFromChainNow(rt.db, now)
 */
export async function restoreDueFromChainNow(db: Kysely<Database>, now: Date, everyMs = 5 * 60_000): Promise<string[]> {
  const last = lastRun.get(db)
  if (last !== undefined && Date.now() - last < everyMs) return []
  lastRun.set(db, Date.now())
  return restoreDueFromChain(db, now)
}
