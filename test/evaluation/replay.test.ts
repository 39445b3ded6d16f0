import { describe, expect, it } from 'vitest'
import { replayJson } from '../../src/cli/format-evaluation.js'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import type { LoadedPack } from '../../src/rules/rule-library.js'
import { accepted, caseFile, event } from '../support/case-builder.js'

const env = loadEnvironment()

const file = caseFile([
  accepted('2025-09-26'),
  event('2025-09-26', { type: 'stepStarted', stepId: 'review' }, '10:00'),
  {
    ...event('2025-09-29', { type: 'stepCompleted', stepId: 'review', opinion: { stance: 'approve', text: '同意' } }),
    recordedAt: '2025-11-03T09:00:00+08:00',
  },
])

describe('replay', () => {
  it('evaluates every event, then the case as of a moment, with the packs by content hash', () => {
    const r = replayCase(env, file, { at: '2025-11-04T09:00:00+08:00' })
    expect(r.evaluations.map((e) => e.sequence)).toEqual([1, 2, 3])
    expect(r.asOf?.sequence).toBeNull()
    expect(r.asOf?.eventType).toBe('asOf')
    expect(r.asOf?.packs.map((p) => p.id)).toEqual([
      'cn.administrative-licensing-law',
      'cn.administrative-penalty-law',
      'sc.catalog-adjustment',
      'sc.electronic-supervision',
      'sc.platform',
      'lx.discretion-standards',
    ])
    expect(r.asOf?.lapsedPacks?.map((p) => p.id)).toEqual(['aba.accountability', 'aba.catalog', 'aba.supervision'])
    for (const p of r.asOf!.packs) expect(p.version).toMatch(/^sha256:[0-9a-f]{64}$/)
    const red = r.asOf!.firings.find((f) => f.ruleId === 'sc.deadline.statutory-overdue')!
    expect(red).toMatchObject({ level: 'red', kind: 'deadline', citation: { article: '第十条', item: '(二)3' } })
    expect(red.trace).toEqual([
      { at: 'all', operator: 'all', result: true },
      { at: 'all[0]', operator: 'equal', fact: 'statutoryOverdue', expected: true, found: true, result: true },
      { at: 'all[1]', operator: 'equal', fact: 'matterType', expected: 'case', found: 'case', result: true },
    ])
  })

  it('as of a moment, only replays what had been recorded by then', () => {
    const r = replayCase(env, file, { at: '2025-10-31T09:00:00+08:00' })
    expect(r.evaluations).toHaveLength(2)
    expect(r.asOf?.facts.activeStepIds).toEqual(['review'])
  })

  it('evaluates each event at the moment it occurred, not when it was recorded', () => {
    const r = replayCase(env, file)
    expect(r.evaluations[2]!.at).toBe('2025-09-29T10:00:00+08:00')
    expect(r.evaluations[2]!.facts.statutoryOverdue).toBe(false)
    expect(r.evaluations[2]!.facts.recordingDelayHours).toBeGreaterThan(800)
  })

  it('is deterministic: the same events, rules and moment give byte-identical output', () => {
    const a = replayJson(replayCase(env, file, { at: '2025-11-04T09:00:00+08:00' }))
    const b = replayJson(replayCase(loadEnvironment(), structuredClone(file), { at: '2025-11-04T09:00:00+08:00' }))
    expect(a).toBe(b)
    expect(a).toContain('"ruleId": "sc.deadline.statutory-overdue"')
  })

  it('marks conditions that were not evaluated as such, never as false', async () => {
    const { RuleSet } = await import('../../src/rules/rule-set.js')
    const pack: LoadedPack = {
      file: 'inline',
      version: 'sha256:test',
      pack: {
        id: 'test.priority',
        title: 't',
        jurisdiction: { code: '510000', name: '四川省', level: 'province' },
        issuingDocument: { title: 't', issuer: 't' },
        effectiveFrom: '2014-02-01',
        rules: [
          {
            id: 'test.any',
            version: 1,
            kind: 'deadline',
            level: 'info',
            title: 't',
            citation: { document: 'd', article: '第一条' },
            conditions: {
              any: [
                { fact: 'statutoryOverdue', operator: 'equal', value: false, priority: 2 },
                { fact: 'promisedOverdue', operator: 'equal', value: true, priority: 1 },
              ],
            },
          },
        ],
      },
    }
    const set = RuleSet.of([pack])
    const facts = replayCase(env, file, { at: '2025-10-09T09:00:00+08:00' }).asOf!.facts
    const [firing] = set.evaluate(facts as never, '2025-10-09')
    expect(firing!.trace[2]).toMatchObject({ fact: 'promisedOverdue', result: 'not-evaluated' })
    expect(firing!.trace[2]).not.toHaveProperty('found')
  })

  it('stops at a refused event and says why', () => {
    const r = replayCase(env, caseFile([accepted('2025-09-26'), event('2025-09-27', { type: 'resumed' })]))
    expect(r.refused).toMatchObject({ sequence: 2, problems: [{ code: 'NOT_SUSPENDED' }] })
    expect(r.evaluations).toHaveLength(1)
  })

  it('counts a year without a notice as provisional and says so; a year before the first notice is refused, named', () => {
    const r = replayCase(env, caseFile([accepted('2026-12-20')]), { at: '2027-01-05T09:00:00+08:00' })
    expect(r.asOf?.calendarProvisional?.years).toEqual([2027])
    expect(() => replayCase(env, caseFile([accepted('2016-12-20')]), { at: '2016-12-21T09:00:00+08:00' })).toThrow(
      /2016/,
    )
  })
})
