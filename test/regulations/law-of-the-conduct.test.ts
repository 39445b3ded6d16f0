/** Conduct is judged under the law in force when it happened: 阿坝州办法 findings of 2017–2019 outlive the measures, later conduct escapes them. */
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, caseFile, event, moment } from '../support/case-builder.js'

const env = loadEnvironment()
const asOf = (events: CaseEvent[], day: string) => replayCase(env, caseFile(events), { at: moment(day, '09:00') }).asOf!
const finding = (events: CaseEvent[], day: string, rule: string) =>
  asOf(events, day).findings?.find((f) => f.ruleId === rule)

describe('a step started out of order (第四十八条(七))', () => {
  const skip = (day: string) => event(day, { type: 'stepStarted', stepId: 'approve' })
  it('on 2019-05-15, under the 阿坝州办法: still a finding on 2019-06-05, made under the law of 2019-05-18', () => {
    const f = finding([accepted('2019-05-13'), skip('2019-05-15')], '2019-06-05', 'aba.accountability.48-07')
    expect(f).toMatchObject({ status: 'open', lawOn: '2019-05-18', item: '（七）' })
    expect(f?.department.name).toBe('理县市场监督管理局')
    // the last three months of the assumed window: the finding says it rests on the assumed issuance date (第五十六条)
    expect(f?.assumption).toMatch(/2017-05-18/)
  })
  it('on 2019-05-18 (a Saturday), the last day of the two years counted as 民法典 第二百零一条 counts: still under the measures', () => {
    const e = replayCase(env, caseFile([accepted('2019-05-13'), skip('2019-05-18')]), {
      at: moment('2019-05-18', '23:00'),
    }).asOf!
    expect(e.findings?.find((f) => f.ruleId === 'aba.accountability.48-07')?.status).toBe('open')
    expect(e.lapsedPacks).toBeUndefined()
  })
  it('a finding of 2018 does not rest on the assumption', () => {
    expect(
      finding([accepted('2018-05-07'), skip('2018-05-08')], '2018-05-09', 'aba.accountability.48-07')?.assumption,
    ).toBeUndefined()
  })
  it("on 2019-05-20, after the measures lapsed: no 第四十八条 finding, only the province's alarm", () => {
    const e = asOf([accepted('2019-05-13'), skip('2019-05-20')], '2019-06-05')
    expect(e.findings?.find((f) => f.ruleId === 'aba.accountability.48-07')).toBeUndefined()
    expect(e.lapsedPacks?.map((p) => p.id)).toContain('aba.accountability')
  })
  it('a relief circumstance established after the lapse still clears the finding of the conduct before it (第四十九条 of its day)', () => {
    const cleared = event('2019-06-03', {
      type: 'circumstanceEstablished',
      circumstance: 'applicantFraud',
      description: '申请人提供虚假材料',
    })
    const f = finding([accepted('2019-05-13'), skip('2019-05-15'), cleared], '2019-06-05', 'aba.accountability.48-07')
    expect(f?.status).toBe('cleared')
  })
})

describe('recording delays count working days (阿坝州办法 第五十四条), not clock hours across a weekend', () => {
  const late = (recorded: string) => {
    const step = { ...event('2025-11-07', { type: 'stepStarted', stepId: 'review' }, '18:00'), recordedAt: recorded }
    const r = replayCase(env, caseFile([accepted('2025-11-03'), step]))
    return r.evaluations.at(-1)!
  }
  it('a Friday-evening act recorded on Monday morning is on time', () => {
    const e = late('2025-11-10T09:00:00+08:00')
    expect(e.facts.recordingDelayHours).toBeGreaterThan(24)
    expect(e.facts.recordingDelayWorkingDays).toBe(1)
    expect(e.firings.map((f) => f.ruleId)).not.toContain('sc.platform.late-entry')
  })
  it('recorded on Tuesday it is late; 事后录入 (第四十八条(六)) only after three working days', () => {
    expect(late('2025-11-11T09:00:00+08:00').firings.map((f) => f.ruleId)).toContain('sc.platform.late-entry')
    expect(late('2025-11-12T09:00:00+08:00').facts.maxRecordingDelayWorkingDays).toBe(3)
  })
})
