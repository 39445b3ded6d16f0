/** Parameters: the numbers the law or an office sets, named, with values dated from a day; conditions, time policies and the time bar refer to them by id. */
import { XingquanError } from '../errors/xingquan-error.js'
import type { Condition, Parameter, RulePack, TopLevelCondition } from '../types/generated.js'

/** A condition's expected value naming a parameter: `{ "param": "sc-es.yellow-margin" }`. */
export interface ParamRef {
  readonly param: string
}

export const isParamRef = (v: unknown): v is ParamRef =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  typeof (v as { param?: unknown }).param === 'string' &&
  Object.keys(v).length === 1

/**
 * The value of a parameter in force on `day`: the one with the latest `from` not after the day (a value from
 * 2027-01-01 replaces the one before it from that day on); undefined before the first.
 * @example valueOn(margin, '2026-12-31') // 3, and valueOn(margin, '2027-01-01') // 5
 */
export function valueOn(parameter: Parameter, day: string): number | undefined {
  let found: { from: string; value: number } | undefined
  for (const v of parameter.values) if (v.from <= day && (!found || v.from >= found.from)) found = v
  return found?.value
}

/** The parameters declared by packs in layer order (upper first): a lower layer's parameter replaces an upper one of the same id. */
export function parametersOf(packs: readonly { readonly pack: RulePack }[]): Map<string, Parameter> {
  const out = new Map<string, Parameter>()
  for (const p of packs) for (const parameter of p.pack.parameters ?? []) out.set(parameter.id, parameter)
  return out
}

/** The parameter each bound fact condition was bound from: a side table, so conditions keep their shape. */
const boundFrom = new WeakMap<object, string>()

/**
 * The id of the parameter a bound condition compares to, for its trace entry; undefined for a condition written with a constant.
 * @example paramOf(bindConditions(c, values, day)) // 'sc-es.yellow-margin'
 */
export const paramOf = (condition: object): string | undefined => boundFrom.get(condition)

/**
 * Replaces every parameter named in a condition tree by its value on the day (`values`); returns the very same
 * object when the tree names none, so compiled conditions stay shared.
 * @example bindConditions({ all: [{ fact: 'statutoryDaysLeft', operator: 'lessThanInclusive', value: { param: 'sc-es.yellow-margin' } }] }, new Map([['sc-es.yellow-margin', 3]]))
 */
export function bindConditions<T extends Condition>(node: T, values: ReadonlyMap<string, number>, day: string): T {
  if ('fact' in node) {
    if (!isParamRef(node.value)) return node
    const value = values.get(node.value.param)
    if (value === undefined) {
      throw new XingquanError({
        code: 'PARAM_NO_VALUE',
        zh: `参数“${node.value.param}”在 ${day} 没有生效的值（或不存在）`,
        en: `parameter "${node.value.param}" has no value in force on ${day} (or does not exist)`,
      })
    }
    const bound = { ...node, value } as T
    boundFrom.set(bound, node.value.param)
    return bound
  }
  for (const key of ['all', 'any'] as const) {
    if (key in node) {
      const list = (node as unknown as Record<string, Condition[]>)[key]!
      const bound = list.map((c) => bindConditions(c, values, day))
      return bound.every((c, i) => c === list[i]) ? node : ({ ...node, [key]: bound } as T)
    }
  }
  if ('not' in node) {
    const bound = bindConditions(node.not, values, day)
    return bound === node.not ? node : ({ ...node, not: bound } as T)
  }
  return node
}

/**
 * The values in force on `day` of the parameters these packs declare, and a signature of them (for caches).
 * @example const { values, signature } = valuesOn(layers, '2027-01-01')
 */
export function valuesOn(
  packs: readonly { readonly pack: RulePack }[],
  day: string,
): { values: Map<string, number>; signature: string } {
  const values = new Map<string, number>()
  for (const [id, parameter] of parametersOf(packs)) {
    const v = valueOn(parameter, day)
    if (v !== undefined) values.set(id, v)
  }
  return { values, signature: [...values].map(([id, v]) => `${id}=${v}`).join(',') }
}

/**
 * A number the law or an office sets, written outside conditions (a deadline policy's days, an extension cap, the time
 * bar's years, a statutory fine's bounds), replaced by its value on the day; the same object when it names no parameter.
 * @example bindNumbers({ limit: { days: { param: 'cn-apl.case-limit' }, unit: 'calendar' } }, values, day) // { limit: { days: 90, … } }
 */
export function bindNumbers<T>(node: T, values: ReadonlyMap<string, number>, day: string): T {
  if (node === null || typeof node !== 'object') return node
  if (isParamRef(node)) {
    const value = values.get(node.param)
    if (value === undefined) {
      throw new XingquanError({
        code: 'PARAM_NO_VALUE',
        zh: `参数“${node.param}”在 ${day} 没有生效的值（或不存在）`,
        en: `parameter "${node.param}" has no value in force on ${day} (or does not exist)`,
      })
    }
    return value as T
  }
  if (Array.isArray(node)) {
    const bound = node.map((v) => bindNumbers(v, values, day))
    return (bound.every((v, i) => v === node[i]) ? node : bound) as T
  }
  let out: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(node)) {
    const b = bindNumbers(v, values, day)
    if (b === v) continue
    out ??= { ...(node as Record<string, unknown>) }
    out[k] = b
  }
  return (out ?? node) as T
}

/**
 * A pack with the parameters of its rules, shared conditions, time policies, time bar and the statutory fines of its
 * discretion standards bound to `values`; the same pack when nothing changes.
 * @example bindPack(pack, values, '2027-01-01')
 */
export function bindPack(pack: RulePack, values: ReadonlyMap<string, number>, day: string): RulePack {
  const rules = pack.rules.map((r) => {
    const conditions = bindConditions(r.conditions as Condition, values, day) as TopLevelCondition
    return conditions === r.conditions ? r : { ...r, conditions }
  })
  const shared = pack.sharedConditions
  const boundShared: Record<string, TopLevelCondition> | undefined =
    shared &&
    Object.fromEntries(
      Object.entries(shared).flatMap(([k, c]) =>
        c ? [[k, bindConditions(c as Condition, values, day) as TopLevelCondition]] : [],
      ),
    )
  const sharedChanged = shared !== undefined && Object.keys(shared).some((k) => boundShared![k] !== shared[k])
  // the time policy and the time bar are bound on the same day: for a case's limit that day is its acceptance
  // (RuleSet.policy(acceptedOn), the facts' openingPolicy): the law in force when the case was accepted
  const deadlinePolicy = bindNumbers(pack.deadlinePolicy, values, day)
  const penaltyPolicy = bindNumbers(pack.penaltyPolicy, values, day)
  // the statutory fines of the discretion standards (the law's amounts, the base that splits brackets, the multiples):
  // their values on the day judged; the table's shares are the standard's own numbers and are not parameters
  const standards = pack.discretionStandards?.map((s) => {
    const statutory = bindNumbers(s.statutory, values, day)
    return statutory === s.statutory ? s : { ...s, statutory }
  })
  const standardsChanged = standards?.some((s, i) => s !== pack.discretionStandards![i]) === true
  const policyChanged =
    deadlinePolicy !== pack.deadlinePolicy || penaltyPolicy !== pack.penaltyPolicy || standardsChanged
  if (!sharedChanged && !policyChanged && rules.every((r, i) => r === pack.rules[i])) return pack
  return {
    ...pack,
    rules,
    ...(sharedChanged && boundShared ? { sharedConditions: boundShared } : {}),
    ...(deadlinePolicy ? { deadlinePolicy } : {}),
    ...(penaltyPolicy ? { penaltyPolicy } : {}),
    ...(standardsChanged ? { discretionStandards: standards } : {}),
  }
}
