/** Hand-written cases for the tricky semantics of json-rules-engine that the compiled evaluator must keep. */
import { describe, expect, it } from 'vitest'
import { XingquanError } from '../../src/errors/xingquan-error.js'
import { compileConditions, guardsOf } from '../../src/rules/compile-conditions.js'
import { resolvePath } from '../../src/rules/path-resolver.js'
import { ReferenceEngine } from '../../src/rules/reference-engine.js'
import { RuleSet } from '../../src/rules/rule-set.js'
import { toTrace, type TraceEntry } from '../../src/rules/trace.js'
import type { Condition, TopLevelCondition } from '../../src/types/generated.js'
import { DAY, packOf, ruleOf } from './rule-fixtures.js'

type Shared = Record<string, TopLevelCondition>
const f = (fact: string, operator: string, value: unknown, extra: Record<string, unknown> = {}) =>
  ({ fact, operator, value, ...extra }) as Condition

/** The compiled outcome and trace; also asserts that stock json-rules-engine agrees. */
async function run(
  conditions: TopLevelCondition,
  facts: Record<string, unknown>,
  shared: Shared = {},
): Promise<{ result: boolean; trace: TraceEntry[] }> {
  const { result, tree } = compileConditions(conditions, shared).evaluate(facts)
  const compiled = { result, trace: toTrace(tree()) }
  const [reference] = await new ReferenceEngine([packOf([ruleOf('r', conditions)], shared)]).outcomes(facts)
  expect(compiled).toStrictEqual({ result: reference!.result, trace: toTrace(reference!.tree) })
  return compiled
}

const facts = { a: 1, b: 2, s: '5', t: 'abc', list: ['x', 'y'], obj: { p: { q: 7 }, name: 'open' }, none: null }

describe('empty and single-condition lists', () => {
  it('an empty all is true, and so is an empty any (json-rules-engine checks the length before the operator)', async () => {
    expect(await run({ all: [] }, facts)).toStrictEqual({
      result: true,
      trace: [{ at: 'all', operator: 'all', result: true }],
    })
    expect(await run({ any: [] }, facts)).toStrictEqual({
      result: true,
      trace: [{ at: 'any', operator: 'any', result: true }],
    })
    expect((await run({ all: [{ any: [] }, f('a', 'equal', 1)] }, facts)).result).toBe(true)
    expect((await run({ not: { any: [] } }, facts)).result).toBe(false)
  })

  it('a single condition decides its list alone, whatever its priority', async () => {
    const { result, trace } = await run({ any: [f('a', 'equal', 2, { priority: 3 })] }, facts)
    expect(result).toBe(false)
    expect(trace).toStrictEqual([
      { at: 'any', operator: 'any', result: false },
      { at: 'any[0]', operator: 'equal', fact: 'a', expected: 2, found: 1, result: false },
    ])
  })
})

describe('not', () => {
  it('negates its condition; the trace shows the condition as found and the not as concluded', async () => {
    const { result, trace } = await run({ all: [{ not: f('a', 'equal', 2) }] }, facts)
    expect(result).toBe(true)
    expect(trace).toStrictEqual([
      { at: 'all', operator: 'all', result: true },
      { at: 'all[0].not', operator: 'not', result: true },
      { at: 'all[0].not[0]', operator: 'equal', fact: 'a', expected: 2, found: 1, result: false },
    ])
  })

  it('twice is the condition itself', async () => {
    expect((await run({ not: { not: f('a', 'equal', 1) } }, facts)).result).toBe(true)
    expect((await run({ not: { not: f('a', 'equal', 2) } }, facts)).result).toBe(false)
  })
})

describe('priority groups', () => {
  it('all: a failing higher group leaves every lower group not evaluated, nested groups included', async () => {
    const { result, trace } = await run(
      { all: [f('a', 'equal', 1), { any: [f('b', 'equal', 2)] }, f('b', 'equal', 3, { priority: 3 })] },
      facts,
    )
    expect(result).toBe(false)
    expect(trace).toStrictEqual([
      { at: 'all', operator: 'all', result: false },
      { at: 'all[0]', operator: 'equal', fact: 'a', expected: 1, result: 'not-evaluated' },
      { at: 'all[1].any', operator: 'any', result: 'not-evaluated' },
      { at: 'all[1].any[0]', operator: 'equal', fact: 'b', expected: 2, result: 'not-evaluated' },
      { at: 'all[2]', operator: 'equal', fact: 'b', expected: 3, found: 2, result: false },
    ])
  })

  it('any: a passing higher group leaves the lower ones not evaluated', async () => {
    const { result, trace } = await run({ any: [f('a', 'equal', 5), f('b', 'equal', 2, { priority: 2 })] }, facts)
    expect(result).toBe(true)
    expect(trace.map((e) => e.result)).toStrictEqual([true, 'not-evaluated', true])
  })

  it('within one group every condition is evaluated, even after the outcome is known', async () => {
    const { trace } = await run({ all: [f('a', 'equal', 5), f('b', 'equal', 2)] }, facts)
    expect(trace.map((e) => e.result)).toStrictEqual([false, false, true])
  })

  it('groups run from the highest priority down, then in written order', async () => {
    const { trace } = await run(
      {
        all: [
          f('a', 'equal', 1, { priority: 1 }),
          f('b', 'equal', 2, { priority: 2 }),
          f('a', 'equal', 9, { priority: 3 }),
        ],
      },
      facts,
    )
    expect(trace.map((e) => e.result)).toStrictEqual([false, 'not-evaluated', 'not-evaluated', false])
  })

  it('a reference takes its own priority, not the priority written on the shared condition', async () => {
    const shared: Shared = { late: { all: [f('a', 'equal', 9)], priority: 3 } }
    const { trace } = await run({ all: [f('b', 'equal', 5, { priority: 2 }), { condition: 'late' }] }, facts, shared)
    expect(trace).toStrictEqual([
      { at: 'all', operator: 'all', result: false },
      { at: 'all[0]', operator: 'equal', fact: 'b', expected: 5, found: 2, result: false },
      { at: 'all[1].all', condition: 'late', operator: 'all', result: 'not-evaluated' },
      { at: 'all[1].all[0]', operator: 'equal', fact: 'a', expected: 9, result: 'not-evaluated' },
    ])
  })
})

describe('shared conditions', () => {
  it('an evaluated reference is labelled with its name, as a not-evaluated one is', async () => {
    const shared: Shared = { isOne: { any: [f('a', 'equal', 1)] } }
    const { trace } = await run({ all: [{ condition: 'isOne' }] }, facts, shared)
    expect(trace[1]).toStrictEqual({ at: 'all[0].any', condition: 'isOne', operator: 'any', result: true })
  })

  it('a rule may be a reference alone, and a shared condition may refer to another', async () => {
    const shared: Shared = { inner: { all: [f('a', 'equal', 1)] }, outer: { condition: 'inner' } }
    expect(await run({ condition: 'outer' }, facts, shared)).toStrictEqual({
      result: true,
      trace: [
        { at: 'all', condition: 'inner', operator: 'all', result: true },
        { at: 'all[0]', operator: 'equal', fact: 'a', expected: 1, found: 1, result: true },
      ],
    })
  })

  it('an unknown reference is an error when the rule is compiled, not when evaluation reaches it', () => {
    const compile = () =>
      compileConditions({ any: [f('a', 'equal', 1, { priority: 2 }), { condition: 'nowhere' }] }, {})
    expect(compile).toThrow(XingquanError)
    expect(compile).toThrow(/No condition nowhere exists/)
  })

  it('shared conditions referring to each other in a cycle are an error', () => {
    const shared: Shared = { p: { all: [{ condition: 'q' }] }, q: { any: [{ condition: 'p' }] } }
    expect(() => compileConditions({ condition: 'p' }, shared)).toThrow(
      expect.objectContaining({ code: 'CONDITION_CYCLE' }),
    )
  })
})

describe('undefined facts', () => {
  it('a fact missing from the bag is an error, as a fact named as the value is', async () => {
    const missing = compileConditions({ all: [f('gone', 'equal', 1)] }, {})
    expect(() => missing.evaluate(facts)).toThrow(expect.objectContaining({ code: 'FACT_UNDEFINED' }))
    await expect(
      new ReferenceEngine([packOf([ruleOf('r', { all: [f('gone', 'equal', 1)] })])]).evaluate(facts),
    ).rejects.toThrow(/Undefined fact: gone/)
    const asValue = compileConditions({ all: [f('a', 'equal', { fact: 'gone' })] }, {})
    expect(() => asValue.evaluate(facts)).toThrow(/Undefined fact: gone/)
  })

  it('is no error when a priority group short-circuits before it', async () => {
    const { result, trace } = await run({ all: [f('gone', 'equal', 1), f('a', 'equal', 2, { priority: 2 })] }, facts)
    expect(result).toBe(false)
    expect(trace[1]!.result).toBe('not-evaluated')
  })

  it('a fact that is present with the value null is defined', async () => {
    expect((await run({ all: [f('none', 'equal', null)] }, facts)).trace[1]).toMatchObject({
      found: null,
      result: true,
    })
  })
})

describe('operators and values', () => {
  it('numeric comparisons accept what parseFloat reads as a number, and nothing else', async () => {
    expect((await run({ all: [f('s', 'greaterThan', 4)] }, facts)).result).toBe(true) // '5' > 4
    expect((await run({ all: [f('t', 'lessThan', 'b')] }, facts)).result).toBe(false) // 'abc' is no number
    expect((await run({ all: [f('none', 'lessThanInclusive', 1)] }, facts)).result).toBe(false)
  })

  it('in and notIn use indexOf on the value: a string value matches substrings; null throws', async () => {
    expect((await run({ all: [f('t', 'in', 'xabcx')] }, facts)).result).toBe(true)
    expect((await run({ all: [f('a', 'notIn', [2, 3])] }, facts)).result).toBe(true)
    expect(() => compileConditions({ all: [f('a', 'in', null)] }, {}).evaluate(facts)).toThrow(TypeError)
  })

  it('contains and doesNotContain are false on a fact that is not an array', async () => {
    expect((await run({ all: [f('list', 'contains', 'y')] }, facts)).result).toBe(true)
    expect((await run({ all: [f('t', 'contains', 'a')] }, facts)).result).toBe(false)
    expect((await run({ all: [f('t', 'doesNotContain', 'z')] }, facts)).result).toBe(false)
  })

  it('a fact named as the value is compared by its value, and the trace names it', async () => {
    const { trace } = await run({ all: [f('a', 'lessThan', { fact: 'obj', path: '$.p.q' })] }, facts)
    expect(trace[1]).toStrictEqual({
      at: 'all[0]',
      operator: 'lessThan',
      fact: 'a',
      expected: 7,
      expectedFact: 'obj',
      found: 1,
      result: true,
    })
  })

  it('an empty path in a fact named as the value means the whole fact', async () => {
    expect((await run({ all: [f('a', 'equal', { fact: 'a', path: '' })] }, facts)).result).toBe(true)
  })
})

describe('paths', () => {
  it('reach into object facts; a path on a fact that is not an object gives the fact itself', async () => {
    expect((await run({ all: [f('obj', 'equal', 7, { path: '$.p.q' })] }, facts)).result).toBe(true)
    expect((await run({ all: [f('a', 'equal', 1, { path: '$.p.q' })] }, facts)).result).toBe(true)
    expect((await run({ all: [f('list', 'equal', 2, { path: '$.length' })] }, facts)).result).toBe(true)
  })

  it('read own properties only, like jsonpath-plus: never a prototype member', async () => {
    expect(resolvePath({ a: {} }, '$.a.constructor')).toBeUndefined()
    expect(resolvePath({ a: {} }, '$.a.toString')).toBeUndefined()
    expect(resolvePath({ a: 'abc' }, '$.a.length')).toBe(3)
    expect(resolvePath({ a: '' }, '$.a.length')).toBeUndefined()
    expect(resolvePath({ a: { b: null } }, '$.a.b')).toBeNull()
    expect(resolvePath({ a: [{ b: 1 }] }, '$.a.b')).toBeUndefined()
    const stock = new ReferenceEngine(
      [packOf([ruleOf('r', { all: [f('obj', 'equal', null, { path: '$.p.constructor' })] })])],
      { pathResolver: false },
    )
    const [outcome] = await stock.outcomes(facts)
    expect(toTrace(outcome!.tree)[1]).toMatchObject({ found: null }) // jsonpath-plus found nothing either
  })
})

describe('evaluations are independent', () => {
  it('one compiled rule evaluated twice records each run on its own', async () => {
    const c = compileConditions({ any: [f('a', 'equal', 1, { priority: 2 }), f('b', 'equal', 2)] }, {})
    const first = c.evaluate({ a: 1, b: 2 })
    const second = c.evaluate({ a: 0, b: 2 })
    expect(toTrace(first.tree()).map((e) => e.result)).toStrictEqual([true, true, 'not-evaluated'])
    expect(toTrace(second.tree()).map((e) => e.result)).toStrictEqual([true, false, true])
  })
})

describe('fact names that every object inherits', () => {
  it('are facts only when the bag has them as its own', async () => {
    expect(() => compileConditions({ all: [f('constructor', 'equal', 1)] }, {}).evaluate(facts)).toThrow(
      /Undefined fact: constructor/,
    )
    await expect(
      new ReferenceEngine([packOf([ruleOf('r', { all: [f('constructor', 'equal', 1)] })])]).evaluate(facts),
    ).rejects.toThrow(/Undefined fact: constructor/)
    expect((await run({ all: [f('toString', 'equal', 'mine')] }, { toString: 'mine' })).result).toBe(true)
  })
})

describe('guards: the conditions a rule cannot fire without', () => {
  const shared: Shared = { isCase: { all: [f('matterType', 'equal', 'case')] } }
  const keys = (c: TopLevelCondition) => guardsOf(c, shared).map((g) => JSON.parse(g.key.slice(1))[0] as string)

  it('are the literal fact conditions reached through all lists and named conditions, never under any or not', () => {
    const conditions: TopLevelCondition = {
      all: [
        { condition: 'isCase' },
        f('a', 'lessThan', 3, { priority: 2 }),
        f('b', 'equal', { fact: 'a' }),
        { any: [f('c', 'equal', 1), f('d', 'equal', 1)] },
        { not: f('e', 'equal', 1) },
        { all: [f('t', 'in', ['abc'])] },
      ],
    }
    expect(keys(conditions)).toStrictEqual(['matterType', 'a', 't'])
    expect(keys({ any: [f('a', 'equal', 1)] })).toStrictEqual([])
  })

  it('say undecided where the condition could throw or the fact is missing, so that the rule runs and decides', () => {
    const [lt] = guardsOf({ all: [f('obj', 'lessThan', 3)] }, {})
    expect(lt!.test({ obj: Object.create(null) })).toBeUndefined() // `<` would throw on it
    expect(lt!.test({ obj: 2 })).toBe(true)
    expect(guardsOf({ all: [f('a', 'in', 0)] }, {})).toStrictEqual([]) // 0.indexOf throws whatever the fact
    const [eq] = guardsOf({ all: [f('constructor', 'equal', 1)] }, {})
    expect(eq!.test({})).toBeUndefined()
    expect(eq!.test({ constructor: 1 })).toBe(true)
    // an absent value is not null: two such guards are told apart
    const [absent] = guardsOf({ all: [f('none', 'equal', undefined)] }, {})
    const [none] = guardsOf({ all: [f('none', 'equal', null)] }, {})
    expect(absent!.key).not.toBe(none!.key)
    expect([absent!.test({ none: null }), none!.test({ none: null })]).toStrictEqual([false, true])
  })

  it('skip a rule whose guard fails, test a guard shared by rules once, and leave firings and traces as they were', async () => {
    const rules = [
      ruleOf('r1', { all: [{ condition: 'isCase' }, f('a', 'equal', 1)] }),
      ruleOf('r2', { all: [f('a', 'equal', 1), { condition: 'isCase' }] }),
      ruleOf('r3', { all: [f('matterType', 'equal', 'patrolLog')] }),
    ]
    const layers = [packOf(rules, shared)]
    const reference = new ReferenceEngine(layers)
    let reads = 0
    for (const matterType of ['case', 'patrolLog']) {
      const bag = { eventType: 'accepted', a: 1, matterType }
      const counted = new Proxy(bag, {
        get: (t, k) => {
          if (k === 'matterType') reads++
          return t[k as keyof typeof t]
        },
      })
      reads = 0
      const firings = RuleSet.of(layers).evaluate(counted, DAY)
      expect(firings).toStrictEqual(await reference.evaluate(bag))
      expect(firings.map((x) => x.ruleId)).toStrictEqual(matterType === 'case' ? ['r1', 'r2'] : ['r3'])
      // two guards on matterType, each tested once; then read again only by the rules that run
      expect(reads).toBe(2 + (matterType === 'case' ? 2 : 1))
    }
  })
})
