import { describe, expect, it } from 'vitest'
import { Calendar } from '../../src/calendar/calendar.js'
import { applyEvent } from '../../src/case/apply-event.js'
import type { CaseState } from '../../src/case/case-state.js'
import { deriveFacts } from '../../src/facts/derive-facts.js'
import type { CaseEvent, CaseHeader, DeadlinePolicy } from '../../src/types/generated.js'
import { accepted, event, moment } from '../support/case-builder.js'

const calendar = Calendar.load()
const citation = { document: '中华人民共和国行政许可法', article: '第四十五条' }
const policy: DeadlinePolicy = {
  powerTypes: {
    licensing: {
      citation,
      acceptance: { supplementNoticeWithin: { days: 5, unit: 'working' }, citation },
      clockStops: [{ during: 'suspension', reasons: ['hearing', 'testing', 'expertReview'], citation }],
    },
  },
}

function factsAt(events: CaseEvent[], day: string, over: { policy?: DeadlinePolicy; time?: string } = {}) {
  let state: CaseState | undefined
  for (const e of events) state = applyEvent(state, e, 'c1')
  return deriveFacts(calendar, {
    before: undefined,
    state: state!,
    event: undefined,
    at: moment(day, over.time ?? '09:00'),
    policy: over.policy ?? policy,
  })
}

function factsOn(events: CaseEvent[]) {
  let before: CaseState | undefined
  let state: CaseState | undefined
  for (const e of events) {
    before = state
    state = applyEvent(state, e, 'c1')
  }
  const last = events.at(-1)!
  return deriveFacts(calendar, { before, state: state!, event: last, at: last.occurredAt, policy })
}

describe('deadline facts, counted as the law counts', () => {
  it('does not count the day of acceptance, skips 国庆中秋 2025 and counts the make-up Saturday 10月11日', () => {
    const f = factsAt([accepted('2025-09-26')], '2025-10-13')
    expect(f.statutoryDueDate).toBe('2025-10-30')
    // 9/28(日,调休) 9/29 9/30 10/9 10/10 10/11(六,调休) 10/13
    expect(f.statutoryDaysUsed).toBe(7)
    expect(f.statutoryDaysLeft).toBe(13)
    expect(f.statutoryOverdue).toBe(false)
  })

  it('is due through the last day and overdue the next day', () => {
    expect(factsAt([accepted('2025-09-26')], '2025-10-30', { time: '23:59' })).toMatchObject({
      statutoryOverdue: false,
      statutoryDaysLeft: 0,
    })
    expect(factsAt([accepted('2025-09-26')], '2025-10-31', { time: '00:01' })).toMatchObject({
      statutoryOverdue: true,
      statutoryDaysLeft: -1,
    })
  })

  it('a calendar-day limit ending on a holiday moves to the first working day after it (民法典 第二百零三条)', () => {
    // 30 calendar days from 2026-01-16 end on 2026-02-15, first day of 春节; the holiday runs to 2月23日
    const header: Partial<CaseHeader> = {
      statutoryLimit: { days: 30, unit: 'calendar' },
      promisedLimit: { days: 30, unit: 'calendar' },
    }
    const f = factsAt([accepted('2026-01-16', header)], '2026-02-20')
    expect(f.statutoryDueDate).toBe('2026-02-24')
    expect(f.statutoryOverdue).toBe(false)
    expect(factsAt([accepted('2026-01-16', header)], '2026-02-25').statutoryOverdue).toBe(true)
  })

  it('a supplement notified within 5 working days defers 受理: the 20 days run from its receipt (行政许可法 第三十二条、第四十二条)', () => {
    const events = [
      accepted('2025-09-26'),
      event('2025-09-30', { type: 'supplementRequested', materials: ['营业执照'] }),
      event('2025-10-15', { type: 'supplementReceived' }),
    ]
    const f = factsAt(events, '2025-11-05')
    expect(f.acceptedOnByLaw).toBe('2025-10-15')
    expect(f.supplementNoticeLate).toBe(false)
    // 10/16 10/17 10/20–24 10/27–31 11/3–7 11/10 11/11 11/12: the 20th working day after 10-15
    expect(f.statutoryDueDate).toBe('2025-11-12')
    expect(f.statutoryDaysLeft).toBe(5)
    // while the supplement is awaited nothing is counted and the clock stands still
    const waiting = factsAt(events.slice(0, 2), '2025-10-10')
    expect([waiting.acceptedOnByLaw, waiting.clockStopped, waiting.statutoryDaysUsed]).toEqual([null, true, 0])
    // without the policy, the same events do not defer acceptance: nothing in code decides it
    expect(factsAt(events, '2025-11-05', { policy: {} }).statutoryOverdue).toBe(true)
  })

  it('a supplement notified after 5 working days: accepted on receipt, the supplement period counted (逾期不告知的，自收到申请材料之日起即为受理)', () => {
    // 9/28(日,调休) 9/29 9/30 10/9 10/10 are the five working days after 9/26; 10/13 is late
    const events = [
      accepted('2025-09-26'),
      event('2025-10-13', { type: 'supplementRequested', materials: ['营业执照'] }),
      event('2025-10-20', { type: 'supplementReceived' }),
    ]
    const f = factsAt(events, '2025-10-31')
    expect([f.acceptedOnByLaw, f.supplementNoticeLate]).toEqual(['2025-09-26', true])
    expect(f.statutoryDueDate).toBe('2025-10-30')
    expect(f.statutoryOverdue).toBe(true)
    expect(factsAt(events.slice(0, 1), '2025-10-31').supplementNoticeLate).toBeNull()
  })

  it('an open stop holds the clock still while it lasts', () => {
    const events = [accepted('2025-09-26'), event('2025-10-09', { type: 'suspended', reason: 'hearing' })]
    const f = factsAt(events, '2025-12-01')
    expect(f.clockStopped).toBe(true)
    expect(f.statutoryOverdue).toBe(false)
    expect(f.statutoryDaysUsed).toBe(4) // 9/28 9/29 9/30 10/9
  })

  it('a suspension for a reason the policy does not list keeps the clock running', () => {
    const f = factsAt(
      [accepted('2025-09-26'), event('2025-10-09', { type: 'suspended', reason: 'other' })],
      '2025-10-31',
    )
    expect(f.clockStopped).toBe(false)
    expect(f.statutoryOverdue).toBe(true)
  })

  it('adds approved extensions in working days', () => {
    const f = factsAt(
      [
        accepted('2025-09-26'),
        event('2025-10-28', { type: 'extensionApproved', workingDays: 10, approvedBy: '张局长', reason: '核查' }),
      ],
      '2025-11-05',
    )
    expect(f.statutoryLimitDays).toBe(30)
    expect(f.statutoryDueDate).toBe('2025-11-13')
  })

  it('stops counting when the case closes', () => {
    const f = factsAt([accepted('2025-09-26'), event('2025-10-20', { type: 'closed' })], '2026-03-01')
    expect(f.caseStatus).toBe('closed')
    expect(f.statutoryOverdue).toBe(false)
    expect(f.promisedOverdue).toBe(false)
  })

  it('reads the clock of each active step from the day it started', () => {
    const events = [accepted('2025-09-26'), event('2025-09-29', { type: 'stepStarted', stepId: 'review' })]
    // 3 working days after 9/29: 9/30, 10/9, 10/10; the make-up Saturday 10/11 is the first day overdue
    expect(factsAt(events, '2025-10-09')).toMatchObject({
      stepOverdue: false,
      stepDaysLeft: 1,
      activeStepIds: ['review'],
    })
    expect(factsAt(events, '2025-10-10')).toMatchObject({ stepOverdue: false, stepDaysLeft: 0 })
    expect(factsAt(events, '2025-10-11')).toMatchObject({
      stepOverdue: true,
      overdueStepIds: ['review'],
      stepDaysLeft: -1,
    })
  })
})

describe('event facts', () => {
  it('measures how late an event was recorded', () => {
    const late = {
      ...event('2025-09-27', { type: 'stepStarted', stepId: 'review' }),
      recordedAt: '2025-10-10T09:00:00+08:00',
    }
    expect(factsOn([accepted('2025-09-26'), late]).recordingDelayHours).toBe(311)
  })

  it('flags a step started out of its order', () => {
    expect(factsOn([accepted(), event('2025-09-26', { type: 'stepStarted', stepId: 'approve' })]).stepOutOfOrder).toBe(
      true,
    )
    expect(factsOn([accepted(), event('2025-09-26', { type: 'stepStarted', stepId: 'review' })]).stepOutOfOrder).toBe(
      false,
    )
  })

  it('checks the qualification of the actor on the day of the event', () => {
    const withQualification = (validUntil: string) => ({
      ...event('2025-09-29', {
        type: 'decisionMade',
        outcome: 'grant',
        legalBasis: ['《食品安全法》第三十五条'],
        evidenceIds: [],
      }),
      actor: { id: 'u-zhao', name: '赵强', qualification: { number: '川执 0123', validUntil } },
    })
    expect(factsOn([accepted(), withQualification('2025-09-29')]).actorQualificationValid).toBe(true)
    expect(factsOn([accepted(), withQualification('2025-09-28')]).actorQualificationValid).toBe(false)
  })

  it('compares the decision with its evidence and its execution', () => {
    const sha = 'c'.repeat(64)
    const base = [
      accepted(),
      event('2025-09-29', {
        type: 'evidenceUploaded',
        evidence: { id: 'ev1', kind: 'record', title: '询问笔录', sha256: sha },
      }),
      event('2025-09-30', {
        type: 'decisionMade',
        outcome: 'penalty',
        legalBasis: ['《食品安全法》第一百二十六条'],
        evidenceIds: ['ev1', 'ev2'],
        penalty: { kinds: ['fine'], amount: 5000 },
      }),
    ]
    expect(factsOn(base)).toMatchObject({
      decisionEvidenceCount: 2,
      decisionMissingEvidenceCount: 1,
      decisionHasLegalBasis: true,
      penaltyAmount: 5000,
      executionMatchesDecision: null,
    })
    const paid = (amount: number, voucher = true) =>
      event('2025-10-09', {
        type: 'executed',
        penalty: { kinds: ['fine'], amount },
        ...(voucher ? { voucher: { id: 'v1', kind: '缴款书' } } : {}),
      })
    expect(factsOn([...base, paid(5000)])).toMatchObject({
      executed: true,
      executionMatchesDecision: true,
      executionHasVoucher: true,
    })
    expect(factsOn([...base, paid(3000, false)])).toMatchObject({
      executionMatchesDecision: false,
      executionHasVoucher: false,
    })
  })
})
