/** Which days a case's clocks stand still, as the rule pack's deadline policy declares (补正, 暂停 for hearing, testing, expert review...). */
import type { StopPeriod } from '../case/case-state.js'
import type { DeadlinePolicy } from '../types/generated.js'

/**
 * True when the policy names this stop among the periods that do not count.
 * @example stopsClock({ kind: 'suspension', reason: 'hearing', from: '2025-10-09' }, pack.deadlinePolicy)
 */
export function stopsClock(stop: StopPeriod, policy: DeadlinePolicy | undefined): boolean {
  return (policy?.clockStops ?? []).some(
    (r) => r.during === stop.kind && (stop.kind === 'supplement' || !r.reasons || (stop.reason !== undefined && (r.reasons as readonly string[]).includes(stop.reason))),
  )
}

/**
 * A predicate: true for days inside a stop that the policy recognises. A stop covers the days after it began
 * up to and including the day it ended (counting resumes the next day); an open stop lasts up to `today`.
 * @example const stopped = stoppedDays(state.stops, pack.deadlinePolicy, '2025-10-09')
 */
export function stoppedDays(stops: readonly StopPeriod[], policy: DeadlinePolicy | undefined, today: string): (date: string) => boolean {
  const spans = stops.filter((s) => stopsClock(s, policy)).map((s) => [s.from, s.to ?? today] as const)
  if (spans.length === 0) return () => false
  return (date) => spans.some(([from, to]) => date > from && date <= to)
}
