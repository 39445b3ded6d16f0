/** Discretion standards: the statutory range of a case, the band its circumstances call for, and the decided penalty against it. */
import { describe, expect, it } from 'vitest'
import { combinations, reliefOf } from '../../src/discretion/discretion-table.js'
import {
  fineWithinStatutoryRange,
  penaltyWithin,
  recommendBand,
  statutoryRange,
  type BandRecommendation,
} from '../../src/discretion/recommend-band.js'
import { loadPacks } from '../../src/rules/rule-library.js'
import { packsInForce } from '../../src/rules/rule-set.js'
import type { DiscretionStandard, PenaltyGroundPolicy } from '../../src/types/generated.js'

// the packs as an evaluation sees them: the statutory fines (parameters) bound to the values of a day
const packs = packsInForce(loadPacks().packs, '2026-06-01')
const standards = new Map(packs.flatMap((p) => p.pack.discretionStandards ?? []).map((s) => [s.id, s]))
const grounds = new Map<string, PenaltyGroundPolicy>(
  packs.flatMap((p) => p.pack.penaltyPolicy?.grounds ?? []).map((g) => [g.ground, g]),
)
const fire = standards.get('lx.discretion.fire-facilities')!
const food = standards.get('lx.discretion.unlicensed-food')!
const band = (s: DiscretionStandard, level: string, g: string[] = [], baseAmount?: number) =>
  recommendBand(
    s,
    { level, grounds: g, ...(baseAmount !== undefined ? { baseAmount } : {}) },
    grounds,
  ) as BandRecommendation

describe('the statutory range, as the law each standard enforces gives it', () => {
  it('消防法 第六十条: 5000 to 50000 yuan, whatever the base', () => {
    expect(fire.statutory.citation).toMatchObject({ document: '中华人民共和国消防法', article: '第六十条' })
    expect(statutoryRange(fire, undefined)).toEqual({ min: 5000, max: 50000 })
  })

  it('食品安全法 第一百二十二条: 50000–100000 below 10000 yuan of goods, 10 to 20 times the value from 10000', () => {
    expect(statutoryRange(food, 9999.99)).toEqual({ min: 50000, max: 100000 })
    expect(statutoryRange(food, 10000)).toEqual({ min: 100000, max: 200000 })
    expect(statutoryRange(food, 23456)).toEqual({ min: 234560, max: 469120 })
    expect(statutoryRange(food, undefined)).toBe('baseMissing')
  })
})

describe('the recommended band: the row of the table the case hits', () => {
  it('places each tier at its share of the range: min + share × (max − min)', () => {
    expect(band(fire, 'minor')).toMatchObject({
      row: 'minor-general',
      levels: ['general'],
      relief: 'none',
      minAmount: 5000,
      maxAmount: 18500,
      kinds: ['fine'],
    })
    expect(band(fire, 'general')).toMatchObject({ minAmount: 18500, maxAmount: 32000 })
    expect(band(fire, '严重')).toMatchObject({
      level: 'severe',
      row: 'severe-general',
      minAmount: 41000,
      maxAmount: 50000,
    })
  })

  it('the 一般 rows of the shipped standards tile the range without overlap', () => {
    for (const s of [fire, food]) {
      const spans = s.tiers
        .map((t) => s.table.rows.find((r) => r.id === `${t.id}-general`)!.band!.fineShare!)
        .sort((a, b) => a.from - b.from)
      expect(spans[0]!.from).toBe(0)
      expect(spans.at(-1)!.to).toBe(1)
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBe(spans[i - 1]!.to)
    }
  })

  it('each row cites its provision, and the fact carries it', () => {
    expect(band(fire, 'minor')).toMatchObject({
      citation: { document: '中华人民共和国消防法', article: '第六十条', item: '第一款(一)' },
    })
    expect(band(fire, 'minor', ['eliminatedHarm'])).toMatchObject({
      citation: { document: '中华人民共和国行政处罚法', article: '第三十二条' },
      reliefGrounds: ['eliminatedHarm'],
    })
  })

  it('应当从轻或者减轻 (行政处罚法 第三十二条) is relative to the tier: up to its middle, down to zero where 减轻 is allowed', () => {
    expect(band(food, 'severe', ['eliminatedHarm'], 8000)).toMatchObject({
      row: 'severe-lighter',
      levels: ['reduced', 'lighter'],
      minAmount: 0,
      maxAmount: 92500,
      belowMinimum: true,
      requiredKinds: ['confiscation'],
    })
    expect(band(fire, 'minor', ['eliminatedHarm'])).toMatchObject({ minAmount: 0, maxAmount: 11750 })
    // a 严重 case at 0.45 of the range is 从轻 (below its tier), not a 未从轻
    expect(penaltyWithin({ kinds: ['fine'], amount: 25250 }, band(fire, 'severe', ['eliminatedHarm']))).toBe(true)
    expect(penaltyWithin({ kinds: ['fine'], amount: 15000 }, band(fire, 'minor', ['eliminatedHarm']))).toBe(false)
  })

  it('可以从轻或者减轻 spans 减轻 to the tier’s top', () => {
    expect(band(fire, 'general', ['limitedCapacity'])).toMatchObject({
      row: 'general-may-mitigate',
      relief: 'mayMitigate',
      minAmount: 0,
      maxAmount: 32000,
    })
  })

  it('the standard’s 从重 grounds give the upper half of the tier, not the top of the range', () => {
    expect(band(fire, 'minor', ['repeatWithinYear'])).toMatchObject({
      row: 'minor-heavier',
      levels: ['heavier'],
      aggravationGrounds: ['repeatWithinYear'],
      minAmount: 11750,
      maxAmount: 18500,
    })
    expect(band(fire, 'severe', ['refusedCorrection'])).toMatchObject({ minAmount: 45500, maxAmount: 50000 })
  })

  it('mitigation and aggravation together are weighed: from 减轻 to the tier’s top, neither cancelling the other', () => {
    const weighed = band(fire, 'serious', ['repeatWithinYear', 'eliminatedHarm'])
    expect(weighed).toMatchObject({
      row: 'serious-weighed',
      relief: 'mitigate',
      reliefGrounds: ['eliminatedHarm'],
      aggravationGrounds: ['repeatWithinYear'],
      minAmount: 0,
      maxAmount: 41000,
    })
    expect(penaltyWithin({ kinds: ['fine'], amount: 38000 }, weighed)).toBe(true)
    expect(penaltyWithin({ kinds: ['fine'], amount: 41001 }, weighed)).toBe(false)
  })

  it('不予处罚 grounds leave no penalty at all, whatever else holds', () => {
    expect(band(fire, 'serious', ['under14', 'repeatWithinYear'])).toMatchObject({
      row: 'no-penalty',
      levels: ['noPenalty'],
      minAmount: 0,
      maxAmount: 0,
      kinds: [],
    })
    expect(penaltyWithin({ kinds: ['fine'], amount: 1 }, band(fire, 'serious', ['under14']))).toBe(false)
  })

  it('says what is missing rather than guessing', () => {
    expect(recommendBand(fire, { level: '特别严重', grounds: [] }, grounds)).toBe('levelUnknown')
    expect(recommendBand(food, { level: 'general', grounds: [] }, grounds)).toBe('baseMissing')
  })
})

describe('the shipped tables implement the decision on 从轻 and 从重 (issue 14), tier by tier', () => {
  // every tier, every relief, with and without a 从重 ground: the band as the decision in docs/regulations.md states it
  const GROUND = {
    none: [],
    mayWaive: ['firstMinorCorrected'],
    mayMitigate: ['limitedCapacity'],
    mitigate: ['eliminatedHarm'],
    noPenalty: ['under14'],
  } as const
  it.each([
    ['消防', 'fire', undefined],
    ['食品 (base 8000)', 'food', 8000],
    ['食品 (base 23456)', 'food', 23456],
  ] as const)('%s', (_name, which, base) => {
    const s = which === 'fire' ? fire : food
    for (const tier of s.tiers) {
      const general = band(s, tier.id, [], base)
      const [lo, hi] = [general.minAmount!, general.maxAmount!]
      const mid = Math.round(((lo + hi) / 2) * 100) / 100
      for (const [relief, g] of Object.entries(GROUND)) {
        for (const aggravated of [false, true]) {
          const b = band(s, tier.id, [...g, ...(aggravated ? ['repeatWithinYear'] : [])], base)
          const want =
            relief === 'noPenalty'
              ? [0, 0]
              : relief === 'mitigate'
                ? [0, aggravated ? hi : mid]
                : relief === 'mayMitigate'
                  ? [0, hi]
                  : relief === 'none' && aggravated
                    ? [mid, hi]
                    : [lo, hi]
          expect([b.minAmount, b.maxAmount], `${tier.id} ${relief} ${aggravated}`).toEqual(want)
        }
      }
    }
  })
})

describe('the inputs of a table', () => {
  it('the relief column is the strongest statutory effect among the grounds, with the grounds that establish it', () => {
    expect(reliefOf([], grounds)).toEqual({ relief: 'none', grounds: [] })
    expect(reliefOf(['repeatWithinYear'], grounds)).toEqual({ relief: 'none', grounds: [] })
    expect(reliefOf(['firstMinorCorrected', 'limitedCapacity'], grounds)).toEqual({
      relief: 'mayMitigate',
      grounds: ['limitedCapacity'],
    })
    expect(reliefOf(['limitedCapacity', 'confessed', 'coerced'], grounds)).toEqual({
      relief: 'mitigate',
      grounds: ['confessed', 'coerced'],
    })
    expect(reliefOf(['confessed', 'noFault'], grounds)).toEqual({ relief: 'noPenalty', grounds: ['noFault'] })
  })

  it('every combination a standard can meet: tiers × five reliefs × with and without its 从重 grounds', () => {
    expect(combinations(fire)).toHaveLength(4 * 5 * 2)
    expect(combinations(food)).toHaveLength(3 * 5 * 2)
    const { aggravation: _none, ...plain } = fire
    expect(combinations(plain)).toHaveLength(4 * 5)
  })
})

describe('the hit policy', () => {
  const withRows = (
    rows: DiscretionStandard['table']['rows'],
    hitPolicy: 'unique' | 'first' = 'unique',
  ): DiscretionStandard => ({ ...fire, table: { hitPolicy, rows } })
  const general = fire.table.rows.find((r) => r.id === 'general-general')!
  const catchAll = { ...general, id: 'any', when: {} }

  it('unique: two rows for one combination are refused, not chosen between', () => {
    expect(recommendBand(withRows([general, catchAll]), { level: 'general', grounds: [] }, grounds)).toBe('rowsOverlap')
    expect(recommendBand(withRows([general, catchAll]), { level: 'minor', grounds: [] }, grounds)).toMatchObject({
      row: 'any',
    })
  })

  it('first: the first row that covers the combination, top to bottom', () => {
    expect(
      recommendBand(withRows([general, catchAll], 'first'), { level: 'general', grounds: [] }, grounds),
    ).toMatchObject({ row: 'general-general' })
    expect(
      recommendBand(withRows([catchAll, general], 'first'), { level: 'general', grounds: [] }, grounds),
    ).toMatchObject({ row: 'any' })
  })

  it('a combination no row covers gets no band', () => {
    expect(recommendBand(withRows([general]), { level: 'minor', grounds: [] }, grounds)).toBe('noRow')
  })
})

describe('a decided penalty against its band', () => {
  const general = band(food, 'general', [], 8000)
  it('needs the kinds the band requires and a fine inside it', () => {
    expect(penaltyWithin({ kinds: ['confiscation', 'fine'], amount: 65000 }, general)).toBe(true)
    expect(penaltyWithin({ kinds: ['fine'], amount: 65000 }, general)).toBe(false)
    expect(penaltyWithin({ kinds: ['confiscation', 'fine'], amount: 85001 }, general)).toBe(false)
    expect(penaltyWithin({ kinds: ['confiscation', 'fine', 'revocation'], amount: 65000 }, general)).toBe(false)
  })

  it('a fine below the statutory minimum is lawful only where 减轻 is', () => {
    expect(fineWithinStatutoryRange({ kinds: ['fine'], amount: 30000 }, general)).toBe(false)
    expect(
      fineWithinStatutoryRange({ kinds: ['fine'], amount: 30000 }, band(food, 'general', ['confessed'], 8000)),
    ).toBe(true)
    expect(
      fineWithinStatutoryRange({ kinds: ['fine'], amount: 100001 }, band(food, 'general', ['confessed'], 8000)),
    ).toBe(false)
    expect(fineWithinStatutoryRange({ kinds: ['warning'] }, general)).toBeNull()
  })
})
