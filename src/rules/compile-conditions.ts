/** Compiles json-rules-engine conditions into closures with the same results, short-circuits and traces as json-rules-engine. */
import { XingquanError } from '../errors/xingquan-error.js'
import type { Condition, FactCondition, TopLevelCondition } from '../types/generated.js'
import { OPERATORS, isOperator } from './operators.js'
import { resolvePath } from './path-resolver.js'
import type { ResultNode } from './trace.js'

export type FactBag = Readonly<Record<string, unknown>>

/** What one run records per condition slot; a fresh one per evaluation, never shared. */
interface Run {
  readonly result: (boolean | undefined)[]
  readonly fact: unknown[]
  readonly value: unknown[]
}

interface Compiled {
  readonly slot: number
  readonly priority: number
  readonly run: (facts: FactBag, r: Run) => boolean
  readonly explain: (r: Run) => ResultNode
}

export interface CompiledConditions {
  /** Evaluates; returns the outcome and a function that builds the result tree of this run only when asked. */
  evaluate(facts: FactBag): { readonly result: boolean; readonly tree: () => ResultNode }
}

const isFactRef = (v: unknown): v is { fact: string; path?: string } =>
  v !== null && typeof v === 'object' && Object.hasOwn(v as object, 'fact')

function factValue(facts: FactBag, name: string, path: string | undefined): unknown {
  if (!Object.hasOwn(facts, name)) throw new XingquanError({ code: 'FACT_UNDEFINED', zh: `未定义的事实“${name}”`, en: `Undefined fact: ${name}` })
  const v = facts[name]
  // json-rules-engine resolves a path only when it is truthy: an empty path means the whole fact
  return path && v !== null && typeof v === 'object' ? resolvePath(v, path) : v
}

/**
 * Compiles a rule's conditions. `shared` holds the pack's named conditions (json-rules-engine's setCondition).
 * @example const c = compileConditions({ all: [{ fact: 'statutoryOverdue', operator: 'equal', value: true }] }, {}); c.evaluate(facts).result
 */
export function compileConditions(root: TopLevelCondition, shared: Readonly<Record<string, TopLevelCondition>>): CompiledConditions {
  let slots = 0
  const compile = (node: Condition, reference?: string, depth = 0): Compiled => {
    if (depth > 64) throw new XingquanError({ code: 'CONDITION_CYCLE', zh: '共用条件相互引用成环', en: 'shared conditions refer to each other in a cycle' })
    if ('condition' in node) {
      const target = shared[node.condition]
      if (!target) throw new XingquanError({ code: 'CONDITION_UNDEFINED', zh: `没有名为“${node.condition}”的共用条件`, en: `No condition ${node.condition} exists` })
      const inner = compile(target, node.condition, depth + 1)
      return { ...inner, priority: node.priority ?? 1 }
    }
    if ('fact' in node) return compileFact(node, reference)
    const operator = 'all' in node ? 'all' : 'any' in node ? 'any' : 'not'
    const children = (operator === 'not' ? [(node as { not: Condition }).not] : (node as unknown as Record<string, Condition[]>)[operator]!).map((c) =>
      compile(c, undefined, depth + 1),
    )
    const slot = slots++
    const priority = node.priority ?? 1
    const groups = [...new Set(children.map((c) => c.priority))].sort((a, b) => b - a).map((p) => children.filter((c) => c.priority === p))
    const runList = (facts: FactBag, r: Run): boolean => {
      if (children.length === 0) return true
      if (children.length === 1) return children[0]!.run(facts, r)
      let cursor = operator === 'all'
      for (const group of groups) {
        if (operator === 'any' ? cursor : !cursor) continue
        let every = true
        let some = false
        for (const c of group) {
          const ok = c.run(facts, r)
          every &&= ok
          some ||= ok
        }
        cursor = operator === 'any' ? some : every
      }
      return cursor
    }
    return {
      slot,
      priority,
      run: (facts, r) => {
        const passes = operator === 'not' ? !runList(facts, r) : runList(facts, r)
        r.result[slot] = passes
        return passes
      },
      explain: (r) => ({
        kind: 'boolean',
        operator,
        ...(reference !== undefined ? { reference } : {}),
        children: children.map((c) => c.explain(r)),
        ...(r.result[slot] !== undefined ? { result: r.result[slot] } : {}),
      }),
    }
  }
  const compileFact = (c: FactCondition, reference: string | undefined): Compiled => {
    if (!isOperator(c.operator)) throw new XingquanError({ code: 'OPERATOR_UNKNOWN', zh: `未知的运算符“${c.operator}”`, en: `Unknown operator: ${c.operator}` })
    const op = OPERATORS[c.operator]
    const slot = slots++
    const value = c.value
    const ref = isFactRef(value) ? value : undefined
    return {
      slot,
      priority: c.priority ?? 1,
      run: (facts, r) => {
        const rhs = ref ? factValue(facts, ref.fact, ref.path) : value
        const lhs = factValue(facts, c.fact, c.path)
        const passes = op(lhs, rhs)
        r.fact[slot] = lhs
        r.value[slot] = rhs
        r.result[slot] = passes
        return passes
      },
      explain: (r) => ({
        kind: 'fact',
        fact: c.fact,
        operator: c.operator,
        value,
        ...(c.path !== undefined ? { path: c.path } : {}),
        ...(reference !== undefined ? { reference } : {}),
        evaluated: r.result[slot] !== undefined,
        ...(r.result[slot] !== undefined ? { factResult: r.fact[slot], valueResult: r.value[slot], result: r.result[slot] } : {}),
      }),
    }
  }
  const top = compile(root)
  const size = slots
  return {
    evaluate(facts) {
      const r: Run = { result: new Array(size), fact: new Array(size), value: new Array(size) }
      const result = top.run(facts, r)
      return { result, tree: () => top.explain(r) }
    },
  }
}
