/** Each power type is timed by its own law: 行政许可法 for licensing, 行政处罚法 for penalty, nothing invented for the rest. */
import { describe, expect, it } from 'vitest'
import { applyEvent } from '../../src/case/apply-event.js'
import type { CaseState } from '../../src/case/case-state.js'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { evaluateAt } from '../../src/evaluation/evaluation.js'
import { replayCase } from '../../src/evaluation/replay.js'
import type { CaseEvent, CaseHeader } from '../../src/types/generated.js'
import { accepted, caseFile, event, moment } from '../support/case-builder.js'

const env = loadEnvironment()
const PENALTY: Partial<CaseHeader> = {
  name: '理县某某商贸有限公司消防设施未保持完好有效案',
  powerItem: {
    code: 'LX-XZCF-XF-0060',
    name: '对单位消防设施、器材、消防安全标志不符合标准或者未保持完好有效的处罚',
    type: 'penalty',
  },
  department: { code: 'lx-xfjy', name: '理县消防救援大队', jurisdiction: '513222' },
}
const asOf = (events: CaseEvent[], day: string) => {
  const replay = replayCase(env, caseFile(events), { at: moment(day, '09:00') })
  expect(replay.refused).toBeUndefined()
  return replay.asOf!
}

describe('行政处罚法 第六十条: 90 days from 立案, calendar days', () => {
  it('a penalty case whose header says 30 working days is counted by the law: 90 calendar days, the law cited', () => {
    const e = asOf(
      [accepted('2025-06-03', { ...PENALTY, statutoryLimit: { days: 30, unit: 'working' } })],
      '2025-08-01',
    )
    expect(e.facts.statutoryLimitUnit).toBe('calendar')
    expect(e.facts.statutoryLimitDays).toBe(90)
    expect(e.facts.statutoryDueDate).toBe('2025-09-01')
    expect(e.facts.limitSource).toBe('中华人民共和国行政处罚法 第六十条')
    expect(e.firings.map((f) => f.ruleId)).not.toContain('sc.deadline.statutory-overdue')
  })
  it('a header naming the provision that sets another limit keeps it', () => {
    const h = {
      ...PENALTY,
      statutoryLimit: { days: 30, unit: 'working' as const },
      statutoryLimitBasis: '（示例）另行规定办案期限的条文',
    }
    const e = asOf([accepted('2025-06-03', h)], '2025-08-01')
    expect(e.facts.limitSource).toBe('header')
    expect(e.facts.statutoryLimitDays).toBe(30)
    expect(e.firings.map((f) => f.ruleId)).toContain('sc.deadline.statutory-overdue')
  })
  it("a penalty case before 2021-07-15 (行政处罚法 of 2017: no such limit) keeps its header's", () => {
    const e = asOf(
      [accepted('2019-06-03', { ...PENALTY, statutoryLimit: { days: 30, unit: 'working' } })],
      '2019-06-20',
    )
    expect(e.facts.limitSource).toBe('header')
    expect(e.facts.statutoryLimitUnit).toBe('working')
  })
})

describe('行政许可法 第四十二条、第四十五条 apply to licensing only', () => {
  it('a 鉴定 stops a licensing clock and not a penalty clock', () => {
    const licence = asOf(
      [accepted('2025-09-26'), event('2025-10-09', { type: 'suspended', reason: 'appraisal' })],
      '2025-10-31',
    )
    expect(licence.facts.clockStopped).toBe(true)
    const penalty = asOf(
      [
        accepted('2025-09-26', { ...PENALTY, statutoryLimit: { days: 90, unit: 'calendar' } }),
        event('2025-10-09', { type: 'suspended', reason: 'appraisal' }),
      ],
      '2025-10-31',
    )
    expect(penalty.facts.clockStopped).toBe(false)
    expect(penalty.facts.statutoryDaysUsed).toBe(35)
  })
  it('a licensing extension over 10 working days is refused; a 30-day one on a power type no pack times is counted', () => {
    const over = replayCase(
      env,
      caseFile([
        accepted('2025-09-26'),
        event('2025-10-20', { type: 'extensionApproved', workingDays: 11, approvedBy: '张局长', reason: '需现场核查' }),
      ]),
    )
    expect(over.refused?.problems[0]?.code).toBe('EXTENSION_OVER_CAP')
    const other = { powerItem: { code: 'LX-QT-0001', name: '其他行政权力', type: 'other' as const } }
    const e = asOf(
      [
        accepted('2025-09-26', other),
        event('2025-10-20', { type: 'extensionApproved', workingDays: 30, approvedBy: '张局长', reason: '情况复杂' }),
      ],
      '2025-10-21',
    )
    expect(e.facts.extensionWorkingDays).toBe(30)
    expect(e.facts.extensionsWithoutBasis).toBe(0)
  })
})

describe('the state a service folds from stored events (no admission policy) is judged the same', () => {
  it('penalty limit and an extension without its basis come out of the facts, not the fold', () => {
    const ext = event('2025-08-25', {
      type: 'extensionApproved',
      workingDays: 15,
      approvedBy: '负责人',
      reason: '案情复杂',
    })
    const events = [accepted('2025-06-03', { ...PENALTY, statutoryLimit: { days: 30, unit: 'working' } }), ext]
    const folded = events.reduce<CaseState | undefined>((s, e) => applyEvent(s, e, 'c1'), undefined)!
    const stored = evaluateAt(env, folded, moment('2025-09-10', '09:00'))
    const appended = asOf(events, '2025-09-10')
    expect(stored.facts).toEqual(appended.facts)
    expect(stored.facts).toMatchObject({
      statutoryDueDate: '2025-09-01',
      extensionWorkingDays: 0,
      extensionsWithoutBasis: 1,
      statutoryOverdue: true,
    })
  })
})

describe('行政处罚法 第三十六条: two years counted as 民法典 第二百零一条、第二百零二条 count', () => {
  it("ends on the corresponding day, or the month's last day when there is none", async () => {
    const { lastDayOfYears } = await import('../../src/facts/discretion-facts.js')
    expect(lastDayOfYears('2023-06-03', 2)).toBe('2025-06-03')
    expect(lastDayOfYears('2020-02-29', 2)).toBe('2022-02-28')
    expect(lastDayOfYears('2020-02-29', 4)).toBe('2024-02-29')
  })
})
