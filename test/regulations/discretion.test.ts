/** Discretion standards: the statutory range of a case, the band its circumstances call for, and the decided penalty against it. */
import { describe, expect, it } from 'vitest'
import { fineWithinStatutoryRange, penaltyWithin, recommendBand, statutoryRange, type BandRecommendation } from '../../src/discretion/recommend-band.js'
import { loadPacks } from '../../src/rules/rule-library.js'
import type { DiscretionStandard, PenaltyGroundPolicy } from '../../src/types/generated.js'

const { packs } = loadPacks()
const standards = new Map(packs.flatMap((p) => p.pack.discretionStandards ?? []).map((s) => [s.id, s]))
const grounds = new Map<string, PenaltyGroundPolicy>(packs.flatMap((p) => p.pack.penaltyPolicy?.grounds ?? []).map((g) => [g.ground, g]))
const fire = standards.get('lx.discretion.fire-facilities')!
const food = standards.get('lx.discretion.unlicensed-food')!
const band = (s: DiscretionStandard, level: string, g: string[] = [], baseAmount?: number) =>
  recommendBand(s, { level, grounds: g, ...(baseAmount !== undefined ? { baseAmount } : {}) }, grounds) as BandRecommendation

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

describe('the recommended band', () => {
  it('places each level at its share of the range: min + share × (max − min)', () => {
    expect(band(fire, 'minor')).toMatchObject({ basis: 'level', minAmount: 5000, maxAmount: 18500, kinds: ['fine'] })
    expect(band(fire, 'general')).toMatchObject({ minAmount: 18500, maxAmount: 32000 })
    expect(band(fire, '严重')).toMatchObject({ level: 'severe', minAmount: 41000, maxAmount: 50000 })
  })

  it('the levels of the shipped standards tile the range without overlap', () => {
    for (const s of [fire, food]) {
      const spans = s.levels.map((l) => l.band.fineShare!).sort((a, b) => a.from - b.from)
      expect(spans[0]!.from).toBe(0)
      expect(spans.at(-1)!.to).toBe(1)
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBe(spans[i - 1]!.to)
    }
  })

  it('应当从轻或者减轻 (行政处罚法 第三十二条) gives the mitigated band, down to zero where 减轻 is allowed', () => {
    expect(band(food, 'severe', ['eliminatedHarm'], 8000)).toMatchObject({ basis: 'mitigated', minAmount: 0, maxAmount: 65000, belowMinimum: true, requiredKinds: ['confiscation'] })
  })

  it('可以从轻或者减轻 spans the mitigated band to the level’s', () => {
    expect(band(fire, 'general', ['limitedCapacity'])).toMatchObject({ basis: 'mayMitigate', minAmount: 0, maxAmount: 32000 })
  })

  it('the standard’s 从重 grounds give the aggravated band, but mitigation the law requires prevails', () => {
    expect(band(fire, 'minor', ['repeatWithinYear'])).toMatchObject({ basis: 'aggravated', minAmount: 41000, maxAmount: 50000 })
    expect(band(fire, 'minor', ['repeatWithinYear', 'coerced'])).toMatchObject({ basis: 'mitigated' })
  })

  it('不予处罚 grounds leave no penalty at all', () => {
    expect(band(fire, 'serious', ['under14'])).toMatchObject({ basis: 'noPenalty', minAmount: 0, maxAmount: 0, kinds: [] })
  })

  it('says what is missing rather than guessing', () => {
    expect(recommendBand(fire, { level: '特别严重', grounds: [] }, grounds)).toBe('levelUnknown')
    expect(recommendBand(food, { level: 'general', grounds: [] }, grounds)).toBe('baseMissing')
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
    expect(fineWithinStatutoryRange({ kinds: ['fine'], amount: 30000 }, band(food, 'general', ['confessed'], 8000))).toBe(true)
    expect(fineWithinStatutoryRange({ kinds: ['fine'], amount: 100001 }, band(food, 'general', ['confessed'], 8000))).toBe(false)
    expect(fineWithinStatutoryRange({ kinds: ['warning'] }, general)).toBeNull()
  })
})
