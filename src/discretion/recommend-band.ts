/** Recommends the band of penalty for a case's circumstances under a discretion standard, and checks a decided penalty against it. */
import type { DiscretionBand, DiscretionStandard, Penalty, PenaltyGroundPolicy } from '../types/generated.js'

export type BandBasis = 'level' | 'mitigated' | 'mayMitigate' | 'aggravated' | 'noPenalty'

/** The recommended band, as the fact `discretionBand` shows it. Amounts in yuan; null when the band has no fine. */
export interface BandRecommendation {
  readonly standard: string
  readonly level: string
  readonly basis: BandBasis
  readonly minAmount: number | null
  readonly maxAmount: number | null
  readonly kinds: readonly string[]
  readonly requiredKinds: readonly string[]
  readonly statutoryMin: number
  readonly statutoryMax: number
  /** Whether a fine below the statutory minimum is lawful here (减轻处罚). */
  readonly belowMinimum: boolean
}

export type BandProblem = 'levelUnknown' | 'baseMissing'

export interface DiscretionCircumstances {
  readonly level?: string
  readonly grounds: readonly string[]
  readonly baseAmount?: number
}

const round = (n: number) => Math.round(n * 100) / 100

/**
 * The statutory fine range for a base amount (货值金额, 违法所得): the bracket it falls in, fixed or a multiple of it.
 * @example statutoryRange(standard, 8000) // { min: 50000, max: 100000 }
 */
export function statutoryRange(standard: DiscretionStandard, baseAmount: number | undefined): { min: number; max: number } | 'baseMissing' {
  for (const b of standard.statutory.brackets) {
    const needsBase = b.baseBelow !== undefined || b.baseAtLeast !== undefined || b.fineMultiple !== undefined
    if (needsBase && baseAmount === undefined) return 'baseMissing'
    if (b.baseBelow !== undefined && !(baseAmount! < b.baseBelow)) continue
    if (b.baseAtLeast !== undefined && !(baseAmount! >= b.baseAtLeast)) continue
    if (b.fine) return { min: b.fine.min, max: b.fine.max }
    return { min: round(baseAmount! * b.fineMultiple!.min), max: round(baseAmount! * b.fineMultiple!.max) }
  }
  return 'baseMissing'
}

function fineOf(band: DiscretionBand, range: { min: number; max: number }): { min: number | null; max: number | null } {
  if (band.fine) return { min: band.fine.min, max: band.fine.max }
  if (band.fineShare) return { min: round(range.min + band.fineShare.from * (range.max - range.min)), max: round(range.min + band.fineShare.to * (range.max - range.min)) }
  return { min: null, max: null }
}

/**
 * The band for these circumstances: 不予处罚 grounds give no penalty; 应当从轻或者减轻 the mitigated band; 可以从轻或者减轻
 * the span from the mitigated band to the level's; the standard's 从重 grounds the aggravated band (mitigation prevails
 * over aggravation: the law's 应当 before the standard's 从重); otherwise the level's band.
 * @example recommendBand(standard, { level: 'general', grounds: [] }, grounds) // { basis: 'level', minAmount: 18500, ... }
 */
export function recommendBand(standard: DiscretionStandard, c: DiscretionCircumstances, grounds: ReadonlyMap<string, PenaltyGroundPolicy>): BandRecommendation | BandProblem {
  const level = standard.levels.find((l) => l.id === c.level || l.name === c.level)
  if (!level) return 'levelUnknown'
  const range = statutoryRange(standard, c.baseAmount)
  if (range === 'baseMissing') return 'baseMissing'
  const effects = new Set(c.grounds.map((g) => grounds.get(g)?.effect))
  const aggravated = standard.aggravated && c.grounds.some((g) => standard.aggravated!.grounds.includes(g))
  const base = { standard: standard.id, level: level.id, statutoryMin: range.min, statutoryMax: range.max }
  const make = (basis: BandBasis, band: DiscretionBand, belowMinimum = false): BandRecommendation => {
    const fine = fineOf(band, range)
    return { ...base, basis, minAmount: belowMinimum && fine.min !== null ? 0 : fine.min, maxAmount: fine.max, kinds: band.kinds, requiredKinds: band.requiredKinds ?? [], belowMinimum }
  }
  if (effects.has('noPenalty')) return { ...base, basis: 'noPenalty', minAmount: 0, maxAmount: 0, kinds: [], requiredKinds: [], belowMinimum: false }
  const mitigated = standard.mitigated
  if (effects.has('mitigate')) return mitigated ? make('mitigated', mitigated.band, mitigated.belowMinimum === true) : make('mitigated', level.band, true)
  if (effects.has('mayMitigate')) {
    const low = mitigated ? make('mitigated', mitigated.band, mitigated.belowMinimum === true) : make('mitigated', level.band, true)
    const high = make('level', level.band)
    return { ...high, basis: 'mayMitigate', minAmount: low.minAmount, kinds: [...new Set([...low.kinds, ...high.kinds])], requiredKinds: high.requiredKinds.filter((k) => low.requiredKinds.includes(k)), belowMinimum: low.belowMinimum }
  }
  if (aggravated) return make('aggravated', standard.aggravated!.band)
  return make('level', level.band)
}

/**
 * Whether a decided penalty lies in the band: its kinds allowed, the required kinds present, the fine inside the amounts.
 * @example penaltyWithin({ kinds: ['fine'], amount: 20000 }, band) // true
 */
export function penaltyWithin(penalty: Penalty, band: BandRecommendation): boolean {
  if (band.basis === 'noPenalty') return false
  if (!penalty.kinds.every((k) => band.kinds.includes(k))) return false
  if (!band.requiredKinds.every((k) => penalty.kinds.includes(k as Penalty['kinds'][number]))) return false
  if (!penalty.kinds.includes('fine')) return true
  if (penalty.amount === undefined) return false
  return (band.minAmount === null || penalty.amount >= band.minAmount) && (band.maxAmount === null || penalty.amount <= band.maxAmount)
}

/**
 * Whether a decided fine lies in the statutory range (below the minimum only where 减轻 is lawful); null without a fine.
 * @example fineWithinStatutoryRange({ kinds: ['fine'], amount: 60000 }, band) // false when the law allows 50000 at most
 */
export function fineWithinStatutoryRange(penalty: Penalty, band: BandRecommendation): boolean | null {
  if (!penalty.kinds.includes('fine') || penalty.amount === undefined) return null
  return penalty.amount <= band.statutoryMax && (penalty.amount >= band.statutoryMin || band.belowMinimum)
}
