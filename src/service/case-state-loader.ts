/** A case's state from the store: the cached fold, or its latest snapshot and the events after it, or the fold from event 1. */
import type { Kysely, Transaction } from 'kysely'
import { applyEvent } from '../case/apply-event.js'
import type { CaseState } from '../case/case-state.js'
import { FOLD_VERSION, snapshotOf, stateOfSnapshot, type StateSnapshot } from '../case/state-snapshot.js'
import type { Database } from '../store/database.js'
import { eventsBetween, latestSnapshots, writeSnapshot } from '../store/state-snapshots.js'
import type { CaseEvent } from '../types/generated.js'
import type { StateCache } from './state-cache.js'

type Db = Kysely<Database> | Transaction<Database>

/** A case is snapshotted every this many events (by the append that reaches the count), and by a fold that read as many. */
export const SNAPSHOT_EVERY = 100

/**
 * The state after the first `eventCount` events. Stored events were admitted when they came, so the fold applies
 * them without re-checking the admission policy of today's rules.
 * @example const state = await loadState(trx, cache, 'c1', 3)
 */
export async function loadState(
  db: Db,
  cache: StateCache | undefined,
  caseId: string,
  eventCount: number,
): Promise<CaseState | undefined> {
  const loaded = (await loadStates(db, cache, [{ caseId, eventCount }])).get(caseId)
  if (loaded?.error !== undefined) throw loaded.error
  return loaded?.state
}

/** A case's state, and its events when they were read from the database to fold it. */
export interface LoadedState {
  readonly state: CaseState | undefined
  /** The first `eventCount` events as recorded, in order, when the fold read them all (no snapshot, not cached). */
  readonly events?: readonly CaseEvent[]
  /** Why the stored events could not be folded (the case's own data; the other cases are folded all the same). */
  readonly error?: unknown
  /** How many stored events this load folded (0 from the cache). */
  readonly folded?: number
}

/**
 * The states of several cases, each after its first `eventCount` events: the cached ones from the cache, the others
 * from their latest snapshot and the events after it (two queries for all of them). A case whose events cannot be
 * folded gets its error, not a state.
 * @example const states = await loadStates(trx, cache, [{ caseId: 'c1', eventCount: 3 }, { caseId: 'c2', eventCount: 1 }])
 */
export async function loadStates(
  db: Db,
  cache: StateCache | undefined,
  cases: readonly { readonly caseId: string; readonly eventCount: number }[],
): Promise<Map<string, LoadedState>> {
  const loaded = new Map<string, LoadedState>()
  const missing: { caseId: string; eventCount: number }[] = []
  for (const { caseId, eventCount } of cases) {
    const cached = eventCount === 0 ? undefined : cache?.get(caseId, eventCount)
    if (eventCount === 0 || cached) loaded.set(caseId, { state: cached, folded: 0 })
    else missing.push({ caseId, eventCount })
  }
  if (missing.length === 0) return loaded
  const snapshots = await latestSnapshots(db, missing, FOLD_VERSION)
  const events = await eventsBetween(
    db,
    missing.map((m) => ({ caseId: m.caseId, after: snapshots.get(m.caseId)?.eventCount ?? 0, upTo: m.eventCount })),
  )
  for (const { caseId, eventCount } of missing) {
    const snapshot = snapshots.get(caseId)
    const list = (events.get(caseId) ?? []) as CaseEvent[]
    let state: CaseState | undefined
    try {
      state = snapshot ? stateOfSnapshot(snapshot.state as StateSnapshot) : undefined
      for (const e of list) state = applyEvent(state, e, caseId)
    } catch (error) {
      loaded.set(caseId, { state: undefined, ...(snapshot ? {} : { events: list }), error })
      continue
    }
    if (state && cache) cache.set(caseId, eventCount, state)
    loaded.set(caseId, { state, ...(snapshot ? {} : { events: list }), folded: list.length })
  }
  return loaded
}

/**
 * Records the state as the case's snapshot when its count is a multiple of SNAPSHOT_EVERY, or when the load that gave
 * the state before it had to fold as many stored events: the next cache miss then folds fewer than SNAPSHOT_EVERY.
 * @example await snapshotIfDue(trx, 'c1', 200, outcome.state, loaded.folded)
 */
export async function snapshotIfDue(
  db: Db,
  caseId: string,
  eventCount: number,
  state: CaseState,
  foldedBefore = 0,
): Promise<boolean> {
  if (eventCount % SNAPSHOT_EVERY !== 0 && foldedBefore < SNAPSHOT_EVERY) return false
  await writeSnapshot(db, caseId, eventCount, FOLD_VERSION, JSON.stringify(snapshotOf(state)))
  return true
}

/** Whether an append reaching `eventCount` events writes a snapshot (the one-statement write then leaves it to the locked path). */
export const snapshotDue = (eventCount: number): boolean => eventCount % SNAPSHOT_EVERY === 0
