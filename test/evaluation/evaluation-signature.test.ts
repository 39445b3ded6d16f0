import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CaseOutcome } from '../../src/evaluation/case-outcome.js'
import { evaluationSignature, signedDecision } from '../../src/evaluation/evaluation-signature.js'

// an outcome as the sweep makes one: the facts as deriveFacts orders them, a firing with its trace, findings
const PACKS = [{ id: 'sc.deadline', version: 'sha256:aa', source: 'province' }]
function outcome(change: { facts?: object; firings?: object[]; extra?: object; level?: string } = {}): CaseOutcome {
  return {
    state: { status: 'open' },
    level: change.level ?? 'yellow',
    overdue: false,
    next: '2025-09-30T00:00:00+08:00',
    toNotice: [],
    evaluation: {
      caseId: 'c1',
      sequence: 1,
      eventId: 'e1',
      eventType: 'accepted',
      at: '2025-09-29T00:00:00+08:00',
      packs: PACKS,
      facts: change.facts ?? {
        eventId: 'e1',
        caseStatus: 'open',
        statutoryDaysUsed: 4,
        statutoryDaysLeft: 16,
        departmentKind: '市场监管',
        activeStepIds: ['review'],
        statutoryOverdue: false,
      },
      firings: change.firings ?? [
        {
          ruleId: 'sc.deadline.yellow',
          level: 'yellow',
          title: '临近期限',
          trace: [{ fact: 'statutoryDaysLeft', value: 16 }],
        },
      ],
      findings: [{ code: 'F1', items: [1, 2] }],
      ...change.extra,
    },
  } as unknown as CaseOutcome
}

const facts = (o: CaseOutcome) => o.evaluation.facts as unknown as Record<string, unknown>
const withFacts = (over: Record<string, unknown>) => outcome({ facts: { ...facts(outcome()), ...over } })

describe('signedDecision: the signature of a decision taken again', () => {
  it('takes the earlier signature when only the day counts, the event named and the traces differ', () => {
    const before = signedDecision(outcome())
    const later = outcome({
      facts: { ...facts(outcome()), eventId: 'e2', statutoryDaysUsed: 5, statutoryDaysLeft: 15 },
      firings: [
        {
          ruleId: 'sc.deadline.yellow',
          level: 'yellow',
          title: '临近期限',
          trace: [{ fact: 'statutoryDaysLeft', value: 15 }],
        },
      ],
    })
    const again = signedDecision(later, before)
    expect(again).toBe(before)
    expect(again.signature).toBe(evaluationSignature(later))
  })

  it('digests again when a decided value differs: a fact, a nested fact, an alert, a finding, the level', () => {
    const before = signedDecision(outcome())
    const changed = [
      withFacts({ departmentKind: '税务' }),
      withFacts({ activeStepIds: ['review', 'decide'] }),
      outcome({ firings: [{ ruleId: 'sc.deadline.yellow', level: 'yellow', title: '临近期限！', trace: [] }] }),
      outcome({ firings: [] }),
      outcome({ extra: { findings: [{ code: 'F1', items: [1, 3] }] } }),
      outcome({ level: 'red' }),
    ]
    for (const o of changed) {
      const signed = signedDecision(o, before)
      expect(signed).not.toBe(before)
      expect(signed.signature).toBe(evaluationSignature(o))
      expect(signed.signature).not.toBe(before.signature)
    }
  })

  it('digests again when a day count appears or goes, or the members come in another order', () => {
    const before = signedDecision(outcome())
    const { statutoryDaysLeft: _left, ...without } = facts(outcome())
    const reordered = Object.fromEntries(Object.entries(facts(outcome())).reverse())
    for (const o of [outcome({ facts: without }), outcome({ facts: reordered })]) {
      const signed = signedDecision(o, before)
      expect(signed).not.toBe(before)
      expect(signed.signature).toBe(evaluationSignature(o))
    }
  })

  it('does not compare what is not plain JSON data (a Date): it digests', () => {
    const when = new Date('2025-09-29T00:00:00Z')
    const before = signedDecision(outcome({ extra: { checkedAt: when } }))
    const later = outcome({ extra: { checkedAt: new Date('2025-10-09T00:00:00Z') } })
    const signed = signedDecision(later, before)
    expect(signed).not.toBe(before)
    expect(signed.signature).toBe(evaluationSignature(later))
    expect(signed.signature).not.toBe(before.signature)
  })

  it('gives, whatever the earlier decision, the signature evaluationSignature gives', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom('a', '乙', true, false, null),
      fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
    )
    const factSet = fc.dictionary(
      fc.constantFrom('caseStatus', 'statutoryDaysLeft', 'eventId', 'x', 'y', 'stepDaysLeft'),
      value,
      { maxKeys: 5 },
    )
    const firing = fc.record({
      ruleId: fc.constantFrom('r1', 'r2'),
      level: fc.constantFrom('yellow', 'red'),
      trace: fc.array(fc.nat(3), { maxLength: 2 }),
    })
    const made = fc.record({
      facts: factSet,
      firings: fc.array(firing, { maxLength: 2 }),
      level: fc.constantFrom('green', 'red'),
    })
    fc.assert(
      fc.property(made, made, (a, b) => {
        const before = signedDecision(outcome(a))
        const later = outcome(b)
        expect(signedDecision(later, before).signature).toBe(evaluationSignature(later))
      }),
      { numRuns: 2000 },
    )
  })
})
