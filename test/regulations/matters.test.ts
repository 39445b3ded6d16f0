/** Matters (督办, 举报, 目录调整, 整改, 报告): limits from the packs by matter type, fixed when the matter opens, and their extension caps. */
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import type { Environment } from '../../src/evaluation/evaluation.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { packVersion } from '../../src/rules/pack-version.js'
import type { LoadedPack } from '../../src/rules/rule-library.js'
import type { CaseEvent, MatterHeader, RulePack } from '../../src/types/generated.js'
import { caseFile, event } from '../support/case-builder.js'

const env = loadEnvironment()

function matter(matterType: MatterHeader['matterType'], over: Partial<MatterHeader> = {}): MatterHeader {
  return {
    matterType,
    serialNumber: 'M-1',
    name: '事项',
    applicant: { name: '理县纪委监委', kind: 'organization' },
    powerItem: { code: 'SC-XK-0001', name: '食品经营许可', type: 'licensing' },
    department: { code: 'lx-scjgj', name: '理县市场监督管理局', jurisdiction: '513222' },
    ...over,
  }
}
const open = (day: string, header: MatterHeader): CaseEvent => event(day, { type: 'accepted', case: header as never })
const extend = (day: string, workingDays: number) =>
  event(day, { type: 'extensionApproved', workingDays, approvedBy: '理县纪委监委', reason: '情况复杂' })
const run = (events: CaseEvent[], at: string, e: Environment = env) =>
  replayCase(e, caseFile(events), { at: `${at}T09:00:00+08:00` })

describe('a 督办 matter (电子监察办法 第九条)', () => {
  it('runs 20 working days from the day it is assigned, plus one approved extension of at most 10', () => {
    const r = run([open('2025-11-03', matter('supervision')), extend('2025-11-20', 10)], '2025-12-15')
    expect(r.asOf?.facts).toMatchObject({
      matterType: 'supervision',
      statutoryLimitDays: 30,
      statutoryDueDate: '2025-12-15',
      statutoryOverdue: false,
      extensionCount: 1,
    })
    expect(r.asOf?.facts.limitSource).toBe('四川省行政权力依法规范公开运行电子监察管理办法(试行) 第九条')
  })

  it('refuses an extension over 10 working days, and a second extension', () => {
    expect(
      run([open('2025-11-03', matter('supervision')), extend('2025-11-20', 11)], '2025-12-01').refused?.problems[0]
        ?.code,
    ).toBe('EXTENSION_OVER_CAP')
    expect(
      run([open('2025-11-03', matter('supervision')), extend('2025-11-20', 3), extend('2025-11-25', 3)], '2025-12-01')
        .refused?.problems[0]?.code,
    ).toBe('EXTENSION_COUNT_OVER_CAP')
  })

  it('a case’s deadline rules stay silent on a matter: only the matter’s own rule cites 第九条', () => {
    const ids = run([open('2025-11-03', matter('supervision'))], '2025-12-03').asOf!.firings.map((f) => f.ruleId)
    expect(ids).toContain('sc.supervision-matter.overdue')
    expect(ids.filter((id) => id.startsWith('sc.deadline.'))).toEqual([])
  })

  it('refuses a header that gives its own limit where the law sets it', () => {
    const r = run(
      [open('2025-11-03', matter('supervision', { statutoryLimit: { days: 40, unit: 'working' } }))],
      '2025-11-04',
    )
    expect(r.refused?.problems[0]).toMatchObject({ code: 'MATTER_LIMIT_BY_LAW', zh: expect.stringContaining('第九条') })
  })
})

describe('a real-name report (阿坝州办法 第五十二条, 第五十四条)', () => {
  it('is due 7 working days after receipt, and cannot be extended', () => {
    const r = run([open('2018-03-05', matter('report')), extend('2018-03-07', 2)], '2018-03-08')
    expect(r.evaluations[0]!.facts.statutoryDueDate).toBe('2018-03-14')
    expect(r.refused?.problems[0]?.code).toBe('EXTENSION_NOT_ALLOWED')
  })

  it('after the 阿坝州办法 lapsed, is recorded without a limit and the evaluation lists the lapsed packs', () => {
    const r = run([open('2026-03-02', matter('report'))], '2026-06-01')
    expect(r.asOf?.facts).toMatchObject({ limitSource: 'none', statutoryOverdue: false })
    expect(r.asOf?.lapsedPacks?.map((p) => p.id)).toContain('aba.supervision')
  })
})

describe('a catalog update (动态调整办法 第五条 / 阿坝州办法 第二十条)', () => {
  it('in 2018 follows 阿坝州: 15 working days', () => {
    const r = run([open('2018-06-04', matter('catalogUpdate'))], '2018-06-15')
    expect(r.asOf?.facts).toMatchObject({
      statutoryLimitUnit: 'working',
      statutoryLimitDays: 15,
      statutoryDueDate: '2018-06-26',
    })
  })

  it('in 2026 follows 四川省 again: 10 days, in calendar days', () => {
    const r = run([open('2026-03-02', matter('catalogUpdate'))], '2026-03-13')
    expect(r.asOf?.facts).toMatchObject({
      statutoryLimitUnit: 'calendar',
      statutoryLimitDays: 10,
      statutoryDueDate: '2026-03-12',
      statutoryOverdue: true,
    })
    expect(r.asOf?.firings.find((f) => f.ruleId === 'sc.catalog.update-overdue')?.citation.article).toBe('第五条')
  })

  it('keeps the limit in force on the day it opened, even after that law lapses', () => {
    const r = run([open('2019-05-06', matter('catalogUpdate'))], '2019-05-28')
    expect(r.asOf?.facts).toMatchObject({
      statutoryDueDate: '2019-05-27',
      statutoryOverdue: true,
      limitSource: '阿坝州行政权力依法规范公开运行实施办法(试行) 第二十条',
    })
    // the 阿坝州 measures set this obligation: their rule judges its breach, citing 第二十条, and 第四十八条(四) follows
    const alarm = r.asOf?.firings.find((f) => f.ruleId === 'sc.catalog.update-overdue')
    expect([alarm?.pack.id, alarm?.citation.article]).toEqual(['aba.catalog', '第二十条'])
    expect(r.asOf?.lawOn).toBe('2019-05-18')
    expect(r.asOf?.findings?.find((f) => f.ruleId === 'aba.accountability.48-04')?.status).toBe('open')
    expect(r.asOf?.lapsedPacks?.map((p) => p.id)).toContain('aba.catalog')
  })
})

describe('a rectification (阿坝州办法 第四十二条、第五十一条)', () => {
  it('takes the deadline its order set, and is refused without one', () => {
    expect(
      run(
        [open('2018-04-02', matter('rectification', { statutoryLimit: { days: 10, unit: 'working' } }))],
        '2018-04-03',
      ).asOf?.facts.statutoryDueDate,
    ).toBe('2018-04-17')
    expect(run([open('2018-04-02', matter('rectification'))], '2018-04-03').refused?.problems[0]?.code).toBe(
      'MATTER_LIMIT_MISSING',
    )
  })
})

describe('a fixed due date (年度报告 1月31日前)', () => {
  const pack: RulePack = {
    id: 'test.annual',
    title: '测试：年度报告',
    jurisdiction: { code: '510000', name: '四川省', level: 'province' },
    issuingDocument: { title: '测试', issuer: '测试' },
    effectiveFrom: '2020-01-01',
    deadlinePolicy: {
      matters: { annualReport: { dueMonthDay: '01-31', citation: { document: '测试', article: '第一条' } } },
    },
    rules: [],
  }
  const testEnv: Environment = {
    ...env,
    packs: [{ file: 'test.pack.json', pack, version: packVersion(pack) } satisfies LoadedPack],
  }

  it('is never moved, even when it falls on a Saturday (2026-01-31)', () => {
    const r = run([open('2025-12-31', matter('annualReport'))], '2026-02-02', testEnv)
    expect(r.asOf?.facts).toMatchObject({
      statutoryDueDate: '2026-01-31',
      statutoryOverdue: true,
      statutoryLimitUnit: 'calendar',
    })
  })
})
