/**
 * A discretion table compiled to rules: each row a rule whose conditions are its `when` as all-conditions on the
 * table's three inputs, run by the rule engine's own compiled evaluator; the row a case hits is the row whose rule
 * fires, and that rule's trace shows which of its conditions held.
 */
import { compileConditions, type CompiledConditions } from '../rules/compile-conditions.js'
import { toTrace } from '../rules/trace.js'
import type { DiscretionRow, DiscretionStandard, Rule, TopLevelCondition, TraceEntry } from '../types/generated.js'

/** The facts a row's rule reads: the case's tier (违法情节), statutory relief and whether a 从重 ground is established. */
export const TABLE_FACTS = {
  tier: 'discretionLevel',
  relief: 'discretionRelief',
  aggravation: 'discretionAggravation',
} as const

/** One combination of the table's inputs, as facts. */
export type TableFacts = {
  readonly discretionLevel: string
  readonly discretionRelief: string
  readonly discretionAggravation: boolean
}

/**
 * A row's conditions: every column it names, all of them; a row naming none covers every case.
 * @example rowConditions({ when: { tier: ['minor'], relief: ['none'], aggravation: false }, … }).all.length // 3
 */
export function rowConditions(row: DiscretionRow): TopLevelCondition & { all: unknown[] } {
  const w = row.when
  return {
    all: [
      ...(w.tier !== undefined ? [{ fact: TABLE_FACTS.tier, operator: 'in', value: [...w.tier] }] : []),
      ...(w.relief !== undefined ? [{ fact: TABLE_FACTS.relief, operator: 'in', value: [...w.relief] }] : []),
      ...(w.aggravation !== undefined
        ? [{ fact: TABLE_FACTS.aggravation, operator: 'equal', value: w.aggravation }]
        : []),
    ],
  } as TopLevelCondition & { all: unknown[] }
}

/**
 * The rule of a row: id `<standard>.row.<row>`, the row's circumstances as title and its citation.
 * @example rowRule(fire, fire.table.rows[7]).id // 'lx.discretion.fire-facilities.row.general-general'
 */
export function rowRule(standard: DiscretionStandard, row: DiscretionRow): Rule {
  return {
    id: `${standard.id}.row.${row.id}`,
    version: 1,
    kind: 'discretion',
    level: 'info',
    title: row.circumstances,
    citation: row.citation as Rule['citation'],
    ...(row.alsoCites ? { alsoCites: row.alsoCites as NonNullable<Rule['alsoCites']> } : {}),
    conditions: rowConditions(row),
  }
}

/** A table's rules, compiled once per standard object. */
const compiled = new WeakMap<DiscretionStandard, readonly { rule: Rule; conditions: CompiledConditions }[]>()

/**
 * The rules of a table's rows, in row order, each compiled by the engine's evaluator (memoised per standard).
 * @example tableRules(fire).map((r) => r.rule.id)
 */
export function tableRules(standard: DiscretionStandard): readonly { rule: Rule; conditions: CompiledConditions }[] {
  let rules = compiled.get(standard)
  if (!rules) {
    rules = standard.table.rows.map((row) => {
      const rule = rowRule(standard, row)
      return { rule, conditions: compileConditions(rule.conditions, {}) }
    })
    compiled.set(standard, rules)
  }
  return rules
}

/** The rows that fire, per standard and combination: a table has a few dozen combinations, and the same ones recur. */
const fired = new WeakMap<DiscretionStandard, Map<string, readonly { index: number; trace: TraceEntry[] }[]>>()

/**
 * The rows whose rules fire on these inputs, top to bottom, each with its trace (built only for the rows that fire);
 * memoised per standard and combination (the trace depends on nothing else). The result is shared: read it, do not change it.
 * @example firingRows(fire, { discretionLevel: 'minor', discretionRelief: 'none', discretionAggravation: false }) // [{ index: 1, trace }]
 */
export function firingRows(
  standard: DiscretionStandard,
  facts: TableFacts,
): readonly { index: number; trace: TraceEntry[] }[] {
  let byInputs = fired.get(standard)
  if (!byInputs) {
    byInputs = new Map()
    fired.set(standard, byInputs)
  }
  const key = `${facts.discretionLevel}|${facts.discretionRelief}|${facts.discretionAggravation}`
  const known = byInputs.get(key)
  if (known) return known
  const out: { index: number; trace: TraceEntry[] }[] = []
  const rules = tableRules(standard)
  for (let i = 0; i < rules.length; i++) {
    const tree = rules[i]!.conditions.fires(facts)
    if (tree) out.push({ index: i, trace: toTrace(tree) })
  }
  byInputs.set(key, out)
  return out
}
