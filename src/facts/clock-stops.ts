/** Which days a case's clocks stand still, as its power type's time policy declares (行政许可法 第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审). */
import type { StopPeriod } from '../case/case-state.js'
import type { PowerTypePolicy } from '../types/generated.js'

/**
 * True when the case's time policy names this stop among the periods that do not count (none for a type without one).
 * A supplement is never one: it comes before acceptance (src/facts/acceptance.ts).
 * @example stopsClock({ kind: 'suspension', reason: 'hearing', from: '2025-10-09' }, timePolicy)
 */
export function stopsClock(stop: StopPeriod, policy: PowerTypePolicy | undefined): boolean {
  return (policy?.clockStops ?? []).some(
    (r) => r.during === stop.kind && (!r.reasons || (stop.reason !== undefined && (r.reasons as readonly string[]).includes(stop.reason))),
  )
}

/**
 * A predicate: true for days inside one of the spans. A span covers the days after it began up to and including the
 * day it ended (counting resumes the next day); an open span lasts up to `today`.
 * @example withinSpans([{ from: '2025-10-09', to: '2025-10-17' }], '2025-10-31')('2025-10-10') // true
 */
export function withinSpans(spans: readonly { readonly from: string; readonly to?: string }[], today: string): (date: string) => boolean {
  const ranges = spans.map((s) => [s.from, s.to ?? today] as const)
  if (ranges.length === 0) return () => false
  return (date) => ranges.some(([from, to]) => date > from && date <= to)
}

/**
 * A predicate: true for days inside a stop that the case's time policy recognises (see withinSpans).
 * @example const stopped = stoppedDays(state.stops, timePolicy, '2025-10-09')
 */
export function stoppedDays(stops: readonly StopPeriod[], policy: PowerTypePolicy | undefined, today: string): (date: string) => boolean {
  return withinSpans(stops.filter((s) => stopsClock(s, policy)), today)
}
