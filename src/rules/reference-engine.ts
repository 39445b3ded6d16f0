/** Stock json-rules-engine over the same rules: the reference the compiled evaluator must match, firing for firing, trace for trace. */
import { Engine, type RuleResult } from 'json-rules-engine'
import type { Condition, TopLevelCondition } from '../types/generated.js'
import type { FactBag } from './compile-conditions.js'
import { paramOf } from './parameters.js'
import type { LoadedPack } from './rule-library.js'
import { firingOf, mergeLayers, type Firing, type PlacedRule } from './rule-set.js'
import { resolvePath } from './path-resolver.js'
import type { ResultNode } from './trace.js'

// biome-ignore lint/suspicious/noExplicitAny: json-rules-engine's RuleResult condition tree is untyped
type JreNode = Record<string, any>

/** One rule's outcome, passed or not, with its result tree. */
export interface RuleOutcome {
  readonly ruleId: string
  readonly result: boolean
  readonly tree: ResultNode
}

/**
 * Converts json-rules-engine's evaluated condition tree into our result tree. `original` is the rule's own
 * condition at the same place: json-rules-engine replaces a reference it reaches by the referenced condition
 * (deleting `condition`), so only the original still says which shared condition stood there.
 */
function fromJre(
  node: JreNode,
  original: Condition,
  shared: Readonly<Record<string, TopLevelCondition>>,
  reference?: string,
  rootResult?: boolean,
): ResultNode {
  if ('condition' in original) {
    const target = shared[original.condition]!
    // a reference json-rules-engine never reached is still a reference: show what it stands for, not evaluated
    const reached = typeof node.condition !== 'string'
    return fromJre(reached ? node : (target as JreNode), target, shared, original.condition, rootResult)
  }
  const op = ['all', 'any', 'not'].find((k) => Object.hasOwn(node, k)) as 'all' | 'any' | 'not' | undefined
  const result = rootResult ?? (node.result as boolean | undefined)
  if (op) {
    const kids = op === 'not' ? [node.not] : (node[op] as JreNode[])
    const originals =
      op === 'not' ? [(original as { not: Condition }).not] : (original as unknown as Record<string, Condition[]>)[op]!
    return {
      kind: 'boolean',
      operator: op,
      ...(reference !== undefined ? { reference } : {}),
      children: kids.map((k, i) => fromJre(k, originals[i]!, shared)),
      ...(result !== undefined ? { result } : {}),
    }
  }
  const evaluated = Object.hasOwn(node, 'result')
  const param = paramOf(original)
  return {
    kind: 'fact',
    fact: node.fact,
    operator: node.operator,
    value: node.value,
    ...(param !== undefined ? { param } : {}),
    ...(node.path !== undefined ? { path: node.path } : {}),
    ...(reference !== undefined ? { reference } : {}),
    evaluated,
    ...(evaluated ? { factResult: node.factResult, valueResult: node.valueResult, result: node.result } : {}),
  }
}

/**
 * One reused json-rules-engine Engine (default options but the dot-path resolver) for a set of layers.
 * @example const ref = new ReferenceEngine(layers); const firings = await ref.evaluate(facts)
 */
export class ReferenceEngine {
  readonly engine: Engine
  private readonly placed: Map<string, PlacedRule>
  private readonly order: Map<string, number>
  private readonly shared: Readonly<Record<string, TopLevelCondition>>

  constructor(layers: readonly LoadedPack[], options: { pathResolver?: boolean } = {}) {
    const merged = mergeLayers(layers)
    this.shared = merged.shared
    this.engine = new Engine(
      [],
      options.pathResolver === false ? {} : { pathResolver: (v: object, p: string) => resolvePath(v, p) },
    )
    for (const [name, c] of Object.entries(merged.shared)) this.engine.setCondition(name, structuredClone(c) as never)
    this.placed = new Map(merged.rules.map((r) => [r.rule.id, r]))
    this.order = new Map(merged.rules.map((r, i) => [r.rule.id, i]))
    for (const { rule } of merged.rules) {
      this.engine.addRule({
        name: rule.id,
        conditions: structuredClone(rule.conditions) as never,
        event: { type: rule.id },
      })
    }
  }

  /**
   * Every rule's outcome, passed or failed, in rule order; rejects when json-rules-engine does.
   * @example (await ref.outcomes(facts)).filter((o) => !o.result).map((o) => o.ruleId)
   */
  async outcomes(facts: FactBag): Promise<RuleOutcome[]> {
    const { results, failureResults } = await this.engine.run({ ...facts })
    return ([...results, ...failureResults] as RuleResult[])
      .map((r) => ({ r, i: this.order.get(String(r.name))! }))
      .sort((a, b) => a.i - b.i)
      .map(({ r }) => {
        const ruleId = String(r.name)
        const original = this.placed.get(ruleId)!.rule.conditions
        return {
          ruleId,
          result: r.result,
          tree: fromJre(r.conditions as JreNode, original, this.shared, undefined, r.result),
        }
      })
  }

  /** The successful rules with their traces, in the same order as the compiled evaluator. */
  async evaluate(facts: FactBag): Promise<Firing[]> {
    return (await this.outcomes(facts)).filter((o) => o.result).map((o) => firingOf(this.placed.get(o.ruleId)!, o.tree))
  }
}
