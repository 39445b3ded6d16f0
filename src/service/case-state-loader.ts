/** A case's state from its stored events: the fold, or the cached fold when it covers the same events. */
import type { Kysely, Transaction } from 'kysely'
import { applyEvent } from '../case/apply-event.js'
import type { CaseState } from '../case/case-state.js'
import type { Database } from '../store/database.js'
import type { CaseEvent } from '../types/generated.js'
import type { StateCache } from './state-cache.js'

/**
 * The state after the first `eventCount` events. Stored events were admitted when they came, so the fold applies
 * them without re-checking the admission policy of today's rules.
 * @example const state = await loadState(trx, cache, 'c1', 3)
 */
export async function loadState(db: Kysely<Database> | Transaction<Database>, cache: StateCache | undefined, caseId: string, eventCount: number): Promise<CaseState | undefined> {
  if (eventCount === 0) return undefined
  const cached = cache?.get(caseId, eventCount)
  if (cached) return cached
  const rows = await db
    .selectFrom('case_events')
    .select(['body'])
    .where('case_id', '=', caseId)
    .where('sequence', '<=', eventCount)
    .orderBy('sequence')
    .execute()
  let state: CaseState | undefined
  for (const r of rows) state = applyEvent(state, r.body as CaseEvent, caseId)
  if (state && cache) cache.set(caseId, eventCount, state)
  return state
}

/** A case's state, and its events when they were read from the database to fold it. */
export interface LoadedState {
  readonly state: CaseState | undefined
  /** The first `eventCount` events as recorded, in order; absent when the state came from the cache. */
  readonly events?: readonly CaseEvent[]
  /** Why the stored events could not be folded (the case's own data; the other cases are folded all the same). */
  readonly error?: unknown
}

/**
 * The states of several cases, each after its first `eventCount` events: the cached ones from the cache, the others
 * folded from one query for all of them. A case whose events cannot be folded gets its error, not a state.
 * @example const states = await loadStates(trx, cache, [{ caseId: 'c1', eventCount: 3 }, { caseId: 'c2', eventCount: 1 }])
 */
export async function loadStates(
  db: Kysely<Database> | Transaction<Database>,
  cache: StateCache | undefined,
  cases: readonly { readonly caseId: string; readonly eventCount: number }[],
): Promise<Map<string, LoadedState>> {
  const loaded = new Map<string, LoadedState>()
  const missing = new Map<string, number>()
  for (const { caseId, eventCount } of cases) {
    const cached = eventCount === 0 ? undefined : cache?.get(caseId, eventCount)
    if (eventCount === 0 || cached) loaded.set(caseId, { state: cached })
    else missing.set(caseId, eventCount)
  }
  if (missing.size === 0) return loaded
  const events = new Map<string, CaseEvent[]>()
  const rows = await db.selectFrom('case_events').select(['case_id', 'sequence', 'body']).where('case_id', 'in', [...missing.keys()]).orderBy('case_id').orderBy('sequence').execute()
  for (const r of rows) {
    if (r.sequence > missing.get(r.case_id)!) continue
    const list = events.get(r.case_id) ?? []
    if (list.length === 0) events.set(r.case_id, list)
    list.push(r.body as CaseEvent)
  }
  for (const [caseId, eventCount] of missing) {
    const list = events.get(caseId) ?? []
    let state: CaseState | undefined
    try {
      for (const e of list) state = applyEvent(state, e, caseId)
    } catch (error) {
      loaded.set(caseId, { state: undefined, events: list, error })
      continue
    }
    if (state && cache) cache.set(caseId, eventCount, state)
    loaded.set(caseId, { state, events: list })
  }
  return loaded
}
