/** Derives the discretion facts: grounds by their statutory effect, the standard and level, the recommended band, and the decided penalty against it. */
import { catalogEntry, type PowerCatalog } from '../catalog/power-catalog.js'
import type { CaseState } from '../case/case-state.js'
import type { PenaltyContext } from '../discretion/penalty-context.js'
import { isLegacyStandard, legacyRecommendBand, tierAndAggravation } from '../discretion/legacy-band.js'
import { fineWithinStatutoryRange, penaltyWithin, recommendBand } from '../discretion/recommend-band.js'
import type { Facts } from '../types/generated.js'

export type DiscretionFacts = Pick<
  Facts,
  | 'penaltyImposed'
  | 'penaltyGrounds'
  | 'noPenaltyGrounds'
  | 'mitigationGrounds'
  | 'optionalReliefGrounds'
  | 'aggravationGrounds'
  | 'discretionStandardId'
  | 'discretionLevel'
  | 'discretionProblem'
  | 'discretionBand'
  | 'penaltyWithinBand'
  | 'penaltyWithinStatutoryRange'
  | 'penaltyTimeBarred'
>

/**
 * The last day of a period of `years` years from `from` (民法典 第二百零一条: the first day not counted; 第二百零二条: the
 * corresponding day of the last month, or that month's last day when it has none).
 * @example lastDayOfYears('2020-02-29', 2) // '2022-02-28'
 */
export function lastDayOfYears(from: string, years: number): string {
  const y = Number(from.slice(0, 4)) + years
  const m = Number(from.slice(5, 7))
  const d = Math.min(Number(from.slice(8, 10)), new Date(Date.UTC(y, m, 0)).getUTCDate())
  return `${String(y).padStart(4, '0')}-${from.slice(5, 7)}-${String(d).padStart(2, '0')}`
}

/** True when the offence was discovered after its time bar; null when the bar or the offence date is unknown. */
function timeBarred(state: CaseState, context: PenaltyContext | undefined): boolean | null {
  const bar = context?.timeBar
  const d = state.discretion
  if (!bar || d.offenceOn === undefined || state.header.powerItem.type !== 'penalty') return null
  const last = lastDayOfYears(d.offenceOn, d.harmsLifeHealthOrFinance ? bar.extendedYears : bar.years)
  return (d.discoveredOn ?? state.acceptedOn) > last
}

/**
 * The discretion facts of a case; without a penalty context every ground is unclassified and no band is given.
 * @example discretionFacts(state, catalog, penaltyContextOf(view.packs, day)).discretionBand
 */
export function discretionFacts(
  state: CaseState,
  catalog: PowerCatalog | undefined,
  context: PenaltyContext | undefined,
): DiscretionFacts {
  const d = state.discretion
  const grounds = [...d.grounds]
  const withEffect = (...effects: string[]) =>
    grounds.filter((g) => effects.includes(context?.grounds.get(g)?.effect ?? ''))
  const h = state.header
  const standardId =
    d.standard ?? catalogEntry(catalog, h.department.jurisdiction, h.powerItem.code)?.discretionStandard ?? null
  const standard = standardId !== null ? context?.standards.get(standardId)?.standard : undefined
  const band = standard
    ? isLegacyStandard(standard)
      ? legacyRecommendBand(standard, d, context!.grounds)
      : recommendBand(standard, d, context!.grounds)
    : undefined
  const recommendation = typeof band === 'object' ? band : null
  const penalty = state.decision?.penalty
  const imposed = penalty !== undefined && penalty.kinds.length > 0
  const { level, aggravation } = standard
    ? tierAndAggravation(standard, d.level, grounds)
    : { level: null, aggravation: [] }
  return {
    penaltyImposed: imposed,
    penaltyGrounds: grounds,
    noPenaltyGrounds: withEffect('noPenalty'),
    mitigationGrounds: withEffect('mitigate'),
    optionalReliefGrounds: withEffect('mayWaive', 'mayMitigate'),
    aggravationGrounds: aggravation,
    discretionStandardId: standardId,
    discretionLevel: level,
    discretionProblem:
      standardId === null ? 'noStandard' : !standard ? 'standardUnknown' : typeof band === 'string' ? band : null,
    discretionBand: recommendation,
    penaltyWithinBand: imposed && recommendation ? penaltyWithin(penalty, recommendation) : null,
    penaltyWithinStatutoryRange: imposed && recommendation ? fineWithinStatutoryRange(penalty, recommendation) : null,
    penaltyTimeBarred: timeBarred(state, context),
  }
}
