/** The engine's condition tree (all / any / not, fact · operator · value) and react-querybuilder's groups, one to one. */
import type { RuleGroupType, RuleType } from 'react-querybuilder'

type EngineCondition = Record<string, unknown>

/** The engine's operators, as the builder offers them. */
export const OPERATORS = [
  { name: 'equal', label: '等于', en: 'equals' },
  { name: 'notEqual', label: '不等于', en: 'not equal' },
  { name: 'lessThan', label: '小于', en: 'less than' },
  { name: 'lessThanInclusive', label: '小于或等于', en: 'at most' },
  { name: 'greaterThan', label: '大于', en: 'greater than' },
  { name: 'greaterThanInclusive', label: '大于或等于', en: 'at least' },
  { name: 'in', label: '属于', en: 'in' },
  { name: 'notIn', label: '不属于', en: 'not in' },
  { name: 'contains', label: '包含', en: 'contains' },
  { name: 'doesNotContain', label: '不包含', en: 'does not contain' },
] as const

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The builder's query for an engine condition; each builder rule's id is the JSON pointer of its condition.
 * @example toQuery({ all: [{ fact: 'statutoryDaysLeft', operator: 'lessThanInclusive', value: 3 }] }, '/rules/2/conditions')
 */
export function toQuery(c: EngineCondition, pointer: string): RuleGroupType {
  if (Array.isArray(c.all) || Array.isArray(c.any)) {
    const key = Array.isArray(c.all) ? 'all' : 'any'
    const list = c[key] as EngineCondition[]
    return {
      id: pointer,
      combinator: key === 'all' ? 'and' : 'or',
      rules: list.map((x, i) => toNode(x, `${pointer}/${key}/${i}`)),
    }
  }
  if (isObj(c.not)) {
    const inner = toQuery(c.not, `${pointer}/not`)
    return { ...inner, id: pointer, not: true }
  }
  return { id: pointer, combinator: 'and', rules: [toNode(c, pointer)] }
}

function toNode(c: EngineCondition, pointer: string): RuleType | RuleGroupType {
  if ('fact' in c) {
    const raw = c.value
    // another fact's value ({ fact }) or a parameter of the pack ({ param }): the builder's 'field' and 'parameter' sources
    const source =
      isObj(raw) && Object.keys(raw).length === 1
        ? typeof raw.fact === 'string'
          ? 'field'
          : typeof raw.param === 'string'
            ? 'parameter'
            : undefined
        : undefined
    const value =
      source === 'field'
        ? (raw as Record<string, unknown>).fact
        : source === 'parameter'
          ? (raw as Record<string, unknown>).param
          : isObj(raw) || Array.isArray(raw)
            ? JSON.stringify(raw)
            : typeof raw === 'boolean'
              ? String(raw)
              : raw
    const rule: RuleType = {
      id: pointer,
      field: String(c.fact),
      operator: String(c.operator),
      value,
      ...(source ? { valueSource: source } : {}),
    }
    return (typeof c.path === 'string' ? { ...rule, factPath: c.path } : rule) as RuleType
  }
  return toQuery(c, pointer)
}

/** A value typed into the builder, as the engine wants it: numbers and booleans by the fact's type, JSON for lists. */
function engineValue(r: RuleType, type: string | undefined): unknown {
  if (r.valueSource === 'field') return { fact: r.value }
  if (r.valueSource === 'parameter') return { param: r.value }
  const v = r.value as unknown
  if (typeof v !== 'string') return v
  const s = v.trim()
  if (s.startsWith('[') || s.startsWith('{')) {
    try {
      return JSON.parse(s)
    } catch {
      return v
    }
  }
  if (type === 'number' && s !== '' && !Number.isNaN(Number(s))) return Number(s)
  if (type === 'boolean') return s === 'true'
  if (s === 'null') return null
  return v
}

/**
 * The engine condition for the builder's query (and/or → all/any, a negated group → not).
 * @example toCondition(query, (fact) => 'number')
 */
export function toCondition(q: RuleGroupType, typeOf: (fact: string) => string | undefined): EngineCondition {
  const list = q.rules
    .filter((r): r is RuleType | RuleGroupType => typeof r !== 'string')
    .map((r) => ('rules' in r ? toCondition(r, typeOf) : fromRule(r, typeOf)))
  const group = { [q.combinator === 'or' ? 'any' : 'all']: list }
  return q.not ? { not: group } : group
}

function fromRule(r: RuleType, typeOf: (fact: string) => string | undefined): EngineCondition {
  const extra = (r as RuleType & { factPath?: string }).factPath
  return {
    fact: r.field,
    operator: r.operator,
    value: engineValue(r, typeOf(r.field)),
    ...(extra ? { path: extra } : {}),
  }
}
