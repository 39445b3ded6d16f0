/** The layered rules in force for one jurisdiction, compiled once per pack version; evaluates facts into firings. */
import type { DeadlinePolicy, Firing, Rule, TopLevelCondition } from '../types/generated.js'
import { compileConditions, guardsOf, type CompiledConditions, type FactBag, type Guard } from './compile-conditions.js'
import { bindPack, valuesOn } from './parameters.js'
import type { LoadedPack } from './rule-library.js'
import { toTrace, type ResultNode } from './trace.js'

/** A rule that fired, with its trace (schemas/evaluation.schema.json). */
export type { Firing } from '../types/generated.js'

/** A rule as it stands in its layer. */
export interface PlacedRule {
  readonly rule: Rule
  readonly pack: LoadedPack
}

/** A lower layer's rule that replaces a higher layer's rule of the same id. */
export interface Override {
  readonly ruleId: string
  readonly upper: PlacedRule
  readonly lower: PlacedRule
}

interface CompiledRule extends PlacedRule {
  readonly conditions: CompiledConditions
  /** Event types for which the rule can fire; undefined = any. */
  readonly eventTypes: ReadonlySet<string> | undefined
  /** The view's guards (indices into View.guards) the rule cannot fire without. */
  readonly guards: readonly number[]
}

/** The view of the rules in force on one day: merged by id, indexed by event type. */
interface View {
  readonly rules: readonly CompiledRule[]
  readonly byEventType: Map<string, readonly CompiledRule[]>
  readonly policy: DeadlinePolicy
  readonly packs: readonly LoadedPack[]
  /** The distinct guards of the view's rules: each is tested at most once per evaluation, whichever rules share it. */
  readonly guards: readonly Guard[]
  /** Per guard, the evaluation that last tested it (`round`) and what it found (1 true, 2 false, 3 fact missing). */
  readonly testedIn: Uint32Array
  readonly found: Uint8Array
  round: number
}

const inForce = (from: string | undefined, until: string | undefined, day: string) =>
  (from === undefined || from <= day) && (until === undefined || day < until)

/**
 * The packs in force on `day`, each with only its rules in force then, and the parameters their conditions name
 * replaced by the values in force that day (`parameters` says which): what an evaluation on that day applies.
 * @example packsInForce(layersFor(packs, '513222'), '2025-10-09').map((p) => p.pack.id)
 */
export function packsInForce(layers: readonly LoadedPack[], day: string): LoadedPack[] {
  const packs = layers
    .filter((p) => inForce(p.pack.effectiveFrom, p.pack.effectiveUntil, day))
    .map((p) => ({
      ...p,
      pack: { ...p.pack, rules: p.pack.rules.filter((r) => inForce(r.effectiveFrom, r.effectiveUntil, day)) },
    }))
  const { values, signature } = valuesOn(packs, day)
  return packs.map((p) => ({ ...p, pack: bindPack(p.pack, values, day), parameters: signature }))
}

/** Event types a rule is limited to by a top-level `eventType` condition: json-rules-engine would fail it on any other event. */
function eventTypesOf(conditions: TopLevelCondition): ReadonlySet<string> | undefined {
  if (!('all' in conditions)) return undefined
  for (const c of conditions.all) {
    if (!('fact' in c) || c.fact !== 'eventType' || c.path !== undefined) continue
    if (c.operator === 'equal' && typeof c.value === 'string') return new Set([c.value])
    if (c.operator === 'in' && Array.isArray(c.value) && c.value.every((v) => typeof v === 'string'))
      return new Set(c.value as string[])
  }
  return undefined
}

/**
 * Rules merged across layers: a lower layer's rule replaces the higher layer's rule with the same id, in its place.
 * @example const { rules, overrides } = mergeLayers(layersFor(packs, '513222'))
 */
export function mergeLayers(layers: readonly LoadedPack[]): {
  rules: PlacedRule[]
  overrides: Override[]
  shared: Record<string, TopLevelCondition>
  policy: DeadlinePolicy
} {
  const rules: PlacedRule[] = []
  const overrides: Override[] = []
  const shared: Record<string, TopLevelCondition> = {}
  const policy: DeadlinePolicy = {}
  for (const pack of layers) {
    Object.assign(shared, pack.pack.sharedConditions ?? {})
    // a power type's time policy comes from its own law (行政许可法 for licensing, 行政处罚法 for penalty), type by type
    if (pack.pack.deadlinePolicy?.powerTypes)
      policy.powerTypes = { ...policy.powerTypes, ...pack.pack.deadlinePolicy.powerTypes }
    // a matter type's limit is replaced entry by entry: 阿坝州 第二十条 15 日 replaces 动态调整办法 第五条 10 日
    if (pack.pack.deadlinePolicy?.matters) policy.matters = { ...policy.matters, ...pack.pack.deadlinePolicy.matters }
    for (const rule of pack.pack.rules) {
      const at = rules.findIndex((r) => r.rule.id === rule.id)
      const placed = { rule, pack }
      if (at < 0) rules.push(placed)
      else {
        if (rules[at]!.pack !== pack) overrides.push({ ruleId: rule.id, upper: rules[at]!, lower: placed })
        rules[at] = placed
      }
    }
  }
  return { rules, overrides, shared, policy }
}

/**
 * The rule set of a list of layers (upper first). Build it once per set of pack versions and reuse it for every event.
 * @example const set = RuleSet.of(layersFor(packs, '513222')); set.evaluate(facts, '2025-10-09')
 */
export class RuleSet {
  private static readonly cache = new Map<string, RuleSet>()
  private readonly views = new Map<string, View>()
  private readonly byDay = new Map<string, View>()
  /** By rule, then by the pack version and parameter values it was compiled with (a shared condition may name a parameter). */
  private readonly compiled = new Map<Rule, Map<string, CompiledConditions>>()

  private constructor(readonly layers: readonly LoadedPack[]) {}

  /** The shared, compiled rule set for these layers (cached by their versions). */
  static of(layers: readonly LoadedPack[]): RuleSet {
    const key = layers.map((p) => `${p.version}${p.parameters ?? ''}`).join('|')
    let set = RuleSet.cache.get(key)
    if (!set) {
      set = new RuleSet(layers)
      RuleSet.cache.set(key, set)
    }
    return set
  }

  /** The packs and the rules in force on `day`, merged and compiled (once per distinct selection). */
  view(day: string): View {
    const known = this.byDay.get(day)
    if (known) return known
    const view = this.buildView(day)
    this.byDay.set(day, view)
    return view
  }

  private buildView(day: string): View {
    const packs = this.layers.filter((p) => inForce(p.pack.effectiveFrom, p.pack.effectiveUntil, day))
    const inForcePacks = packsInForce(packs, day)
    // the values of the parameters are part of what the view applies: a new value from a day is a new view
    const key = `${inForcePacks.map((p) => `${p.version}:${p.pack.rules.map((r) => r.id).join(',')}`).join('|')}#${inForcePacks[0]?.parameters ?? ''}`
    let view = this.views.get(key)
    if (view) return view
    const merged = mergeLayers(inForcePacks)
    const guards: Guard[] = []
    const guardIndex = new Map<string, number>()
    const rules: CompiledRule[] = merged.rules.map((placed) => {
      const bySource = placed.pack.version + (placed.pack.parameters ?? '')
      let conditions = this.compiled.get(placed.rule)?.get(bySource)
      if (!conditions) {
        conditions = compileConditions(placed.rule.conditions, merged.shared)
        this.compiled.set(placed.rule, (this.compiled.get(placed.rule) ?? new Map()).set(bySource, conditions))
      }
      const original = packs.find((p) => p.version === placed.pack.version)!
      const eventTypes = eventTypesOf(placed.rule.conditions)
      const own = new Set<number>()
      for (const g of guardsOf(placed.rule.conditions, merged.shared)) {
        // the event type is already the index's; a rule's guard named twice is tested once
        if (eventTypes && g.key.startsWith('v["eventType",""')) continue
        let at = guardIndex.get(g.key)
        if (at === undefined) {
          at = guards.push(g) - 1
          guardIndex.set(g.key, at)
        }
        own.add(at)
      }
      return { rule: placed.rule, pack: original, conditions, eventTypes, guards: [...own] }
    })
    view = {
      rules,
      byEventType: new Map(),
      policy: merged.policy,
      packs,
      guards,
      testedIn: new Uint32Array(guards.length),
      found: new Uint8Array(guards.length),
      round: 0,
    }
    this.views.set(key, view)
    return view
  }

  /** The deadline policy in force on `day` (the lowest layer that declares it wins). */
  policy(day: string): DeadlinePolicy {
    return this.view(day).policy
  }

  /**
   * The firings for these facts on `day`, in layer and rule order; deterministic.
   * @example set.evaluate(facts, '2025-10-31').map((f) => f.ruleId)
   */
  evaluate(facts: FactBag & { eventType: string }, day: string): Firing[] {
    const view = this.view(day)
    let candidates = view.byEventType.get(facts.eventType)
    if (!candidates) {
      candidates = view.rules.filter((r) => !r.eventTypes || r.eventTypes.has(facts.eventType))
      view.byEventType.set(facts.eventType, candidates)
    }
    const firings: Firing[] = []
    // a new round: every guard untested (on the counter's wrap, the marks are cleared)
    if (++view.round > 0xffffffff) {
      view.testedIn.fill(0)
      view.round = 1
    }
    const round = view.round
    const { guards, testedIn, found } = view
    next: for (let i = 0; i < candidates.length; i++) {
      const r = candidates[i]!
      const own = r.guards
      for (let k = 0; k < own.length; k++) {
        const g = own[k]!
        if (testedIn[g] !== round) {
          const passes = guards[g]!.test(facts)
          found[g] = passes === undefined ? 3 : passes ? 1 : 2
          testedIn[g] = round
        }
        if (found[g] === 2) continue next
      }
      const tree = r.conditions.fires(facts)
      if (tree) firings.push(firingOf(r, tree))
    }
    return firings
  }
}

/**
 * The firing record of a rule that passed, from its result tree.
 * @example firingOf({ rule, pack }, tree)
 */
export function firingOf({ rule, pack }: PlacedRule, tree: ResultNode): Firing {
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    pack: { id: pack.pack.id, version: pack.version },
    kind: rule.kind,
    level: rule.level,
    title: rule.title,
    citation: rule.citation,
    ...(rule.alsoCites ? { alsoCites: rule.alsoCites } : {}),
    ...(rule.appliesTo ? { appliesTo: rule.appliesTo } : {}),
    ...(rule.notice ? { notice: rule.notice } : {}),
    ...(rule.params ? { params: rule.params } : {}),
    trace: toTrace(tree),
  }
}
