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
    (r) =>
      r.during === stop.kind &&
      (!r.reasons || (stop.reason !== undefined && (r.reasons as readonly string[]).includes(stop.reason))),
  )
}

const later = (a: string, b: string) => (a > b ? a : b)

/** Days on which a clock stands still: each span covers the days after `from` up to and including `to`. */
export interface StoppedSpan {
  readonly from: string
  readonly to: string
}

/**
 * The stopped days as sorted, disjoint spans (overlapping or touching ones merged), so that a clock jumps over each
 * stretch instead of asking day by day. A span covers the days after it began up to and including the day it ended
 * (counting resumes the next day); an open span lasts up to `today`. Empty spans are left out.
 * @example stoppedSpans([{ from: '2025-10-09', to: '2025-10-17' }], '2025-10-31') // [{ from: '2025-10-09', to: '2025-10-17' }]
 */
export function stoppedSpans(
  spans: readonly { readonly from: string; readonly to?: string }[],
  today: string,
): readonly StoppedSpan[] {
  const ranges = spans
    .map((s) => ({ from: s.from, to: s.to ?? today }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  const merged: StoppedSpan[] = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r.from <= last.to) merged[merged.length - 1] = { from: last.from, to: later(r.to, last.to) }
    else merged.push(r)
  }
  return merged
}

/**
 * A predicate: true for days inside one of the spans (see stoppedSpans).
 * @example withinSpans([{ from: '2025-10-09', to: '2025-10-17' }], '2025-10-31')('2025-10-10') // true
 */
export function withinSpans(
  spans: readonly { readonly from: string; readonly to?: string }[],
  today: string,
): (date: string) => boolean {
  const ranges = stoppedSpans(spans, today)
  if (ranges.length === 0) return () => false
  return (date) => ranges.some(({ from, to }) => date > from && date <= to)
}
