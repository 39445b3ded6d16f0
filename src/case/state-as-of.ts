/** A case as its conduct stood at the end of a past day: what a law that has since lapsed judges (阿坝州办法 第五十六条). */
import { dateOf } from '../calendar/iso-date.js'
import type { CaseState, EvidenceState } from './case-state.js'
import { VersionedList, VersionedMap } from './versioned-map.js'

/**
 * The state as of the end of `day`: conduct after it (steps out of order, returns without reason, late recordings,
 * evidence changed or removed, findings dated later, the decision, the execution, the closing) is left out; clock
 * stops are read up to `day` by the facts themselves. Relief circumstances established later are kept: they speak
 * about the conduct, whenever they were established. Extensions approved later are still counted (a known leniency).
 * @example stateAsOf(state, '2019-05-18').stepOutOfOrderCount
 */
export function stateAsOf(state: CaseState, day: string): CaseState {
  const until = (d: string) => d <= day
  const { outOfOrder, unjustifiedReturn, longestDelays, lateRecordings } = state.conductDays
  const delays = longestDelays.filter((d) => until(d.on))
  const kept: [string, EvidenceState][] = []
  for (const [id, e] of state.evidence) {
    if (!until(dateOf(e.uploadedAt))) continue
    const changed = e.changed && e.changedOn !== undefined && until(e.changedOn)
    const removed = e.removed === true && e.removedOn !== undefined && until(e.removedOn)
    const { removed: _r, removedOn: _ro, changedOn: _co, ...rest } = e
    kept.push([
      id,
      {
        ...rest,
        changed,
        ...(changed ? { changedOn: e.changedOn! } : {}),
        ...(removed ? { removed, removedOn: e.removedOn! } : {}),
      },
    ])
  }
  const evidence = VersionedMap.of(kept)
  const { decision, execution, closedOn: _closedOn, ...rest } = state
  const closed = state.closedOn !== undefined && until(state.closedOn)
  return {
    ...rest,
    ...(decision && until(dateOf(decision.occurredAt)) ? { decision } : {}),
    ...(execution && until(dateOf(execution.occurredAt)) ? { execution } : {}),
    ...(closed ? { closedOn: state.closedOn! } : {}),
    status: closed ? 'closed' : 'open',
    stepOutOfOrderCount: outOfOrder.filter(until).length,
    unjustifiedReturnCount: unjustifiedReturn.filter(until).length,
    maxRecordingDelayHours: delays.at(-1)?.hours ?? 0,
    conductDays: {
      outOfOrder: outOfOrder.filter(until),
      unjustifiedReturn: unjustifiedReturn.filter(until),
      longestDelays: delays,
      lateRecordings: VersionedList.of(lateRecordings.toArray().filter((r) => until(r.recordedOn))),
    },
    evidence,
    evidenceChangedCount: kept.filter(([, e]) => e.changed).length,
    evidenceRemovedCount: kept.filter(([, e]) => e.removed).length,
    raisedFindings: VersionedList.of(state.raisedFindings.filter((f) => until(f.on))),
    stops: state.stops
      .filter((s) => until(s.from))
      .map((s) =>
        s.to !== undefined && !until(s.to)
          ? { kind: s.kind, ...(s.reason !== undefined ? { reason: s.reason } : {}), from: s.from }
          : s,
      ),
  }
}
