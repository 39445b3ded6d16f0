/** Findings: an accountability trigger against a department and a person, and the exemption or mitigation that clears or reduces it, both with their articles and traces. */
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { loadExamples } from '../../src/examples/run-example.js'
import { replayCase } from '../../src/evaluation/replay.js'

const env = loadEnvironment()
const RULES = new URL('../../rules', import.meta.url).pathname
const examples = new Map(loadExamples(RULES).examples.map((e) => [e.file.split('/').pop()!, e.example]))
const replay = (name: string) => {
  const ex = examples.get(name)!
  return replayCase(env, ex.case, { at: ex.at })
}

describe('a finding cleared by an exemption', () => {
  const r = replay('late-entry-cleared-by-force-majeure.example.json')

  it('is open until the circumstance is established', () => {
    const first = r.evaluations[0]!.findings!.find((f) => f.ruleId === 'aba.accountability.48-06')!
    expect(first).toMatchObject({
      status: 'open',
      item: '（六）',
      relief: [],
      department: { code: 'lx-scjgj' },
      responsible: { id: 'u-wang', name: '王晓' },
    })
  })

  it('then shows the trigger, the exemption with its own article and trace, and the status', () => {
    const finding = r.asOf!.findings!.find((f) => f.ruleId === 'aba.accountability.48-06')!
    expect(finding.status).toBe('cleared')
    // 第四十九条: "行权责任人不承担责任" — the department's responsibility (第四十八条) stands
    expect(finding.departmentStatus).toBe('open')
    expect(finding.citation).toMatchObject({ article: '第四十八条', item: '(六)' })
    expect(finding.relief).toEqual([
      expect.objectContaining({
        ruleId: 'aba.exemption.49-3-force-majeure',
        kind: 'exemption',
        effect: 'cleared',
        citation: expect.objectContaining({ article: '第四十九条', item: '(三)' }),
        trace: expect.arrayContaining([
          expect.objectContaining({ fact: 'reliefCircumstances', found: ['forceMajeure'], result: true }),
        ]),
      }),
    ])
  })

  it('leaves the firings exactly as the rules gave them (the differential test compares them with json-rules-engine)', () => {
    const trigger = r.asOf!.firings.find((f) => f.ruleId === 'aba.accountability.48-06')!
    expect(Object.keys(trigger)).not.toContain('status')
    // 7月2日 → 7月6日: 3, 4, 5, 6 — four working days, over the three the pack sets (第五十四条: working days, not clock hours)
    expect(trigger.trace).toContainEqual(
      expect.objectContaining({ fact: 'maxRecordingDelayWorkingDays', found: 4, result: true }),
    )
  })
})

describe('a finding raised by hand', () => {
  it('is against the department and the person the supervisor named, and a mitigation reduces it', () => {
    const f = replay('oversight-findings-reduced.example.json').asOf!.findings!
    // 第五十条 (行权部门及其工作人员) reduces the department's responsibility too
    expect(f.map((x) => [x.item, x.department.code, x.responsible?.name, x.status, x.departmentStatus])).toEqual([
      ['（五）', 'lx-scjgj', '张华', 'reduced', 'reduced'],
      ['（九）', 'lx-jxj', '唐伟', 'reduced', 'reduced'],
      ['（十二）', 'lx-mzj', '邓华', 'reduced', 'reduced'],
    ])
  })

  it('a video patrol’s violation is a finding of （十） against the department it recorded, not the patrolling one', () => {
    const f = replay('patrol-video-violation-reduced.example.json').asOf!.findings!.find(
      (x) => x.ruleId === 'aba.accountability.48-10',
    )!
    expect(f).toMatchObject({
      department: { code: 'lx-scjgj' },
      responsible: { id: 'u-wang' },
      raisedBy: expect.stringMatching(/^e\d+$/),
    })
  })
})

describe('a time red alarm with nobody relieved', () => {
  it('stays open against the handler of the active step', () => {
    const f = replay('process-red-alarm-finding-open.example.json').asOf!.findings!
    expect(f).toEqual([
      expect.objectContaining({
        ruleId: 'aba.accountability.48-07',
        status: 'open',
        responsible: expect.objectContaining({ name: '张华' }),
      }),
    ])
  })
})

describe('a supervisor’s finding dated to the fact it concerns', () => {
  it('is not the department’s 事后录入', async () => {
    const { accepted, caseFile, event } = await import('../support/case-builder.js')
    const finding = {
      ...event('2018-03-06', { type: 'findingRaised', item: '五', description: '流程图缺少现场核查环节' }),
      recordedAt: '2018-03-20T10:00:00+08:00',
    }
    const r = replayCase(env, caseFile([accepted('2018-03-05'), finding]), { at: '2018-03-21T09:00:00+08:00' })
    expect(r.asOf?.facts.maxRecordingDelayHours).toBe(0)
    expect(r.evaluations.flatMap((e) => e.firings.map((f) => f.ruleId))).not.toContain('sc.platform.late-entry')
    expect(r.asOf?.firings.map((f) => f.ruleId)).toEqual(['aba.accountability.48-05'])
  })
})
