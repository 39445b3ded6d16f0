/** Stock json-rules-engine over the same rules: the reference the compiled evaluator must match, firing for firing, trace for trace. */
import { Engine, type RuleResult } from 'json-rules-engine'
import type { TopLevelCondition } from '../types/generated.js'
import type { FactBag } from './compile-conditions.js'
import type { LoadedPack } from './rule-library.js'
import { firingOf, mergeLayers, type Firing, type PlacedRule } from './rule-set.js'
import { resolvePath } from './path-resolver.js'
import type { ResultNode } from './trace.js'

type JreNode = Record<string, any>

/** Converts json-rules-engine's evaluated condition tree into our result tree. */
function fromJre(node: JreNode, shared: Readonly<Record<string, TopLevelCondition>>, reference?: string, rootResult?: boolean): ResultNode {
  if (typeof node.condition === 'string') {
    // a reference json-rules-engine never reached: show what it stands for, not evaluated
    return fromJre(shared[node.condition] as JreNode, shared, node.condition)
  }
  const op = ['all', 'any', 'not'].find((k) => Object.hasOwn(node, k)) as 'all' | 'any' | 'not' | undefined
  const result = rootResult ?? (node.result as boolean | undefined)
  if (op) {
    const kids = op === 'not' ? [node.not] : (node[op] as JreNode[])
    return { kind: 'boolean', operator: op, ...(reference !== undefined ? { reference } : {}), children: kids.map((k) => fromJre(k, shared)), ...(result !== undefined ? { result } : {}) }
  }
  const evaluated = Object.hasOwn(node, 'result')
  return {
    kind: 'fact',
    fact: node.fact,
    operator: node.operator,
    value: node.value,
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
    this.engine = new Engine([], options.pathResolver === false ? {} : { pathResolver: (v: object, p: string) => resolvePath(v, p) })
    for (const [name, c] of Object.entries(merged.shared)) this.engine.setCondition(name, structuredClone(c) as never)
    this.placed = new Map(merged.rules.map((r) => [r.rule.id, r]))
    this.order = new Map(merged.rules.map((r, i) => [r.rule.id, i]))
    for (const { rule } of merged.rules) {
      this.engine.addRule({ name: rule.id, conditions: structuredClone(rule.conditions) as never, event: { type: rule.id } })
    }
  }

  /** The successful rules with their traces, in the same order as the compiled evaluator. */
  async evaluate(facts: FactBag): Promise<Firing[]> {
    const { results } = await this.engine.run({ ...facts })
    return (results as RuleResult[])
      .map((r) => ({ r, i: this.order.get(String(r.name))! }))
      .sort((a, b) => a.i - b.i)
      .map(({ r }) => firingOf(this.placed.get(String(r.name))!, fromJre(r.conditions as JreNode, this.shared, undefined, r.result)))
  }
}
