/** Recommends the band of penalty for a case's circumstances from a discretion standard's table, and checks a decided penalty against it. */
import type {
  DiscretionBand,
  DiscretionBandFact,
  DiscretionStandard,
  LegacyDiscretionBandFact,
  Penalty,
  PenaltyGroundPolicy,
  StatutoryRange,
} from '../types/generated.js'
import { XingquanError } from '../errors/xingquan-error.js'
import { aggravationOf, hitRow, reliefOf } from './discretion-table.js'

/**
 * The recommended band, as the fact `discretionBand` shows it (schemas/facts.schema.json): the table row the case hit
 * (`row`, `levels`, `citation`), what established it (`level` the tier, `relief` with `reliefGrounds`,
 * `aggravationGrounds`), the amounts in yuan (null when the band has no fine) and the kinds (empty: no penalty).
 */
export type BandRecommendation = NonNullable<DiscretionBandFact>

export type BandProblem = 'levelUnknown' | 'baseMissing' | 'noRow' | 'rowsOverlap'

export interface DiscretionCircumstances {
  readonly level?: string
  readonly grounds: readonly string[]
  readonly baseAmount?: number
}

const round = (n: number) => Math.round(n * 100) / 100

/** A bracket's amounts must be numbers here: a standard read from a raw pack, its parameters not bound, is refused, not guessed. */
function assertBound(standard: { readonly id?: string; readonly statutory: StatutoryRange }): void {
  for (const b of standard.statutory.brackets) {
    const amounts = [b.baseBelow, b.baseAtLeast, b.fine?.min, b.fine?.max, b.fineMultiple?.min, b.fineMultiple?.max]
    if (amounts.every((v) => v === undefined || typeof v === 'number')) continue
    throw new XingquanError({
      code: 'PARAM_UNBOUND',
      zh: `裁量基准“${standard.id ?? ''}”的法定幅度含未取值的参数：应先按评估之日取值（packsInForce、penaltyContextOf）`,
      en: `the statutory range of discretion standard "${standard.id ?? ''}" names parameters not bound to a day's values (packsInForce, penaltyContextOf)`,
    })
  }
}

/**
 * The statutory fine range for a base amount (货值金额, 违法所得): the bracket it falls in, fixed or a multiple of it.
 * The standard's amounts are those bound for the day judged (their parameters' values that day).
 * @example statutoryRange(standard, 8000) // { min: 50000, max: 100000 }
 */
export function statutoryRange(
  standard: { readonly id?: string; readonly statutory: StatutoryRange },
  baseAmount: number | undefined,
): { min: number; max: number } | 'baseMissing' {
  assertBound(standard)
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

/**
 * A band's fine in yuan for a statutory range: its own amounts, or its share of the range; null bounds without a fine.
 * @example fineOf({ kinds: ['fine'], fineShare: { from: 0, to: 0.15 } }, { min: 5000, max: 50000 }) // { min: 5000, max: 11750 }
 */
export function fineOf(
  band: DiscretionBand,
  range: { min: number; max: number },
): { min: number | null; max: number | null } {
  if (band.fine) return { min: band.fine.min, max: band.fine.max }
  if (band.fineShare)
    return {
      min: round(range.min + band.fineShare.from * (range.max - range.min)),
      max: round(range.min + band.fineShare.to * (range.max - range.min)),
    }
  return { min: null, max: null }
}

/**
 * The band for these circumstances: the row of the standard's table that the tier (违法情节), the strongest statutory
 * relief among the grounds (不予处罚 > 应当从轻或者减轻 > 可以从轻或者减轻 > 可以不予处罚 > none) and the presence of the
 * standard's 从重 grounds hit, under the table's hit policy. A row without a band gives no penalty.
 * @example recommendBand(standard, { level: 'general', grounds: [] }, grounds) // { row: 'general-general', minAmount: 18500, ... }
 */
export function recommendBand(
  standard: DiscretionStandard,
  c: DiscretionCircumstances,
  grounds: ReadonlyMap<string, PenaltyGroundPolicy>,
): BandRecommendation | BandProblem {
  const tier = standard.tiers.find((l) => l.id === c.level || l.name === c.level)
  if (!tier) return 'levelUnknown'
  const range = statutoryRange(standard, c.baseAmount)
  if (range === 'baseMissing') return 'baseMissing'
  const relief = reliefOf(c.grounds, grounds)
  const aggravationGrounds = aggravationOf(standard, c.grounds)
  const hit = hitRow(standard, { tier: tier.id, relief: relief.relief, aggravation: aggravationGrounds.length > 0 })
  if (typeof hit === 'string') return hit
  const { row } = hit
  const citation = {
    document: row.citation.document,
    article: row.citation.article,
    ...(row.citation.item !== undefined ? { item: row.citation.item } : {}),
  }
  const base = {
    standard: standard.id,
    level: tier.id,
    row: row.id,
    levels: [...row.levels],
    relief: relief.relief,
    reliefGrounds: relief.grounds,
    aggravationGrounds,
    statutoryMin: range.min,
    statutoryMax: range.max,
    citation,
    rowTrace: hit.trace,
  }
  if (!row.band) return { ...base, minAmount: 0, maxAmount: 0, kinds: [], requiredKinds: [], belowMinimum: false }
  const fine = fineOf(row.band, range)
  const belowMinimum = row.band.belowMinimum === true
  return {
    ...base,
    minAmount: belowMinimum && fine.min !== null ? 0 : fine.min,
    maxAmount: fine.max,
    kinds: [...row.band.kinds],
    requiredKinds: [...(row.band.requiredKinds ?? [])],
    belowMinimum,
  }
}

/**
 * Whether a decided penalty lies in the band: its kinds allowed, the required kinds present, the fine inside the amounts.
 * @example penaltyWithin({ kinds: ['fine'], amount: 20000 }, band) // true
 */
export function penaltyWithin(penalty: Penalty, band: BandRecommendation | LegacyDiscretionBandFact): boolean {
  if (band.kinds.length === 0) return false
  if (!penalty.kinds.every((k) => band.kinds.includes(k))) return false
  if (!band.requiredKinds.every((k) => penalty.kinds.includes(k as Penalty['kinds'][number]))) return false
  if (!penalty.kinds.includes('fine')) return true
  if (penalty.amount === undefined) return false
  return (
    (band.minAmount === null || penalty.amount >= band.minAmount) &&
    (band.maxAmount === null || penalty.amount <= band.maxAmount)
  )
}

/**
 * Whether a decided fine lies in the statutory range (below the minimum only where 减轻 is lawful); null without a fine.
 * @example fineWithinStatutoryRange({ kinds: ['fine'], amount: 60000 }, band) // false when the law allows 50000 at most
 */
export function fineWithinStatutoryRange(
  penalty: Penalty,
  band: BandRecommendation | LegacyDiscretionBandFact,
): boolean | null {
  if (!penalty.kinds.includes('fine') || penalty.amount === undefined) return null
  return penalty.amount <= band.statutoryMax && (penalty.amount >= band.statutoryMin || band.belowMinimum)
}
