/** A discretion standard's table: the inputs a case gives it (tier, statutory relief, aggravation), the row whose compiled rule they fire under the table's hit policy, and every combination of inputs (for lint). */
import type {
  DiscretionRelief,
  DiscretionRow,
  DiscretionStandard,
  PenaltyGroundPolicy,
  TraceEntry,
} from '../types/generated.js'
import { firingRows, type TableFacts } from './table-rules.js'

/** The statutory effects, strongest first: a case's relief is the strongest effect among its grounds. */
export const RELIEF_ORDER: readonly DiscretionRelief[] = ['noPenalty', 'mitigate', 'mayMitigate', 'mayWaive', 'none']

/** Words for a relief value, as the table's column shows it. */
export const RELIEF_WORDS: Readonly<Record<DiscretionRelief, { zh: string; en: string }>> = {
  noPenalty: { zh: '不予处罚情节', en: 'a no-penalty ground' },
  mitigate: { zh: '应当从轻或者减轻情节', en: 'a ground that requires 从轻/减轻' },
  mayMitigate: { zh: '可以从轻或者减轻情节', en: 'a ground that allows 从轻/减轻' },
  mayWaive: { zh: '可以不予处罚情节', en: 'a ground that allows no penalty' },
  none: { zh: '无法定从轻、减轻、不予处罚情节', en: 'no statutory relief' },
}

/** One combination of the table's inputs. */
export interface TableInputs {
  /** The tier of the violation's circumstances (an id of `tiers`). */
  readonly tier: string
  readonly relief: DiscretionRelief
  /** Whether one of the standard's 从重 grounds is established. */
  readonly aggravation: boolean
}

/**
 * The relief a case's grounds give, with the grounds that give it (the facts that establish the column's value).
 * @example reliefOf(['eliminatedHarm', 'firstMinorCorrected'], grounds) // { relief: 'mitigate', grounds: ['eliminatedHarm'] }
 */
export function reliefOf(
  caseGrounds: readonly string[],
  policy: ReadonlyMap<string, PenaltyGroundPolicy>,
): { relief: DiscretionRelief; grounds: string[] } {
  for (const relief of RELIEF_ORDER) {
    if (relief === 'none') break
    const grounds = caseGrounds.filter((g) => policy.get(g)?.effect === relief)
    if (grounds.length > 0) return { relief, grounds }
  }
  return { relief: 'none', grounds: [] }
}

/**
 * The standard's 从重 grounds among a case's grounds.
 * @example aggravationOf(standard, ['repeatWithinYear', 'confessed']) // ['repeatWithinYear']
 */
export const aggravationOf = (standard: DiscretionStandard, caseGrounds: readonly string[]): string[] =>
  caseGrounds.filter((g) => standard.aggravation?.grounds.includes(g) === true)

/** The table's inputs as the facts its rows' rules read. */
const asFacts = (inputs: TableInputs): TableFacts => ({
  discretionLevel: inputs.tier,
  discretionRelief: inputs.relief,
  discretionAggravation: inputs.aggravation,
})

/**
 * The indices of the rows covering a combination, top to bottom: the rows whose rules fire (src/discretion/table-rules.ts).
 * @example matchingRows(standard, { tier: 'minor', relief: 'none', aggravation: false }) // [1]
 */
export const matchingRows = (standard: DiscretionStandard, inputs: TableInputs): number[] =>
  firingRows(standard, asFacts(inputs)).map((r) => r.index)

/**
 * The row a combination hits under the table's hit policy: `first` the first whose rule fires; `unique` the only one
 * (two are `rowsOverlap`, none `noRow`: the table, not the engine, must say which applies). `trace` is the hit row's
 * rule's trace: each of its conditions, what it found and expected.
 * @example hitRow(standard, { tier: 'severe', relief: 'mitigate', aggravation: false }) // { row, index: 16, trace }
 */
export function hitRow(
  standard: DiscretionStandard,
  inputs: TableInputs,
): { row: DiscretionRow; index: number; trace: TraceEntry[] } | 'noRow' | 'rowsOverlap' {
  const hits = firingRows(standard, asFacts(inputs))
  if (hits.length === 0) return 'noRow'
  if (standard.table.hitPolicy === 'unique' && hits.length > 1) return 'rowsOverlap'
  const { index, trace } = hits[0]!
  return { row: standard.table.rows[index]!, index, trace }
}

/**
 * Every combination of inputs the standard can meet: each tier × each relief × with and without a 从重 ground (only
 * without when the standard sets none).
 * @example combinations(fire).length // 4 tiers × 5 × 2 = 40
 */
export function combinations(standard: DiscretionStandard): TableInputs[] {
  const aggravation = standard.aggravation ? [false, true] : [false]
  return standard.tiers.flatMap((t) =>
    RELIEF_ORDER.flatMap((relief) => aggravation.map((a) => ({ tier: t.id, relief, aggravation: a }))),
  )
}
