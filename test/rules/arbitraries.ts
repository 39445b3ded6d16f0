/** fast-check generators of json-rules-engine rules and fact bags over a small fixed fact vocabulary, type mismatches included. */
import fc from 'fast-check'
import type { Condition, TopLevelCondition } from '../../src/types/generated.js'

export const EVENT_TYPES = ['accepted', 'stepStarted', 'decisionMade', 'asOf'] as const

/** A small value domain, so that equalities and orderings happen often: numbers, numeric and other strings, booleans, null. */
const scalar = fc.constantFrom<unknown>(
  0,
  1,
  2,
  3,
  -1,
  2.5,
  '0',
  '2',
  '2.5',
  '10',
  'a',
  'b',
  'open',
  '',
  true,
  false,
  null,
)
const list = fc.array(scalar, { maxLength: 4 })

/** Facts of the bag; `case` is an object fact reached by paths; `toString` is a name every object inherits (only an own one is a fact). */
export const FACT_NAMES = ['eventType', 'count', 'days', 'status', 'flag', 'tags', 'text', 'case', 'toString'] as const
const OBJECT_FACT = 'case'
const factValue: Record<(typeof FACT_NAMES)[number], fc.Arbitrary<unknown>> = {
  eventType: fc.constantFrom(...EVENT_TYPES),
  count: scalar,
  days: fc.oneof(scalar, fc.integer({ min: -30, max: 30 })),
  status: fc.constantFrom<unknown>('open', 'closed', 1, null),
  flag: fc.constantFrom<unknown>(true, false, null, 'true', 0, 1),
  tags: fc.oneof({ weight: 3, arbitrary: list }, { weight: 1, arbitrary: scalar }),
  text: fc.constantFrom<unknown>('open', 'pen', 'a', '', 'abc', 2),
  toString: scalar,
  case: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          x: scalar,
          y: fc.oneof(fc.record({ z: scalar, w: list }, { requiredKeys: ['z'] }), scalar, list),
          list,
          name: fc.constantFrom<unknown>('abc', '', 'open'),
        },
        { requiredKeys: ['x'] },
      ),
    },
    { weight: 1, arbitrary: fc.oneof(scalar, list) },
  ),
}

/** Schema-valid paths, including ones that exist only on the prototype (`constructor`) or on strings (`length`). */
export const PATHS = [
  '$.x',
  '$.y',
  '$.y.z',
  '$.y.w',
  '$.list',
  '$.list.length',
  '$.name.length',
  '$.missing',
  '$.y.missing.deeper',
  '$.constructor',
  '$.toString',
  '$.length',
] as const

const factName = fc.constantFrom(...FACT_NAMES)

/** A value that names a fact: `{ fact }`, `{ fact, path }` into the object fact, or an empty path (json-rules-engine ignores it). */
const factRef = fc.oneof(
  factName.map((fact) => ({ fact })),
  fc.constantFrom(...PATHS).map((path) => ({ fact: OBJECT_FACT, path })),
  factName.map((fact) => ({ fact, path: '' })),
)

const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 3, arbitrary: list },
  { weight: 2, arbitrary: factRef },
  { weight: 1, arbitrary: fc.constant({ x: 1 }) },
)

const operator = fc.constantFrom(
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
) as fc.Arbitrary<'equal'>

const priority = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 })
const withPriority = <T extends object>(c: T, p: number | undefined): T => (p === undefined ? c : { ...c, priority: p })

const factCondition: fc.Arbitrary<Condition> = fc
  .tuple(factName, operator, value, fc.option(fc.constantFrom(...PATHS), { nil: undefined, freq: 3 }), priority)
  .map(([fact, op, v, path, p]) => {
    const onObject = path !== undefined ? { path } : {}
    return withPriority(
      {
        fact: path !== undefined && fact !== 'tags' && fact !== 'count' ? OBJECT_FACT : fact,
        operator: op,
        value: v as never,
        ...onObject,
      },
      p,
    )
  })

/**
 * A condition: a fact condition, a reference to one of `names`, or (while depth remains) all/any/not of conditions.
 * @example fc.sample(condition(3, ['s0']), 1)
 */
export function condition(depth: number, names: readonly string[]): fc.Arbitrary<Condition> {
  const options: fc.WeightedArbitrary<Condition>[] = [{ weight: 4, arbitrary: factCondition }]
  if (names.length > 0) options.push({ weight: 1, arbitrary: reference(names) })
  if (depth > 0) options.push({ weight: 2, arbitrary: booleanCondition(depth - 1, names) })
  return fc.oneof(...options)
}

const reference = (names: readonly string[]): fc.Arbitrary<Condition> =>
  fc.tuple(fc.constantFrom(...names), priority).map(([name, p]) => withPriority({ condition: name }, p))

/**
 * all / any of up to four conditions (empty lists included), or not of one.
 * @example fc.sample(booleanCondition(2, []), 1)
 */
export function booleanCondition(depth: number, names: readonly string[]): fc.Arbitrary<TopLevelCondition> {
  const children = fc.array(condition(depth, names), { maxLength: 4 })
  return fc.oneof(
    fc.tuple(children, priority).map(([all, p]) => withPriority({ all }, p)),
    fc.tuple(children, priority).map(([any, p]) => withPriority({ any }, p)),
    fc.tuple(condition(depth, names), priority).map(([not, p]) => withPriority({ not }, p)),
  )
}

/** A rule's conditions: mostly all/any/not; sometimes a bare reference; sometimes limited to event types by a top-level `eventType` condition. */
function ruleConditions(names: readonly string[]): fc.Arbitrary<TopLevelCondition> {
  const eventTypeCondition = fc.tuple(
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...EVENT_TYPES), fc.constantFrom('equal', 'notEqual'))
        .map(([value, operator]) => ({ fact: 'eventType', operator, value })),
      fc.subarray([...EVENT_TYPES], { minLength: 1 }).map((value) => ({ fact: 'eventType', operator: 'in', value })),
    ),
    priority,
  )
  const limited = fc
    .tuple(fc.array(condition(3, names), { maxLength: 3 }), eventTypeCondition, fc.nat())
    .map(([all, [et, p], at]) => ({
      all: [...all.slice(0, at % (all.length + 1)), withPriority(et, p) as never, ...all.slice(at % (all.length + 1))],
    }))
  const options: fc.WeightedArbitrary<TopLevelCondition>[] = [
    { weight: 5, arbitrary: booleanCondition(3, names) },
    { weight: 3, arbitrary: limited },
  ]
  if (names.length > 0) options.push({ weight: 1, arbitrary: reference(names) as fc.Arbitrary<TopLevelCondition> })
  return fc.oneof(...options)
}

export interface GeneratedPack {
  /** Shared conditions s0, s1, …; each may refer only to those before it, so there is no cycle. */
  readonly shared: Record<string, TopLevelCondition>
  readonly rules: readonly TopLevelCondition[]
}

/** Up to three shared conditions and one to six rules. */
export const generatedPack: fc.Arbitrary<GeneratedPack> = fc.integer({ min: 0, max: 3 }).chain((n) => {
  const names = Array.from({ length: n }, (_, i) => `s${i}`)
  const shared = fc.tuple(...names.map((_, i) => booleanCondition(2, names.slice(0, i))))
  return fc.record({
    shared: shared.map((conds) => Object.fromEntries(conds.map((c, i) => [names[i]!, c as TopLevelCondition]))),
    rules: fc.array(ruleConditions(names), { minLength: 1, maxLength: 6 }),
  })
})

/** A fact bag over the vocabulary; now and then one or two facts are missing (json-rules-engine: undefined fact). */
export const factBag: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(factValue),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant([] as string[]) },
      {
        weight: 1,
        arbitrary: fc.subarray(
          FACT_NAMES.filter((n) => n !== 'eventType'),
          { maxLength: 2 },
        ),
      },
    ),
  )
  .map(([bag, missing]) =>
    Object.fromEntries(Object.entries(bag).filter(([k]) => !(missing as readonly string[]).includes(k))),
  )
