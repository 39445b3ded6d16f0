/** The rest of an event's cost: deriving the facts, and a whole replay (fold, facts, rules) per event. */
import { deriveFacts } from '../src/facts/derive-facts.js'
import { replayCase } from '../src/evaluation/replay.js'
import { measureSync, type Measurement } from './measure.js'
import type { Workload } from './workload.js'

export interface PipelineBench {
  /** deriveFacts alone, per event. */
  readonly derive: Measurement
  /** replayCase over whole cases, counted per event replayed. */
  readonly replay: Measurement
}

/**
 * Measures fact derivation per event and end-to-end replay events/s on the workload's cases.
 * @example const { derive, replay } = benchPipeline(workload, 1000)
 */
export function benchPipeline(workload: Workload, minMs: number): PipelineBench {
  const { env, deriveInputs, cases } = workload
  const derive = measureSync(deriveInputs, (input) => deriveFacts(env.calendar, input), { minMs })
  const eventsOf = cases.map((file) => replayCase(env, file).evaluations.length)
  const casesRun = measureSync(cases, (file) => replayCase(env, file), { minMs, warmup: Math.min(cases.length, 50) })
  // the loop counts cases, from the first one round and round: count the events they hold
  let count = 0
  for (let k = 0; k < casesRun.count; k++) count += eventsOf[k % cases.length]!
  return {
    derive,
    replay: { count, ms: casesRun.ms, perSecond: (count / casesRun.ms) * 1000, usEach: (casesRun.ms * 1000) / count },
  }
}
