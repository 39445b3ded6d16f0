/** An auditor's independent check: a stored evaluation's facts re-run through stock json-rules-engine. */
import { dateOf } from '../calendar/iso-date.js'
import type { Facts, Firing } from '../types/generated.js'
import type { FactBag } from './compile-conditions.js'
import { canonicalJson } from './pack-version.js'
import { ReferenceEngine } from './reference-engine.js'
import { layersFor, type LoadedPack } from './rule-library.js'
import { packsInForce } from './rule-set.js'

/** What the reference found different: a rule only one side fired, or a firing whose trace or record differs. */
export interface ReferenceDifference {
  readonly ruleId: string
  readonly kind: 'onlyStored' | 'onlyReference' | 'trace' | 'firing'
  readonly zh: string
  readonly en: string
}

/** The part of a stored evaluation the check reads. */
export interface StoredEvaluation {
  readonly at: string
  /** The day whose law it was judged under, when not the day of `at` (a matter whose limit's pack has lapsed). */
  readonly lawOn?: string
  readonly facts: Facts
  readonly firings: readonly Firing[]
  /**
   * The firings' traces are those of an earlier evaluation (an unchanged row repeats a whole one's firings with its
   * traces): the firings are compared without them.
   */
  readonly tracesRepeated?: boolean
}

const engines = new Map<string, ReferenceEngine>()

/** One json-rules-engine per selection of packs and rules (building one costs more than running it). */
function engineFor(layers: readonly LoadedPack[]): ReferenceEngine {
  const key = `${layers.map((p) => `${p.version}:${p.pack.rules.map((r) => r.id).join(',')}`).join('|')}#${layers[0]?.parameters ?? ''}`
  let engine = engines.get(key)
  if (!engine) {
    engine = new ReferenceEngine(layers)
    engines.set(key, engine)
  }
  return engine
}

const same = (a: unknown, b: unknown) => canonicalJson(JSON.parse(JSON.stringify(a))) === canonicalJson(b)

/**
 * Runs the stored facts through stock json-rules-engine under the pack versions the evaluation used (`packs`: those
 * versions, loaded), with the packs and rules in force on the day whose law it applied, and lists every difference
 * from the stored firings, rule by rule; none means the fast path decided exactly as json-rules-engine does.
 * @example const differences = await referenceDifferences(await packsByVersion(db, versions), stored) // []
 */
export async function referenceDifferences(
  packs: readonly LoadedPack[],
  stored: StoredEvaluation,
): Promise<ReferenceDifference[]> {
  const layers = packsInForce(layersFor(packs, stored.facts.jurisdiction), stored.lawOn ?? dateOf(stored.at))
  const reference = await engineFor(layers).evaluate(structuredClone(stored.facts) as unknown as FactBag)
  const byId = new Map(reference.map((f) => [f.ruleId, f]))
  const storedIds = new Set(stored.firings.map((f) => f.ruleId))
  const out: ReferenceDifference[] = []
  for (const firing of stored.firings) {
    const other = byId.get(firing.ruleId)
    if (!other) {
      out.push({
        ruleId: firing.ruleId,
        kind: 'onlyStored',
        zh: '记录中触发，json-rules-engine 未触发',
        en: 'fired in the record, not in json-rules-engine',
      })
    } else if (stored.tracesRepeated) {
      if (!same({ ...other, trace: [] }, { ...firing, trace: [] }))
        out.push({
          ruleId: firing.ruleId,
          kind: 'firing',
          zh: '触发记录与 json-rules-engine 不同',
          en: 'the firing differs from json-rules-engine',
        })
    } else if (!same(other.trace, firing.trace)) {
      out.push({
        ruleId: firing.ruleId,
        kind: 'trace',
        zh: '条件轨迹与 json-rules-engine 不同',
        en: 'the condition trace differs from json-rules-engine',
      })
    } else if (!same(other, firing)) {
      out.push({
        ruleId: firing.ruleId,
        kind: 'firing',
        zh: '触发记录与 json-rules-engine 不同',
        en: 'the firing differs from json-rules-engine',
      })
    }
  }
  for (const f of reference) {
    if (!storedIds.has(f.ruleId)) {
      out.push({
        ruleId: f.ruleId,
        kind: 'onlyReference',
        zh: 'json-rules-engine 触发，记录中未触发',
        en: 'fired in json-rules-engine, not in the record',
      })
    }
  }
  return out
}
