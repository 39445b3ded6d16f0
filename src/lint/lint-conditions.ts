/** Checks a rule's conditions against the fact catalog: unknown facts, operators that cannot apply, values that can never match. */
import type { Problem } from '../errors/xingquan-error.js'
import { isParamRef } from '../rules/parameters.js'
import type { Condition, TopLevelCondition } from '../types/generated.js'
import type { FactSpec } from './fact-catalog.js'

const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
const isFactRef = (v: unknown): v is { fact: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'fact')

type Finding = Omit<Problem, 'file' | 'line' | 'column'> & { pointer: string }

/**
 * Problems of one condition tree; pointers are relative to `base` (e.g. `/rules/3/conditions`).
 * @example lintConditions(rule.conditions, '/rules/0/conditions', factCatalog(), pack.sharedConditions ?? {})
 */
export function lintConditions(
  root: TopLevelCondition,
  base: string,
  facts: ReadonlyMap<string, FactSpec>,
  shared: Readonly<Record<string, unknown>>,
): Finding[] {
  const out: Finding[] = []
  const visit = (node: Condition, at: string) => {
    if ('condition' in node) {
      if (!Object.hasOwn(shared, node.condition)) {
        out.push({
          code: 'CONDITION_DANGLING',
          pointer: `${at}/condition`,
          zh: `引用了不存在的共用条件“${node.condition}”`,
          en: `refers to a shared condition that does not exist: "${node.condition}"`,
        })
      }
      return
    }
    if ('all' in node) {
      for (const [i, c] of node.all.entries()) visit(c, `${at}/all/${i}`)
      return
    }
    if ('any' in node) {
      for (const [i, c] of node.any.entries()) visit(c, `${at}/any/${i}`)
      return
    }
    if ('not' in node) return visit(node.not, `${at}/not`)
    const spec = facts.get(node.fact)
    if (!spec) {
      out.push({
        code: 'FACT_UNKNOWN',
        pointer: `${at}/fact`,
        zh: `未知的事实“${node.fact}”（见 schemas/facts.schema.json）`,
        en: `unknown fact "${node.fact}" (see schemas/facts.schema.json)`,
      })
      return
    }
    const value = node.value
    // a parameter stands for a number: lint-parameters checks that it exists and has a value
    if (isParamRef(value)) {
      if (!NUMERIC.has(node.operator) && node.operator !== 'equal' && node.operator !== 'notEqual') {
        out.push({
          code: 'OPERATOR_MISMATCH',
          pointer: `${at}/operator`,
          zh: `参数是数，不能用 ${node.operator}`,
          en: `a parameter is a number; ${node.operator} cannot apply`,
        })
      }
      if (!node.path && !spec.types.includes('number'))
        out.push({
          code: 'OPERATOR_MISMATCH',
          pointer: `${at}/value`,
          zh: `事实“${node.fact}”不是数字，不能与参数比较`,
          en: `fact "${node.fact}" is not a number; it cannot be compared with a parameter`,
        })
      return
    }
    if (isFactRef(value)) {
      if (!facts.has(value.fact))
        out.push({
          code: 'FACT_UNKNOWN',
          pointer: `${at}/value/fact`,
          zh: `未知的事实“${value.fact}”`,
          en: `unknown fact "${value.fact}"`,
        })
      return
    }
    const op = node.operator
    const factTypes = node.path ? ['object'] : spec.types
    if ((op === 'in' || op === 'notIn') && !Array.isArray(value)) {
      out.push({
        code: 'VALUE_NOT_LIST',
        pointer: `${at}/value`,
        zh: `运算符 ${op} 的期望值应为列表`,
        en: `operator ${op} needs a list as value`,
      })
    }
    if ((op === 'contains' || op === 'doesNotContain') && !node.path && !factTypes.includes('array')) {
      out.push({
        code: 'OPERATOR_MISMATCH',
        pointer: `${at}/operator`,
        zh: `事实“${node.fact}”不是列表，不能用 ${op}`,
        en: `fact "${node.fact}" is not a list; ${op} cannot apply`,
      })
    }
    if (NUMERIC.has(op)) {
      if (typeof value !== 'number')
        out.push({
          code: 'VALUE_NOT_NUMBER',
          pointer: `${at}/value`,
          zh: `运算符 ${op} 的期望值应为数字`,
          en: `operator ${op} needs a number as value`,
        })
      if (!node.path && !factTypes.includes('number'))
        out.push({
          code: 'OPERATOR_MISMATCH',
          pointer: `${at}/operator`,
          zh: `事实“${node.fact}”不是数字，${op} 永远不成立`,
          en: `fact "${node.fact}" is not a number; ${op} can never hold`,
        })
    }
    if ((op === 'equal' || op === 'notEqual') && !node.path) {
      const vt = typeOf(value)
      const neverEqual = spec.enum ? !spec.enum.includes(value) : !factTypes.includes(vt)
      if (neverEqual) {
        out.push({
          code: 'VALUE_NEVER_MATCHES',
          pointer: `${at}/value`,
          zh: `事实“${node.fact}”不可能等于 ${JSON.stringify(value)}，该条件${op === 'equal' ? '永远不成立' : '永远成立'}`,
          en: `fact "${node.fact}" can never be ${JSON.stringify(value)}; the condition is always ${op === 'equal' ? 'false' : 'true'}`,
        })
      }
    }
    if ((op === 'in' || op === 'notIn') && Array.isArray(value) && spec.enum && !node.path) {
      for (const [i, v] of value.entries()) {
        if (!spec.enum.includes(v))
          out.push({
            code: 'VALUE_NEVER_MATCHES',
            pointer: `${at}/value/${i}`,
            zh: `事实“${node.fact}”不可能取值 ${JSON.stringify(v)}`,
            en: `fact "${node.fact}" can never be ${JSON.stringify(v)}`,
          })
      }
    }
  }
  visit(root, base)
  return out
}
