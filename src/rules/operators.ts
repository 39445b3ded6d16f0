/** The ten operators of json-rules-engine, with its exact semantics (validators included), for the compiled evaluator. */

export type OperatorName =
  | 'equal'
  | 'notEqual'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'

// biome-ignore lint/suspicious/noExplicitAny: json-rules-engine's operators compare whatever JSON a fact holds with <, >, ===
type Op = (factValue: any, value: any) => boolean

/**
 * json-rules-engine's `parseFloat(v).toString() !== 'NaN'`; for a number that is exactly "not NaN" (Infinity and
 * 1e21 parse back to themselves), so numbers, the usual case, skip the string round trip.
 */
const isNumber = (v: unknown) =>
  typeof v === 'number' ? !Number.isNaN(v) : Number.parseFloat(v as string).toString() !== 'NaN'

/** Same callbacks and fact-value validators as json-rules-engine's engine-default-operators.js. */
export const OPERATORS: Readonly<Record<OperatorName, Op>> = Object.freeze({
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => b.indexOf(a) > -1,
  notIn: (a, b) => b.indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumber(a) && a < b,
  lessThanInclusive: (a, b) => isNumber(a) && a <= b,
  greaterThan: (a, b) => isNumber(a) && a > b,
  greaterThanInclusive: (a, b) => isNumber(a) && a >= b,
})

export const isOperator = (name: string): name is OperatorName => Object.hasOwn(OPERATORS, name)
