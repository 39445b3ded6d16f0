/** The replies to a case's complaints as the report counts them: each complaintAnswered matched to its complaintReceived. */
import type { CaseEvent, ReportPeriod } from '../types/generated.js'

export interface CaseReplies {
  /** For each complaint answered in the period, the days (calendar, elapsed) from its receipt to the reply. */
  readonly days: readonly number[]
  /** Complaints received before the period's end and not answered before it. */
  readonly unanswered: number
}

/**
 * The replies of one case's events for a period, by occurredAt: a reply after the period's end does not count, and the
 * complaint it answers is still unanswered at the end.
 * @example repliesOf(events, parsePeriod('2026-11')) // { days: [3.5], unanswered: 1 }
 */
export function repliesOf(events: readonly CaseEvent[], period: ReportPeriod): CaseReplies {
  const from = Date.parse(period.from)
  const end = Date.parse(period.to)
  const received = new Map<string, number>()
  const answered = new Map<string, number>()
  for (const e of events) {
    if (e.type === 'complaintReceived') received.set(e.id, Date.parse(e.occurredAt))
    if (e.type === 'complaintAnswered') answered.set(e.complaintId, Date.parse(e.occurredAt))
  }
  const days: number[] = []
  let unanswered = 0
  for (const [id, at] of received) {
    if (at >= end) continue
    const reply = answered.get(id)
    if (reply === undefined || reply >= end) unanswered++
    else if (reply >= from) days.push((reply - at) / 86400e3)
  }
  return { days, unanswered }
}
