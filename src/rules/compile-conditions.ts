/** Compiles json-rules-engine conditions into closures with the same results, short-circuits and traces as json-rules-engine. */
import { XingquanError } from '../errors/xingquan-error.js'
import type { Condition, FactCondition, TopLevelCondition } from '../types/generated.js'
import { OPERATORS, isOperator } from './operators.js'
import { paramOf } from './parameters.js'
import { resolvePath } from './path-resolver.js'
import type { ResultNode } from './trace.js'

export type FactBag = Readonly<Record<string, unknown>>

/**
 * What one run records, a fresh one per evaluation, never shared: for the condition in slot s, its result at 3s,
 * and for a fact condition the fact's value at 3s+1 and the expected value at 3s+2. One array: one allocation.
 */
type Run = unknown[]
type Runner = (facts: FactBag, r: Run) => boolean

interface Compiled {
  readonly slot: number
  readonly priority: number
  readonly run: Runner
  readonly explain: (r: Run) => ResultNode
}

export interface CompiledConditions {
  /** Evaluates; returns the outcome and a function that builds the result tree of this run only when asked. */
  evaluate(facts: FactBag): { readonly result: boolean; readonly tree: () => ResultNode }
  /** The rule set's hot path: the result tree when the conditions pass, undefined when they do not (nothing else built). */
  fires(facts: FactBag): ResultNode | undefined
}

const isFactRef = (v: unknown): v is { fact: string; path?: string } =>
  v !== null && typeof v === 'object' && Object.hasOwn(v as object, 'fact')

const undefinedFact = (name: string) =>
  new XingquanError({ code: 'FACT_UNDEFINED', zh: `未定义的事实“${name}”`, en: `Undefined fact: ${name}` })

/**
 * Reads a fact, and a path into it, from the bag; a fact the bag lacks is an error, as in json-rules-engine. The own-property
 * check runs only when the read gives undefined, or for a name that plain objects inherit (`constructor`, `toString`, …).
 */
function factReader(name: string, path: string | undefined): (facts: FactBag) => unknown {
  const inherited = name in Object.prototype
  const read = inherited
    ? (facts: FactBag) => {
        if (!Object.hasOwn(facts, name)) throw undefinedFact(name)
        return facts[name]
      }
    : (facts: FactBag) => {
        const v = facts[name]
        if (v === undefined && !Object.hasOwn(facts, name)) throw undefinedFact(name)
        return v
      }
  // json-rules-engine resolves a path only when it is truthy: an empty path means the whole fact
  if (!path) return read
  return (facts) => {
    const v = read(facts)
    return v !== null && typeof v === 'object' ? resolvePath(v, path) : v
  }
}

/**
 * Operators that never throw, whatever JSON a fact holds: strict comparisons. The others convert their operands
 * (`<`, parseFloat, a string's indexOf), which can throw on an object without a prototype: a guard with one of them is
 * tested only on primitives (see guardsOf).
 */
const STRICT = new Set(['equal', 'notEqual', 'contains', 'doesNotContain'])
const isObject = (v: unknown) => v !== null && typeof v === 'object'

/** A condition the whole must pass: a fact compared with a literal, read without throwing (see guardsOf). */
export interface Guard {
  /** Identical guards of different rules share this key: their outcome on one fact bag is the same. */
  readonly key: string
  /** True or false as the condition would conclude; undefined when the bag lacks the fact (then the rule runs and says). */
  readonly test: (facts: FactBag) => boolean | undefined
}

/**
 * The fact conditions with a literal value that `root` cannot pass without: those reached from the top through `all`
 * lists and named conditions only. When one of them is false the rule cannot fire, whatever json-rules-engine's
 * priority groups would have evaluated first, so a rule set skips it without running it (a rule that does not fire
 * leaves no trace). The test reads the fact without throwing, so it never fails where json-rules-engine would not.
 * @example guardsOf({ all: [{ fact: 'matterType', operator: 'equal', value: 'case' }] }, {})[0].key
 */
export function guardsOf(root: TopLevelCondition, shared: Readonly<Record<string, TopLevelCondition>>): Guard[] {
  const out: Guard[] = []
  const visit = (node: Condition, depth: number): void => {
    if (depth > 64) return
    if ('condition' in node) {
      const target = shared[node.condition]
      if (target) visit(target, depth + 1)
      return
    }
    if ('all' in node) {
      for (const c of node.all) visit(c, depth + 1)
      return
    }
    if (!('fact' in node) || isFactRef(node.value) || !isOperator(node.operator)) return
    const { fact, path, operator, value } = node
    const strict = STRICT.has(operator) || ((operator === 'in' || operator === 'notIn') && Array.isArray(value))
    const membership = operator === 'in' || operator === 'notIn'
    if ((!strict && isObject(value)) || (membership && !strict && typeof value !== 'string')) return
    const op = OPERATORS[operator]
    const inherited = fact in Object.prototype
    const read = (facts: FactBag): unknown => {
      const v = facts[fact]
      if ((v === undefined || inherited) && !Object.hasOwn(facts, fact)) return MISSING
      return path && v !== null && typeof v === 'object' ? resolvePath(v, path) : v
    }
    out.push({
      // JSON text would read an absent value as null: the first letter tells them apart
      key: `${value === undefined ? 'u' : 'v'}${JSON.stringify([fact, path ?? '', operator, value ?? null])}`,
      test: (facts) => {
        const v = read(facts)
        return v === MISSING || (!strict && isObject(v)) ? undefined : op(v, value)
      },
    })
  }
  visit(root, 0)
  return out
}

const MISSING: unique symbol = Symbol('missing')

/**
 * Runs a list as json-rules-engine does: an empty list is true (any included); one condition decides alone; otherwise
 * priority groups from the highest down, every condition of a group evaluated, and no further group once the outcome is known.
 */
function listRunner(operator: 'all' | 'any', children: readonly Compiled[]): Runner {
  if (children.length === 0) return () => true
  if (children.length === 1) return children[0]!.run
  const priorities = [...new Set(children.map((c) => c.priority))].sort((a, b) => b - a)
  const groups = priorities.map((p) => children.filter((c) => c.priority === p).map((c) => c.run))
  const decided = operator !== 'all'
  const group = (runs: readonly Runner[], facts: FactBag, r: Run): boolean => {
    let outcome = !decided
    for (let i = 0; i < runs.length; i++) if (runs[i]!(facts, r) === decided) outcome = decided
    return outcome
  }
  if (groups.length === 1) return (facts, r) => group(groups[0]!, facts, r)
  return (facts, r) => {
    for (let i = 0; i < groups.length; i++) if (group(groups[i]!, facts, r) === decided) return decided
    return !decided
  }
}

/**
 * Compiles a rule's conditions. `shared` holds the pack's named conditions (json-rules-engine's setCondition).
 * @example const c = compileConditions({ all: [{ fact: 'statutoryOverdue', operator: 'equal', value: true }] }, {}); c.evaluate(facts).result
 */
export function compileConditions(
  root: TopLevelCondition,
  shared: Readonly<Record<string, TopLevelCondition>>,
): CompiledConditions {
  let slots = 0
  const compile = (node: Condition, reference?: string, depth = 0): Compiled => {
    if (depth > 64)
      throw new XingquanError({
        code: 'CONDITION_CYCLE',
        zh: '共用条件相互引用成环',
        en: 'shared conditions refer to each other in a cycle',
      })
    if ('condition' in node) {
      const target = shared[node.condition]
      if (!target)
        throw new XingquanError({
          code: 'CONDITION_UNDEFINED',
          zh: `没有名为“${node.condition}”的共用条件`,
          en: `No condition ${node.condition} exists`,
        })
      const inner = compile(target, node.condition, depth + 1)
      return { ...inner, priority: node.priority ?? 1 }
    }
    if ('fact' in node) return compileFact(node, reference)
    const operator = 'all' in node ? 'all' : 'any' in node ? 'any' : 'not'
    const children = (
      operator === 'not'
        ? [(node as { not: Condition }).not]
        : (node as unknown as Record<string, Condition[]>)[operator]!
    ).map((c) => compile(c, undefined, depth + 1))
    const slot = slots++
    const at = 3 * slot
    const list = listRunner(operator === 'any' ? 'any' : 'all', children)
    const run: Runner =
      operator === 'not'
        ? (facts, r) => {
            const passes = !list(facts, r)
            r[at] = passes
            return passes
          }
        : (facts, r) => {
            const passes = list(facts, r)
            r[at] = passes
            return passes
          }
    return {
      slot,
      priority: node.priority ?? 1,
      run,
      explain: (r) => ({
        kind: 'boolean',
        operator,
        ...(reference !== undefined ? { reference } : {}),
        children: children.map((c) => c.explain(r)),
        ...(r[at] !== undefined ? { result: r[at] as boolean } : {}),
      }),
    }
  }
  const compileFact = (c: FactCondition, reference: string | undefined): Compiled => {
    if (!isOperator(c.operator))
      throw new XingquanError({
        code: 'OPERATOR_UNKNOWN',
        zh: `未知的运算符“${c.operator}”`,
        en: `Unknown operator: ${c.operator}`,
      })
    const op = OPERATORS[c.operator]
    const slot = slots++
    const at = 3 * slot
    const value = c.value
    const param = paramOf(c)
    const lhsOf = factReader(c.fact, c.path)
    // the expected value: a literal, or a fact named as the value (read first, as json-rules-engine does)
    const run: Runner = isFactRef(value)
      ? ((rhsOf) => (facts, r) => {
          const rhs = rhsOf(facts)
          const lhs = lhsOf(facts)
          const passes = op(lhs, rhs)
          r[at] = passes
          r[at + 1] = lhs
          r[at + 2] = rhs
          return passes
        })(factReader(value.fact, value.path))
      : (facts, r) => {
          const lhs = lhsOf(facts)
          const passes = op(lhs, value)
          r[at] = passes
          r[at + 1] = lhs
          r[at + 2] = value
          return passes
        }
    return {
      slot,
      priority: c.priority ?? 1,
      run,
      explain: (r) => ({
        kind: 'fact',
        fact: c.fact,
        operator: c.operator,
        value,
        ...(param !== undefined ? { param } : {}),
        ...(c.path !== undefined ? { path: c.path } : {}),
        ...(reference !== undefined ? { reference } : {}),
        evaluated: r[at] !== undefined,
        ...(r[at] !== undefined ? { factResult: r[at + 1], valueResult: r[at + 2], result: r[at] as boolean } : {}),
      }),
    }
  }
  const top = compile(root)
  const size = 3 * slots
  return {
    evaluate(facts) {
      const r: Run = new Array(size)
      const result = top.run(facts, r)
      return { result, tree: explainer(top, r) }
    },
    fires(facts) {
      const r: Run = new Array(size)
      return top.run(facts, r) ? top.explain(r) : undefined
    },
  }
}

/**
 * The tree builder of one run. Returned, not assigned: a function assigned to a property gets a name, and tsx
 * (esbuild keepNames) then calls Object.defineProperty on every evaluation, which was a third of its time.
 */
function explainer(top: Compiled, r: Run): () => ResultNode {
  return () => top.explain(r)
}
