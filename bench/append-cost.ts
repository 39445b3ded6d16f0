/** The cost of appending the n-th event of a case (n = 1 against n = 1,000): what issue 10 asks to be the same. */
import { applyEvent } from '../src/case/apply-event.js'
import type { CaseState } from '../src/case/case-state.js'
import { loadEnvironment } from '../src/evaluation/environment.js'
import { outcomeOfEvent } from '../src/evaluation/case-outcome.js'
import type { CaseEvent } from '../src/types/generated.js'
import { acceptedEvent } from './bench-events.js'

export interface AppendCost {
  /** µs to evaluate the 2nd event of a case (its first after the acceptance). */
  readonly firstUs: number
  /** µs to evaluate the 1,001st. */
  readonly thousandthUs: number
  /** thousandthUs / firstUs: 1 means O(1) per event. */
  readonly ratio: number
}

const evidence = (n: number): CaseEvent =>
  ({
    id: `ev-${n}`,
    type: 'evidenceUploaded',
    occurredAt: '2025-09-26T10:00:00+08:00',
    recordedAt: '2025-09-26T10:00:00+08:00',
    actor: { id: 'u-bench', name: '测试员' },
    evidence: { id: `d-${n}`, kind: 'document', title: `材料 ${n}`, sha256: n.toString(16).padStart(64, '0') },
  }) as CaseEvent

/**
 * Times the pure part of an append (fold the event, facts, rules, outcome) on a case holding 1 and 1,000 events,
 * in five alternating rounds of `minMs` / 5 each, keeping the fastest round of each.
 * @example const { ratio } = benchAppendCost(500)
 */
export function benchAppendCost(minMs: number): AppendCost {
  const env = loadEnvironment()
  let state: CaseState | undefined = applyEvent(undefined, acceptedEvent('COST-1'), 'cost')
  const at1 = state
  for (let i = 0; i < 1000; i++) state = applyEvent(state, evidence(i), 'cost')
  const at1000 = state!
  const time = (before: CaseState, count: number) => {
    const event = evidence(100_000)
    let n = 0
    const t0 = performance.now()
    while (performance.now() - t0 < minMs / 5) {
      outcomeOfEvent(env, before, event, 'cost', count + 1, new Set())
      n++
    }
    return ((performance.now() - t0) * 1000) / n
  }
  // alternating rounds, the fastest of each (the machine's other load only ever adds time)
  const first: number[] = []
  const thousandth: number[] = []
  for (let round = 0; round < 5; round++) {
    first.push(time(at1, 1))
    thousandth.push(time(at1000, 1001))
  }
  const firstUs = Math.min(...first)
  const thousandthUs = Math.min(...thousandth)
  return { firstUs, thousandthUs, ratio: thousandthUs / firstUs }
}
