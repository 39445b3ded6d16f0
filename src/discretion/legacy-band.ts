/**
 * The band under a standard of the earlier shape (levels, a standard-wide 从轻减轻 band, a standard-wide 从重 band), as
 * the engine computed it before standards became tables. Only a stored pack version of that shape reaches it: an
 * evaluation recorded under such a version replays to the same facts (schemas/rule-pack.schema.json
 * `legacyDiscretionStandard`; new packs must be tables).
 */
import type {
  DiscretionBand,
  DiscretionStandard,
  LegacyDiscretionBandFact,
  LegacyDiscretionStandard,
  PenaltyGroundPolicy,
} from '../types/generated.js'
import { fineOf, statutoryRange, type BandProblem, type DiscretionCircumstances } from './recommend-band.js'

export type AnyDiscretionStandard = DiscretionStandard | LegacyDiscretionStandard

/**
 * Whether a standard has the earlier shape (no table).
 * @example isLegacyStandard(storedPack.discretionStandards[0]) // true for a version recorded before the tables
 */
export const isLegacyStandard = (s: AnyDiscretionStandard): s is LegacyDiscretionStandard =>
  !('table' in s) && 'levels' in s

/**
 * The earlier rule: 不予处罚 grounds give no penalty; 应当从轻或者减轻 the mitigated band; 可以从轻或者减轻 the mitigated band
 * to the level's top; the standard's 从重 grounds the aggravated band (mitigation prevailing); otherwise the level's.
 * @example legacyRecommendBand(stored, { level: 'general', grounds: [] }, grounds) // { basis: 'level', minAmount: 18500, ... }
 */
export function legacyRecommendBand(
  standard: LegacyDiscretionStandard,
  c: DiscretionCircumstances,
  grounds: ReadonlyMap<string, PenaltyGroundPolicy>,
): LegacyDiscretionBandFact | Exclude<BandProblem, 'noRow' | 'rowsOverlap'> {
  const level = standard.levels.find((l) => l.id === c.level || l.name === c.level)
  if (!level) return 'levelUnknown'
  const range = statutoryRange(standard, c.baseAmount)
  if (range === 'baseMissing') return 'baseMissing'
  const effects = new Set(c.grounds.map((g) => grounds.get(g)?.effect))
  const aggravated = standard.aggravated && c.grounds.some((g) => standard.aggravated!.grounds.includes(g))
  const base = { standard: standard.id, level: level.id, statutoryMin: range.min, statutoryMax: range.max }
  const make = (
    basis: LegacyDiscretionBandFact['basis'],
    band: DiscretionBand,
    belowMinimum = false,
  ): LegacyDiscretionBandFact => {
    const fine = fineOf(band, range)
    return {
      ...base,
      basis,
      minAmount: belowMinimum && fine.min !== null ? 0 : fine.min,
      maxAmount: fine.max,
      kinds: [...band.kinds],
      requiredKinds: [...(band.requiredKinds ?? [])],
      belowMinimum,
    }
  }
  if (effects.has('noPenalty'))
    return {
      ...base,
      basis: 'noPenalty',
      minAmount: 0,
      maxAmount: 0,
      kinds: [],
      requiredKinds: [],
      belowMinimum: false,
    }
  const mitigated = standard.mitigated
  if (effects.has('mitigate'))
    return mitigated
      ? make('mitigated', mitigated.band, mitigated.belowMinimum === true)
      : make('mitigated', level.band, true)
  if (effects.has('mayMitigate')) {
    const low = mitigated
      ? make('mitigated', mitigated.band, mitigated.belowMinimum === true)
      : make('mitigated', level.band, true)
    const high = make('level', level.band)
    return {
      ...high,
      basis: 'mayMitigate',
      minAmount: low.minAmount,
      kinds: [...new Set([...low.kinds, ...high.kinds])],
      requiredKinds: high.requiredKinds.filter((k) => low.requiredKinds.includes(k)),
      belowMinimum: low.belowMinimum,
    }
  }
  if (aggravated) return make('aggravated', standard.aggravated!.band)
  return make('level', level.band)
}

/**
 * The level and the 从重 grounds of a case under a standard of either shape.
 * @example tierAndAggravation(standard, '严重', ['repeatWithinYear']) // { level: 'severe', aggravation: ['repeatWithinYear'] }
 */
export function tierAndAggravation(
  standard: AnyDiscretionStandard,
  level: string | undefined,
  caseGrounds: readonly string[],
): { level: string | null; aggravation: string[] } {
  const tiers: readonly { id: string; name: string }[] = isLegacyStandard(standard) ? standard.levels : standard.tiers
  const own = isLegacyStandard(standard) ? standard.aggravated?.grounds : standard.aggravation?.grounds
  return {
    level: tiers.find((t) => t.id === level || t.name === level)?.id ?? null,
    aggravation: caseGrounds.filter((g) => own?.includes(g) === true),
  }
}
