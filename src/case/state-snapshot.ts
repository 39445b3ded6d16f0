/**
 * A case state as plain JSON and back: what a stored snapshot holds, so that a case not in memory is folded from its
 * latest snapshot and the events after it instead of from its first event.
 */
import type { CaseState, ConductDays, EvidenceState, LateRecording, PatrolRecord, RaisedFinding } from './case-state.js'
import type { CaseEvent } from '../types/generated.js'
import { VersionedList, VersionedMap, VersionedSet } from './versioned-map.js'

/**
 * The shape of the fold's state. Bump it whenever src/case/apply-event.ts changes what a state holds or how an event
 * changes it: snapshots of another version are not used (the case is folded from its events and snapshotted anew).
 */
export const FOLD_VERSION = 1

/** A state as JSON: the event ids as an array, the evidence as [id, entry] pairs in their order. */
export type StateSnapshot = Omit<
  CaseState,
  'eventIds' | 'evidence' | 'conductDays' | 'complaints' | 'raisedFindings' | 'patrols'
> & {
  readonly eventIds: readonly string[]
  readonly complaints: readonly CaseEvent[]
  readonly raisedFindings: readonly RaisedFinding[]
  readonly patrols: readonly PatrolRecord[]
  readonly evidence: readonly (readonly [string, EvidenceState])[]
  readonly conductDays: Omit<ConductDays, 'lateRecordings'> & { readonly lateRecordings: readonly LateRecording[] }
}

/**
 * The state as JSON (JSON.stringify gives the snapshot's text).
 * @example const json = JSON.stringify(snapshotOf(state))
 */
export function snapshotOf(state: CaseState): StateSnapshot {
  return {
    ...state,
    eventIds: [...state.eventIds],
    evidence: [...state.evidence.entries()],
    complaints: state.complaints.toArray(),
    raisedFindings: state.raisedFindings.toArray(),
    patrols: state.patrols.toArray(),
    conductDays: { ...state.conductDays, lateRecordings: state.conductDays.lateRecordings.toArray() },
  }
}

/**
 * The state a snapshot holds.
 * @example const state = stateOfSnapshot(JSON.parse(text))
 */
export function stateOfSnapshot(snapshot: StateSnapshot): CaseState {
  return {
    ...snapshot,
    eventIds: VersionedSet.of(snapshot.eventIds),
    evidence: VersionedMap.of(snapshot.evidence),
    complaints: VersionedList.of(snapshot.complaints),
    raisedFindings: VersionedList.of(snapshot.raisedFindings),
    patrols: VersionedList.of(snapshot.patrols),
    conductDays: { ...snapshot.conductDays, lateRecordings: VersionedList.of(snapshot.conductDays.lateRecordings) },
  }
}
