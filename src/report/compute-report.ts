/** The supervision report's figures, computed from the records themselves (events and evaluations), never from counters. */
import { repliesOf } from './complaint-replies.js'
import type { CaseEvent, Citation, Finding, Firing, ReportFigures, ReportPeriod } from '../types/generated.js'

export type { ReportFigures }

export interface ReportCase {
  readonly caseId: string
  readonly department: { readonly code: string; readonly name: string }
  readonly events: readonly CaseEvent[]
  readonly evaluations: readonly ReportEvaluation[]
}

export interface ReportEvaluation {
  readonly at: string
  readonly level: string
  readonly eventId: string | null
  readonly firings: readonly Pick<Firing, 'ruleId' | 'level' | 'citation' | 'title'>[]
  readonly facts: Readonly<Record<string, unknown>>
  readonly findings?: readonly Pick<Finding, 'status' | 'ruleId' | 'citation' | 'item'>[]
}

const within = (iso: string, p: ReportPeriod) =>
  Date.parse(iso) >= Date.parse(p.from) && Date.parse(iso) < Date.parse(p.to)
const rate = (count: number, of: number) => (of === 0 ? null : Math.round((count / of) * 1000) / 1000)
const matterOf = (c: ReportCase): string => {
  const accepted = c.events.find((e) => e.type === 'accepted') as { case?: { matterType?: string } } | undefined
  return accepted?.case?.matterType ?? 'case'
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return Math.round((s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2) * 10) / 10
}

/** A matter without its closed event by the period's end whose limit (the statutoryDueDate last evaluated by then) ended before the end. */
function unanswered(c: ReportCase, p: ReportPeriod): boolean {
  const end = Date.parse(p.to)
  if (c.events.some((e) => e.type === 'closed' && Date.parse(e.occurredAt) < end)) return false
  const last = [...c.evaluations]
    .filter((v) => Date.parse(v.at) < end)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .at(-1)
  const due = last?.facts.statutoryDueDate
  // the limit's last day is counted whole: overdue from the start of the day after it (China Standard Time)
  return typeof due === 'string' && Date.parse(`${due}T00:00:00+08:00`) + 86400e3 <= end
}

/** Counts distinct cases per key and level: a case counts once per key for each level it reached there. */
function tally<K>(
  entries: Iterable<[string, K, string]>,
  keyOf: (k: K) => string,
): Map<string, { key: K; yellow: number; red: number }> {
  const seen = new Map<string, { key: K; yellow: Set<string>; red: Set<string> }>()
  for (const [caseId, key, level] of entries) {
    const k = keyOf(key)
    const b = seen.get(k) ?? { key, yellow: new Set<string>(), red: new Set<string>() }
    ;(level === 'red' ? b.red : b.yellow).add(caseId)
    seen.set(k, b)
  }
  return new Map([...seen].map(([k, b]) => [k, { key: b.key, yellow: b.yellow.size, red: b.red.size }]))
}

/**
 * The figures of the report for a period, each as FIGURES defines it.
 * @example const figures = computeReport(cases, parsePeriod('2026-11'))
 */
export function computeReport(cases: readonly ReportCase[], period: ReportPeriod): ReportFigures {
  let casesAccepted = 0
  let casesClosed = 0
  let mattersAccepted = 0
  let overdue = 0
  let complaints = 0
  let realName = 0
  let reportsClosed = 0
  let reportsInLimit = 0
  let reportsUnreplied = 0
  const replyDays: number[] = []
  let complaintsUnanswered = 0
  const ratings: Record<string, number> = {}
  const findings = { open: 0, cleared: 0, reduced: 0 }
  const handling: number[] = []
  let unhandled = 0
  const yellow = new Set<string>()
  const red = new Set<string>()
  const byDept: [string, { code: string; name: string }, string][] = []
  const byArticle: [string, Citation, string][] = []
  for (const c of cases) {
    const matter = matterOf(c)
    // a real-name report is a report matter holding a real-name complaintReceived; its reply is the matter's closed event
    const realNameReport =
      matter === 'report' && c.events.some((e) => e.type === 'complaintReceived' && e.kind === 'report' && e.realName)
    if (realNameReport && unanswered(c, period)) reportsUnreplied++
    // a complaint on a case is answered by a complaintAnswered event; one in a report matter by the matter's closed event
    if (matter !== 'report') {
      const replies = repliesOf(c.events, period)
      replyDays.push(...replies.days)
      complaintsUnanswered += replies.unanswered
    }
    for (const e of c.events) {
      if (!within(e.occurredAt, period)) continue
      if (e.type === 'accepted') matter === 'case' ? casesAccepted++ : mattersAccepted++
      if (e.type === 'complaintReceived') {
        complaints++
        if (e.realName) realName++
      }
      if (e.type === 'satisfactionRated') ratings[e.rating] = (ratings[e.rating] ?? 0) + 1
      if (e.type === 'closed') {
        const closing = c.evaluations.find((v) => v.eventId === e.id)
        const late = closing?.facts.statutoryOverdue === true
        if (matter === 'case') {
          casesClosed++
          if (late) overdue++
        }
        if (realNameReport) {
          reportsClosed++
          if (!late) reportsInLimit++
        }
      }
    }
    const inPeriod = c.evaluations.filter((v) => within(v.at, period))
    for (const v of inPeriod) {
      for (const f of v.firings) {
        if (f.level !== 'yellow' && f.level !== 'red') continue
        ;(f.level === 'red' ? red : yellow).add(c.caseId)
        byArticle.push([c.caseId, f.citation, f.level])
        byDept.push([c.caseId, c.department, f.level])
      }
    }
    const last = inPeriod[inPeriod.length - 1]
    for (const f of last?.findings ?? []) findings[f.status]++
    // red episodes: a run of red evaluations; it begins in the period, and ends at the first evaluation not red
    const ordered = [...c.evaluations].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    for (let i = 0; i < ordered.length; i++) {
      const v = ordered[i]!
      if (v.level !== 'red' || (i > 0 && ordered[i - 1]!.level === 'red') || !within(v.at, period)) continue
      const end = ordered.slice(i + 1).find((x) => x.level !== 'red' && Date.parse(x.at) < Date.parse(period.to))
      if (end) handling.push((Date.parse(end.at) - Date.parse(v.at)) / 3600e3)
      else unhandled++
    }
  }
  const total = Object.values(ratings).reduce((a, b) => a + b, 0)
  const satisfied = (ratings.verySatisfied ?? 0) + (ratings.satisfied ?? 0)
  return {
    casesAccepted,
    casesClosed,
    mattersAccepted,
    yellowCases: yellow.size,
    redCases: red.size,
    overdueClosed: { count: overdue, of: casesClosed, rate: rate(overdue, casesClosed) },
    alarmHandlingHours: { median: median(handling), handled: handling.length },
    alarmsUnhandled: unhandled,
    complaints: { count: complaints, realName },
    complaintReplies: { answered: replyDays.length, unanswered: complaintsUnanswered, medianDays: median(replyDays) },
    reportsRepliedInLimit: { count: reportsInLimit, of: reportsClosed, rate: rate(reportsInLimit, reportsClosed) },
    reportsUnrepliedOverdue: reportsUnreplied,
    satisfaction: { ratings, total, rate: rate(satisfied, total) },
    findings,
    byDepartment: [...tally(byDept, (d) => d.code).values()]
      .map(({ key, ...n }) => ({ ...key, ...n }))
      .sort((a, b) => b.red - a.red || b.yellow - a.yellow),
    byArticle: [...tally(byArticle, (c) => `${c.document}|${c.article}`).values()]
      .map(({ key, ...n }) => ({ document: key.document, article: key.article, ...n }))
      .sort((a, b) => b.red - a.red || b.yellow - a.yellow),
  }
}
