import { describe, expect, it } from 'vitest'
import { applyEvent } from '../../src/case/apply-event.js'
import type { CaseState } from '../../src/case/case-state.js'
import { XingquanError } from '../../src/errors/xingquan-error.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, event } from '../support/case-builder.js'

const fold = (events: CaseEvent[], policy = {}) =>
  events.reduce<CaseState | undefined>((s, e) => applyEvent(s, e, 'c1', policy), undefined)!
const refusal = (events: CaseEvent[], policy = {}) => {
  try {
    fold(events, policy)
  } catch (err) {
    expect(err).toBeInstanceOf(XingquanError)
    return err as XingquanError
  }
  throw new Error('expected a refusal')
}
const licensingLaw = { document: '中华人民共和国行政许可法', article: '第四十二条' }
const cap = {
  powerTypes: { licensing: { citation: licensingLaw, extension: { maxWorkingDays: 10, citation: licensingLaw } } },
}

describe('applyEvent: the fold', () => {
  it('starts with accepted and carries the case header', () => {
    const s = fold([accepted('2025-09-26')])
    expect(s.acceptedOn).toBe('2025-09-26')
    expect(s.header.serialNumber).toBe('LX-2025-000123')
    expect(s.steps.map((x) => x.status)).toEqual(['pending', 'pending', 'pending'])
  })

  it('opens and closes clock stops on the days they happen (China time)', () => {
    const s = fold([
      accepted('2025-09-26'),
      event('2025-09-30', { type: 'supplementRequested', materials: ['营业执照'] }, '23:30'),
      event('2025-10-15', { type: 'supplementReceived' }),
    ])
    expect(s.stops).toEqual([{ kind: 'supplement', from: '2025-09-30', to: '2025-10-15' }])
    expect(s.supplementRequestCount).toBe(1)
  })

  it('a return reopens the earlier step and resets the later ones', () => {
    const s = fold([
      accepted(),
      event('2025-09-26', { type: 'stepStarted', stepId: 'review' }),
      event('2025-09-28', { type: 'stepCompleted', stepId: 'review', opinion: { stance: 'approve', text: '同意' } }),
      event('2025-09-29', { type: 'stepStarted', stepId: 'approve' }),
      event('2025-09-30', {
        type: 'returned',
        fromStepId: 'approve',
        toStepId: 'review',
        reason: '材料需核实',
        approvedBy: '张科长',
      }),
    ])
    expect(s.steps.map((x) => x.status)).toEqual(['active', 'pending', 'pending'])
    expect(s.steps[0]!.startedOn).toBe('2025-09-30')
  })

  it('marks evidence changed when the same id comes back with other content', () => {
    const ev = (sha: string) =>
      event('2025-09-29', {
        type: 'evidenceUploaded',
        evidence: { id: 'ev1', kind: 'photo', title: '现场照片', sha256: sha.repeat(64) },
      })
    expect([...fold([accepted(), ev('a'), ev('a')]).evidence.values()][0]!.changed).toBe(false)
    expect([...fold([accepted(), ev('a'), ev('b')]).evidence.values()][0]!.changed).toBe(true)
  })

  it.each<[string, CaseEvent[], string]>([
    [
      'a first event that is not acceptance',
      [event('2025-09-26', { type: 'stepStarted', stepId: 'review' })],
      'CASE_NOT_ACCEPTED',
    ],
    [
      'a repeated event id',
      [
        accepted(),
        { ...event('2025-09-26', { type: 'closed' }), id: 'same' },
        { ...event('2025-09-26', { type: 'satisfactionRated', rating: 'satisfied' }), id: 'same' },
      ],
      'EVENT_DUPLICATE',
    ],
    [
      'recorded before it occurred',
      [accepted(), { ...event('2025-09-27', { type: 'closed' }), recordedAt: '2025-09-26T10:00:00+08:00' }],
      'RECORDED_BEFORE_OCCURRED',
    ],
    ['an unknown step', [accepted(), event('2025-09-26', { type: 'stepStarted', stepId: 'nope' })], 'STEP_UNKNOWN'],
    [
      'completing a step never started',
      [
        accepted(),
        event('2025-09-26', { type: 'stepCompleted', stepId: 'review', opinion: { stance: 'approve', text: '同意' } }),
      ],
      'STEP_NOT_ACTIVE',
    ],
    [
      'a return forward',
      [accepted(), event('2025-09-26', { type: 'returned', fromStepId: 'review', toStepId: 'decide' })],
      'RETURN_NOT_BACKWARD',
    ],
    [
      'a supplement received without a request',
      [accepted(), event('2025-09-26', { type: 'supplementReceived' })],
      'NO_OPEN_SUPPLEMENT',
    ],
    ['resuming a case not suspended', [accepted(), event('2025-09-26', { type: 'resumed' })], 'NOT_SUSPENDED'],
    [
      'a second suspension while suspended',
      [
        accepted(),
        event('2025-09-26', { type: 'suspended', reason: 'hearing' }),
        event('2025-09-27', { type: 'suspended', reason: 'testing' }),
      ],
      'ALREADY_STOPPED',
    ],
    [
      'work on a closed case',
      [
        accepted(),
        event('2025-09-26', { type: 'closed' }),
        event('2025-09-27', { type: 'stepStarted', stepId: 'review' }),
      ],
      'CASE_CLOSED',
    ],
  ])('refuses %s', (_what, events, code) => {
    expect(refusal(events).code).toBe(code)
  })

  it('records recording order: an event recorded before the previous one is refused', () => {
    const late = { ...event('2025-09-28', { type: 'closed' }), recordedAt: '2025-09-28T10:00:00+08:00' }
    const early = {
      ...event('2025-09-27', { type: 'stepStarted', stepId: 'review' }),
      recordedAt: '2025-09-27T10:00:00+08:00',
    }
    expect(refusal([accepted(), late, early]).code).toBe('RECORDED_OUT_OF_ORDER')
    const e2 = {
      ...event('2025-09-27', { type: 'stepStarted', stepId: 'review' }),
      recordedAt: '2025-09-29T10:00:00+08:00',
    }
    const e3 = {
      ...event('2025-09-27', { type: 'stepCompleted', stepId: 'review', opinion: { stance: 'approve', text: '同意' } }),
      recordedAt: '2025-09-28T10:00:00+08:00',
    }
    expect(refusal([accepted(), e2, e3]).code).toBe('RECORDED_OUT_OF_ORDER')
  })

  it('allows extensions up to the cap the policy declares and refuses beyond it, citing the article', () => {
    const ext = (days: number) =>
      event('2025-10-28', { type: 'extensionApproved', workingDays: days, approvedBy: '张局长', reason: '需现场核查' })
    expect(fold([accepted(), ext(10)], cap).extensionWorkingDays).toBe(10)
    const e = refusal([accepted(), ext(8), ext(5)], cap)
    expect(e.code).toBe('EXTENSION_OVER_CAP')
    expect(e.problems[0]!.zh).toContain('第四十二条')
    expect(e.problems[0]!.en).toContain('13 working days')
    // without a declared cap nothing in code invents one
    expect(fold([accepted(), ext(8), ext(5)]).extensionWorkingDays).toBe(13)
  })
})
