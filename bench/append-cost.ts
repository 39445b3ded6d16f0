/** The cost of appending the n-th event of a case (n = 1 against n = 1,000): what issue 10 asks to be the same. */
import { applyEvent } from '../src/case/apply-event.js'
import type { CaseState } from '../src/case/case-state.js'
import { loadEnvironment } from '../src/evaluation/environment.js'
import { outcomeOfEvent } from '../src/evaluation/case-outcome.js'
import type { CaseEvent } from '../src/types/generated.js'
import { snapshotOf, stateOfSnapshot } from '../src/case/state-snapshot.js'
import { acceptedEvent } from './bench-events.js'

export interface AppendCost {
  /** µs to evaluate the 2nd event of a case (its first after the acceptance). */
  readonly firstUs: number
  /** µs to evaluate the 1,001st. */
  readonly thousandthUs: number
  /** The median over alternating rounds of (1,001st / 2nd): 1 means O(1) per event. */
  readonly ratio: number
  /** ms to rebuild the state of a 1,050-event case on a cache miss: from event 1, and from its snapshot after 1,001 events plus the 49 after it. */
  readonly missFromStartMs: number
  readonly missFromSnapshotMs: number
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
 * in fifteen alternating rounds of `minMs` / 15 each: the fastest round of each, and the median of the rounds' ratios.
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
    while (performance.now() - t0 < minMs / 15) {
      outcomeOfEvent(env, before, event, 'cost', count + 1, new Set())
      n++
    }
    return ((performance.now() - t0) * 1000) / n
  }
  // alternating short rounds, the fastest of each (the machine's other load only ever adds time); the ratio is the
  // median of the rounds' ratios, so that a round slowed by other load on one side does not decide it
  const first: number[] = []
  const thousandth: number[] = []
  for (let round = 0; round < 15; round++) {
    first.push(time(at1, 1))
    thousandth.push(time(at1000, 1001))
  }
  const firstUs = Math.min(...first)
  const thousandthUs = Math.min(...thousandth)
  const ratios = first.map((f, i) => thousandth[i]! / f).sort((a, b) => a - b)
  const ratio = ratios[7]!
  // a cache miss: the stored events (as JSON text) folded from the first, or the stored snapshot and the events after it
  const events = [acceptedEvent('COST-1'), ...Array.from({ length: 1049 }, (_, i) => evidence(i))].map((e) =>
    JSON.stringify(e),
  )
  const snapshot = JSON.stringify(snapshotOf(at1000))
  const fold = (from: CaseState | undefined, texts: readonly string[]) =>
    texts.reduce<CaseState | undefined>((s, t) => applyEvent(s, JSON.parse(t) as CaseEvent, 'cost'), from)
  const best = (f: () => unknown) => {
    let min = Number.POSITIVE_INFINITY
    for (let round = 0; round < 5; round++) {
      const t0 = performance.now()
      f()
      min = Math.min(min, performance.now() - t0)
    }
    return min
  }
  const missFromStartMs = best(() => fold(undefined, events))
  const missFromSnapshotMs = best(() => fold(stateOfSnapshot(JSON.parse(snapshot)), events.slice(1001)))
  return { firstUs, thousandthUs, ratio, missFromStartMs, missFromSnapshotMs }
}
