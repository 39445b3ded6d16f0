/** Engine comparison: stock json-rules-engine (jsonpath-plus, then our dot-path resolver) against the compiled RuleSet, same rules, same facts. */
import { isDeepStrictEqual } from 'node:util'
import { Engine } from 'json-rules-engine'
import { resolvePath } from '../src/rules/path-resolver.js'
import { ReferenceEngine } from '../src/rules/reference-engine.js'
import { RuleSet } from '../src/rules/rule-set.js'
import { measureAsync, measureSync, type Measurement } from './measure.js'
import { buildWorkload, type Workload } from './workload.js'

export interface EngineBench {
  readonly rules: number
  readonly shippedRules: number
  readonly cases: number
  /** Evaluations in the fact stream (one per event, plus two later moments per case). */
  readonly events: number
  /** Firings over one pass of the stream, and whether every engine gave the same ones (with the same traces). */
  readonly firings: number
  readonly identical: boolean
  readonly stock: Measurement
  readonly dotPath: Measurement
  readonly compiled: Measurement
  /** Compiled events/s over stock events/s. */
  readonly ratio: number
  readonly workload: Workload
}

export interface BenchOptions {
  readonly rules?: number
  readonly cases?: number
  readonly seed?: number
  /** Minimum time per engine (ms). */
  readonly minMs?: number
}

/** Slices of one measurement added up. */
function sum(parts: readonly Measurement[]): Measurement {
  const count = parts.reduce((n, m) => n + m.count, 0)
  const ms = parts.reduce((n, m) => n + m.ms, 0)
  return { count, ms, perSecond: (count / ms) * 1000, usEach: (ms * 1000) / count }
}

/** A stock json-rules-engine Engine with the rules added once; `options` as given (none: fully default). */
function stockEngine(workload: Workload, options: ConstructorParameters<typeof Engine>[1]): Engine {
  const engine = new Engine([], options)
  const { pack } = workload.pack
  for (const [name, c] of Object.entries(pack.sharedConditions ?? {}))
    engine.setCondition(name, structuredClone(c) as never)
  for (const rule of pack.rules)
    engine.addRule({ name: rule.id, conditions: structuredClone(rule.conditions) as never, event: { type: rule.id } })
  return engine
}

/**
 * Builds the workload and measures events/s of (a) stock json-rules-engine, (b) the same with the dot-path resolver,
 * (c) the compiled RuleSet; checks first that all three give the same firings, with the same traces.
 * @example const r = await benchRulesEngine({ minMs: 2000 }); r.ratio
 */
export async function benchRulesEngine(options: BenchOptions = {}): Promise<EngineBench> {
  const { rules = 50, cases = 300, seed = 20251031, minMs = 2000 } = options
  const workload = buildWorkload({ rules, cases, seed })
  const { stream, pack } = workload
  const set = RuleSet.of([pack])

  // same answers first: the reference engines convert json-rules-engine's results into the compiled evaluator's firings
  const stockRef = new ReferenceEngine([pack], { pathResolver: false })
  const dotRef = new ReferenceEngine([pack])
  let firings = 0
  let identical = true
  for (const { facts, day } of stream) {
    const compiled = set.evaluate(facts, day)
    firings += compiled.length
    if (
      !isDeepStrictEqual(compiled, await dotRef.evaluate(facts)) ||
      !isDeepStrictEqual(compiled, await stockRef.evaluate(facts))
    )
      identical = false
  }

  const stockEngineA = stockEngine(workload, {})
  const dotEngineB = stockEngine(workload, { pathResolver: (v: object, p: string) => resolvePath(v, p) })
  // the three measured in turns, a slice of each per round: on a shared machine a change of load between them would
  // otherwise move the ratio; each engine's figure is the sum of its slices (warmed up once, before the first round)
  const rounds = 6
  const slice = { minMs: minMs / rounds, minCount: Math.min(stream.length, 1000 / rounds), warmup: 0 }
  await measureAsync(stream, (x) => stockEngineA.run(x.facts), { minMs: 0, minCount: 200 })
  await measureAsync(stream, (x) => dotEngineB.run(x.facts), { minMs: 0, minCount: 200 })
  measureSync(stream, (x) => set.evaluate(x.facts, x.day), { minMs: 0, minCount: 2000 })
  const parts: Measurement[][] = [[], [], []]
  for (let k = 0; k < rounds; k++) {
    parts[0]!.push(await measureAsync(stream, (x) => stockEngineA.run(x.facts), slice))
    parts[1]!.push(await measureAsync(stream, (x) => dotEngineB.run(x.facts), slice))
    parts[2]!.push(
      measureSync(stream, (x) => set.evaluate(x.facts, x.day), { ...slice, minCount: stream.length / rounds }),
    )
  }
  const [stock, dotPath, compiled] = parts.map(sum) as [Measurement, Measurement, Measurement]
  return {
    rules: pack.pack.rules.length,
    shippedRules: workload.shippedRules,
    cases: workload.cases.length,
    events: stream.length,
    firings,
    identical,
    stock,
    dotPath,
    compiled,
    ratio: compiled.perSecond / stock.perSecond,
    workload,
  }
}
