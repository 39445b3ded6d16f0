/** Describes what a lower layer's rule changes in the rule it overrides: the values its conditions compare with, and the article it cites. */
import { isParamRef } from '../rules/parameters.js'
import type { Condition, Rule, TopLevelCondition } from '../types/generated.js'
import { citeText } from './pack-location.js'

/** Every fact condition of a tree with the path to it, `fact[path]` → value. */
function values(root: TopLevelCondition | Condition, out = new Map<string, unknown>(), at = ''): Map<string, unknown> {
  if ('all' in root) for (const [i, c] of root.all.entries()) values(c, out, `${at}all[${i}].`)
  else if ('any' in root) for (const [i, c] of root.any.entries()) values(c, out, `${at}any[${i}].`)
  else if ('not' in root) values(root.not, out, `${at}not.`)
  else if ('fact' in root) out.set(`${root.fact}${root.path ?? ''} ${root.operator}`, root.value)
  return out
}

/** A value as lint shows it: a parameter by its id. */
const shown = (v: unknown) => (isParamRef(v) ? `参数 ${v.param}` : JSON.stringify(v))

/**
 * What changes from `upper` to `lower`, in words; empty when nothing but the layer does.
 * @example overrideDetail(province, county) // '（statutoryDaysLeft lessThanInclusive：3 → 5）'
 */
export function overrideDetail(upper: Rule, lower: Rule): string {
  const changes: string[] = []
  const u = values(upper.conditions)
  const l = values(lower.conditions)
  for (const [key, value] of l) {
    if (u.has(key) && JSON.stringify(u.get(key)) !== JSON.stringify(value))
      changes.push(`${key}：${shown(u.get(key))} → ${shown(value)}`)
  }
  for (const key of l.keys()) if (!u.has(key)) changes.push(`新增条件 ${key}`)
  for (const key of u.keys()) if (!l.has(key)) changes.push(`删去条件 ${key}`)
  if (citeText(upper.citation) !== citeText(lower.citation))
    changes.push(`依据 ${citeText(upper.citation)} → ${citeText(lower.citation)}`)
  if (upper.level !== lower.level) changes.push(`等级 ${upper.level} → ${lower.level}`)
  return changes.length > 0 ? `（${changes.join('；')}）` : ''
}
