import { describe, expect, it } from 'vitest'
import { computeReport, type ReportCase } from '../../src/report/compute-report.js'
import { figureValues } from '../../src/report/figure-values.js'
import { reportHtml } from '../../src/report/report-html.js'
import { FIGURES } from '../../src/report/report-figures.js'
import { parsePeriod } from '../../src/report/report-period.js'
import type { CaseEvent, SupervisionReport } from '../../src/types/generated.js'

const actor = { id: 'u-jc', name: '赵监察' }
const ev = (id: string, type: string, at: string, extra: object = {}) =>
  ({ id, type, occurredAt: at, recordedAt: at, actor, ...extra }) as unknown as CaseEvent
const received = (id: string, at: string) =>
  ev(id, 'complaintReceived', at, { kind: 'complaint', realName: false, content: '窗口态度差' })
const answered = (id: string, complaintId: string, at: string) =>
  ev(id, 'complaintAnswered', at, { complaintId, handling: '已约谈窗口人员并告知投诉人' })
const department = { code: 'lx-scjgj', name: '理县市场监督管理局' }
const ordinary = (caseId: string, events: CaseEvent[]): ReportCase => ({
  caseId,
  department,
  events: [ev(`${caseId}0`, 'accepted', '2026-10-20T09:00:00+08:00', { case: {} }), ...events],
  evaluations: [],
})

const CASES: ReportCase[] = [
  ordinary('a', [
    // answered 2.5 days after it came: counts in November
    received('k1', '2026-11-03T10:00:00+08:00'),
    answered('r1', 'k1', '2026-11-05T22:00:00+08:00'),
    // answered after the period: unanswered at November's end, answered in December after 12 days
    received('k2', '2026-11-20T10:00:00+08:00'),
    answered('r2', 'k2', '2026-12-02T10:00:00+08:00'),
  ]),
  ordinary('b', [
    // two complaints, the reply answers the second: the first stays unanswered
    received('k4', '2026-11-10T09:00:00+08:00'),
    received('k5', '2026-11-10T10:00:00+08:00'),
    answered('r5', 'k5', '2026-11-11T10:00:00+08:00'),
    // received on December's first minute: not November's
    received('k7', '2026-12-01T00:00:00+08:00'),
  ]),
  // received in October, answered in November after 30 days: a November reply
  ordinary('c', [received('k6', '2026-10-28T10:00:00+08:00'), answered('r6', 'k6', '2026-11-27T10:00:00+08:00')]),
  {
    // a report matter is answered by its closed event (reportsRepliedInLimit), not here
    caseId: 'd',
    department,
    events: [
      ev('d1', 'accepted', '2026-11-15T09:00:00+08:00', { case: { matterType: 'report' } }),
      ev('d2', 'complaintReceived', '2026-11-15T09:00:00+08:00', { kind: 'report', realName: true, content: 'x' }),
    ],
    evaluations: [],
  },
]

describe('complaints answered (complaintAnswered), counted from the events', () => {
  it('counts the replies of the period and the complaints still unanswered at its end, with the median days', () => {
    expect(computeReport(CASES, parsePeriod('2026-11')).complaintReplies).toEqual({
      answered: 3,
      unanswered: 2,
      medianDays: 2.5,
    })
  })

  it('does not count a reply after the period, nor a reply to another complaint', () => {
    // k2 is answered in December and k4 never; k7 comes in December
    expect(computeReport(CASES, parsePeriod('2026-12')).complaintReplies).toEqual({
      answered: 1,
      unanswered: 2,
      medianDays: 12,
    })
    expect(computeReport(CASES, parsePeriod('2026-10')).complaintReplies).toEqual({
      answered: 0,
      unanswered: 1,
      medianDays: null,
    })
  })

  it('prints the figure without an "in time" share, and the notes say why', () => {
    const figures = computeReport(CASES, parsePeriod('2026-11'))
    const report = {
      figures,
      title: '月报',
      organ: { id: 'o', name: '理县监察委员会' },
      scope: { code: '513222', name: '理县' },
      period: parsePeriod('2026-11'),
      generatedAt: '2026-12-01T01:00:00Z',
      definitions: [...FIGURES],
      charts: [],
    } as SupervisionReport
    expect(figureValues(report).complaintReplies).toBe('已答复 3，未答复 2，答复用时中位数 2.5 日')
    expect(figureValues(report, 'en').complaintReplies).toBe('answered 3, unanswered 2, median reply 2.5 days')
    const html = reportHtml(report)
    expect(html).toContain('<th scope="row">投诉答复</th><td>已答复 3，未答复 2，答复用时中位数 2.5 日</td>')
    expect(html).toContain('此项不计“按期答复”：现行条文没有规定投诉答复的天数')
    expect(html).toContain('2019年5月18日 期满失效')
  })
})
