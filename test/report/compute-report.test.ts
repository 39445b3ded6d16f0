import { describe, expect, it } from 'vitest'
import { computeReport, type ReportCase, type ReportEvaluation } from '../../src/report/compute-report.js'
import { figureValues } from '../../src/report/figure-values.js'
import { reportCharts } from '../../src/report/report-charts.js'
import { FIGURES } from '../../src/report/report-figures.js'
import { parsePeriod } from '../../src/report/report-period.js'
import type { CaseEvent } from '../../src/types/generated.js'

const NOV = parsePeriod('2026-11')
const ES = { document: '四川省行政权力依法规范公开运行电子监察管理办法(试行)', article: '第十条', item: '(二)3' }
const NEAR = { document: ES.document, article: '第十一条', item: '(二)' }
const actor = { id: 'u', name: '王' }
const ev = (id: string, type: string, at: string, extra: object = {}) =>
  ({ id, type, occurredAt: at, recordedAt: at, actor, ...extra }) as unknown as CaseEvent
const evaluation = (
  at: string,
  level: string,
  firings: [string, typeof ES][] = [],
  more: Partial<ReportEvaluation> = {},
): ReportEvaluation => ({
  at,
  level,
  eventId: null,
  facts: {},
  firings: firings.map(([l, citation]) => ({
    ruleId: `${l}-${citation.article}`,
    level: l as 'red',
    citation,
    title: l,
  })),
  ...more,
})
const market = { code: 'lx-scjgj', name: '理县市场监督管理局' }
const tax = { code: 'lx-swj', name: '理县税务局' }

const CASES: ReportCase[] = [
  {
    // accepted on the last minute of October (not counted), yellow then red in November, handled 26 hours later
    caseId: 'a',
    department: market,
    events: [
      ev('a1', 'accepted', '2026-10-31T23:59:00+08:00', { case: {} }),
      ev('a2', 'closed', '2026-11-20T10:00:00+08:00'),
      ev('a3', 'satisfactionRated', '2026-11-21T10:00:00+08:00', { rating: 'satisfied' }),
    ],
    evaluations: [
      evaluation('2026-11-02T09:00:00+08:00', 'yellow', [['yellow', NEAR]]),
      evaluation('2026-11-05T00:00:00+08:00', 'red', [['red', ES]]),
      evaluation('2026-11-06T00:00:00+08:00', 'red', [['red', ES]]),
      evaluation('2026-11-06T02:00:00+08:00', 'none', [], { eventId: 'a2', facts: { statutoryOverdue: true } }),
    ],
  },
  {
    // accepted on the first minute of November and on the last of it; red till after the period
    caseId: 'b',
    department: tax,
    events: [
      ev('b1', 'accepted', '2026-11-01T00:00:00+08:00', { case: {} }),
      ev('b2', 'complaintReceived', '2026-11-30T23:59:00+08:00', { kind: 'report', realName: true, content: 'x' }),
    ],
    evaluations: [
      evaluation('2026-11-30T12:00:00+08:00', 'red', [['red', ES]], {
        findings: [{ status: 'open', ruleId: 'f', citation: { document: 'd', article: '第四十八条' } }],
      }),
    ],
  },
  {
    caseId: 'c',
    department: market,
    // a real-name report (阿坝州办法 第五十二条), answered within its limit by the matter's closed event
    events: [
      ev('c1', 'accepted', '2026-11-15T09:00:00+08:00', { case: { matterType: 'report' } }),
      ev('c4', 'complaintReceived', '2026-11-15T09:00:00+08:00', { kind: 'report', realName: true, content: 'x' }),
      ev('c2', 'closed', '2026-11-19T09:00:00+08:00'),
      ev('c3', 'satisfactionRated', '2026-12-01T00:00:00+08:00', { rating: 'dissatisfied' }),
    ],
    evaluations: [
      evaluation('2026-12-01T09:00:00+08:00', 'red', [['red', ES]]),
      evaluation('2026-11-19T09:00:00+08:00', 'none', [], { eventId: 'c2', facts: { statutoryOverdue: false } }),
    ],
  },
  {
    // a real-name report received 11-20, its reply limit ending 12-01 (as its evaluation says), never answered
    caseId: 'd',
    department: tax,
    events: [
      ev('d1', 'accepted', '2026-11-20T09:00:00+08:00', { case: { matterType: 'report' } }),
      ev('d2', 'complaintReceived', '2026-11-20T09:00:00+08:00', { kind: 'report', realName: true, content: 'y' }),
    ],
    evaluations: [
      evaluation('2026-11-20T09:00:00+08:00', 'info', [], { eventId: 'd2', facts: { statutoryDueDate: '2026-12-01' } }),
    ],
  },
  {
    // an anonymous report answered late: no reply limit applies (第五十二条 binds real-name reports only)
    caseId: 'e',
    department: tax,
    events: [
      ev('e1', 'accepted', '2026-11-02T09:00:00+08:00', { case: { matterType: 'report' } }),
      ev('e2', 'complaintReceived', '2026-11-02T09:00:00+08:00', { kind: 'report', realName: false, content: 'z' }),
      ev('e3', 'closed', '2026-11-25T09:00:00+08:00'),
    ],
    evaluations: [
      evaluation('2026-11-25T09:00:00+08:00', 'none', [], { eventId: 'e3', facts: { statutoryOverdue: true } }),
    ],
  },
]

describe('report periods', () => {
  it('are months, quarters or years in China Standard Time, and nothing else', () => {
    expect(NOV).toEqual({
      kind: 'month',
      id: '2026-11',
      label: '2026年11月',
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-12-01T00:00:00+08:00',
    })
    expect(parsePeriod('2026-Q4')).toMatchObject({
      kind: 'quarter',
      label: '2026年第四季度',
      from: '2026-10-01T00:00:00+08:00',
      to: '2027-01-01T00:00:00+08:00',
    })
    expect(parsePeriod('2026-12').to).toBe('2027-01-01T00:00:00+08:00')
    expect(parsePeriod('2026')).toEqual({
      kind: 'year',
      id: '2026',
      label: '2026年',
      from: '2026-01-01T00:00:00+08:00',
      to: '2027-01-01T00:00:00+08:00',
    })
    for (const bad of ['2026-13', '2026-Q5', '202611', '26', 'November'])
      expect(() => parsePeriod(bad), bad).toThrow(/PERIOD_INVALID|报告期/)
  })
})

describe('the supervision report computed from the records', () => {
  const f = computeReport(CASES, NOV)

  it('counts what happened in the period, at its boundaries in China Standard Time', () => {
    expect(f.casesAccepted).toBe(1)
    expect(f.mattersAccepted).toBe(3)
    expect(f.casesClosed).toBe(1)
    expect(f.complaints).toEqual({ count: 4, realName: 3 })
  })

  it('counts each case once per level, by department and by article, from evaluations in the period only', () => {
    expect(f.yellowCases).toBe(1)
    expect(f.redCases).toBe(2)
    expect(f.byDepartment).toEqual([
      { code: 'lx-scjgj', name: '理县市场监督管理局', yellow: 1, red: 1 },
      { code: 'lx-swj', name: '理县税务局', yellow: 0, red: 1 },
    ])
    expect(f.byArticle).toEqual([
      { document: ES.document, article: '第十条', yellow: 0, red: 2 },
      { document: ES.document, article: '第十一条', yellow: 1, red: 0 },
    ])
  })

  it('measures overdue closing, red alarm handling, real-name reports, satisfaction and findings', () => {
    expect(f.overdueClosed).toEqual({ count: 1, of: 1, rate: 1 })
    expect(f.alarmHandlingHours).toEqual({ median: 26, handled: 1 })
    expect(f.alarmsUnhandled).toBe(1)
    expect(f.reportsRepliedInLimit).toEqual({ count: 1, of: 1, rate: 1 })
    // d's limit ends 12-01: not yet overdue at the end of November; it is at the end of the year
    expect(f.reportsUnrepliedOverdue).toBe(0)
    expect(computeReport(CASES, parsePeriod('2026')).reportsUnrepliedOverdue).toBe(1)
    expect(computeReport(CASES, parsePeriod('2026-Q4')).reportsRepliedInLimit).toEqual({ count: 1, of: 1, rate: 1 })
    expect(f.satisfaction).toEqual({ ratings: { satisfied: 1 }, total: 1, rate: 1 })
    expect(f.findings).toEqual({ open: 1, cleared: 0, reduced: 0 })
  })

  it('counts a year as its months together: 2026 holds November and the December rating', () => {
    const year = computeReport(CASES, parsePeriod('2026'))
    // case a accepted on 2026-10-31 counts in the year though not in November; c's December rating counts too
    expect(year.casesAccepted).toBe(2)
    expect(year.mattersAccepted).toBe(3)
    expect(year.satisfaction).toEqual({ ratings: { satisfied: 1, dissatisfied: 1 }, total: 2, rate: 0.5 })
    expect(year.redCases).toBe(3)
    expect(computeReport(CASES, parsePeriod('2025')).casesAccepted).toBe(0)
  })

  it('is empty, not wrong, for a period without records', () => {
    const empty = computeReport(CASES, parsePeriod('2025-11'))
    expect(empty).toMatchObject({
      casesAccepted: 0,
      redCases: 0,
      overdueClosed: { rate: null },
      alarmHandlingHours: { median: null },
      satisfaction: { rate: null },
    })
    expect(reportCharts(empty)).toEqual([])
  })

  it('prints each figure in Chinese, and in English for the page’s switch', () => {
    const report = { figures: f } as Parameters<typeof figureValues>[0]
    expect(figureValues(report).complaints).toBe('4（实名 3）')
    expect(figureValues(report, 'en').complaints).toBe('4 (real-name 3)')
    expect(figureValues(report, 'en').findings).toBe('to be held accountable 1, cleared 0, reduced 0')
    for (const d of FIGURES) expect(figureValues(report, 'en')[d.id], d.id).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('defines every figure once, with its meaning in both languages, and draws the distributions', () => {
    expect(new Set(FIGURES.map((d) => d.id)).size).toBe(FIGURES.length)
    for (const d of FIGURES) expect(d.meaningZh.length > 10 && d.meaningEn.length > 10, d.id).toBe(true)
    expect(reportCharts(f).map((c) => c.id)).toEqual(['byDepartment', 'byArticle', 'satisfaction'])
  })

  it('words the charts in English for the page’s switch, and in Chinese by default (the print)', () => {
    const words = (charts: ReturnType<typeof reportCharts>) =>
      charts.map((c) => {
        const o = c.option as {
          title: { text: string }
          legend?: { data: string[] }
          xAxis?: { name: string }
          series: { name?: string; data: ({ name?: string } | number)[] }[]
        }
        return [
          c.title,
          o.title.text,
          ...(o.legend?.data ?? []),
          o.xAxis?.name ?? '',
          ...o.series.flatMap((s) => [s.name ?? '', ...s.data.map((d) => (typeof d === 'object' && d.name) || '')]),
        ].join('|')
      })
    const zh = words(reportCharts(f))
    expect(zh[0]).toBe(
      '各部门黄灯预警、红灯报警办件数|各部门黄灯预警、红灯报警办件数|黄灯预警|红灯报警|办件数|黄灯预警|||红灯报警||',
    )
    expect(zh[2]).toContain('满意')
    const en = words(reportCharts(f, 'en'))
    expect(en[0]).toBe(
      'Cases with a yellow warning or red alarm, by department|Cases with a yellow warning or red alarm, by department|Yellow warning|Red alarm|Cases|Yellow warning|||Red alarm||',
    )
    expect(en[2]).toBe('Satisfaction ratings|Satisfaction ratings|||Satisfied')
    for (const w of en) expect(w).not.toMatch(/[\u4e00-\u9fff]/)
  })
})
