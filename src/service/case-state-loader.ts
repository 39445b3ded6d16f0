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
