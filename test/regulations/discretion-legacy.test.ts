/** A stored pack version whose standards have the earlier shape (levels, standard-wide 从轻减轻 and 从重 bands) replays as it was computed then: the tables change what new evaluations say, not what old ones said. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isLegacyStandard, legacyRecommendBand } from '../../src/discretion/legacy-band.js'
import { readExample } from '../../src/examples/example-case.js'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { packVersion } from '../../src/rules/pack-version.js'
import type { LegacyDiscretionStandard, PenaltyGroundPolicy, RulePack } from '../../src/types/generated.js'

const before = JSON.parse(
  readFileSync(new URL('../fixtures/discretion/discretion-standards-before-tables.pack.json', import.meta.url), 'utf8'),
) as RulePack
const env = loadEnvironment()
const grounds = new Map<string, PenaltyGroundPolicy>(
  env.packs.flatMap((p) => p.pack.penaltyPolicy?.grounds ?? []).map((g) => [g.ground, g]),
)
const legacy = (id: string) =>
  before.discretionStandards!.find((s) => s.id === id) as unknown as LegacyDiscretionStandard
const fire = legacy('lx.discretion.fire-facilities')
const food = legacy('lx.discretion.unlicensed-food')
const band = (s: LegacyDiscretionStandard, level: string, g: string[] = [], baseAmount?: number) =>
  legacyRecommendBand(s, { level, grounds: g, ...(baseAmount !== undefined ? { baseAmount } : {}) }, grounds)

describe('the earlier shape, as it was computed', () => {
  it('is recognised by its shape, and the shipped tables are not', () => {
    expect(isLegacyStandard(fire)).toBe(true)
    for (const p of env.packs) for (const s of p.pack.discretionStandards ?? []) expect(isLegacyStandard(s)).toBe(false)
  })

  it('gives the bands of the time: standard-wide 从轻减轻 and 从重, mitigation prevailing', () => {
    expect(band(fire, 'minor')).toEqual({
      standard: fire.id,
      level: 'minor',
      basis: 'level',
      minAmount: 5000,
      maxAmount: 18500,
      kinds: ['fine'],
      requiredKinds: [],
      statutoryMin: 5000,
      statutoryMax: 50000,
      belowMinimum: false,
    })
    expect(band(food, 'severe', ['eliminatedHarm'], 8000)).toMatchObject({
      basis: 'mitigated',
      minAmount: 0,
      maxAmount: 65000,
      belowMinimum: true,
      requiredKinds: ['confiscation'],
    })
    expect(band(fire, 'general', ['limitedCapacity'])).toMatchObject({
      basis: 'mayMitigate',
      minAmount: 0,
      maxAmount: 32000,
    })
    expect(band(fire, 'minor', ['repeatWithinYear'])).toMatchObject({
      basis: 'aggravated',
      minAmount: 41000,
      maxAmount: 50000,
    })
    expect(band(fire, 'minor', ['repeatWithinYear', 'coerced'])).toMatchObject({ basis: 'mitigated' })
    expect(band(fire, 'serious', ['under14'])).toMatchObject({ basis: 'noPenalty', kinds: [] })
    expect(band(fire, '特别严重')).toBe('levelUnknown')
  })
})

describe('one case, under the pack version of each shape', () => {
  const example = readExample(
    fileURLToPath(
      new URL('../../rules/lixian/examples/fire-severe-mitigated-below-tier-silent.example.json', import.meta.url),
    ),
  )
  const oldEnv = {
    ...env,
    packs: env.packs.map((p) =>
      p.pack.id === before.id ? { file: 'rule_packs/before', pack: before, version: packVersion(before) } : p,
    ),
  }
  const decision = (e: typeof env) =>
    replayCase(e, example.case, { at: example.at }).evaluations.find((x) => x.eventType === 'decisionMade')!

  it('the old version: the 从轻 band is 0–18500 whatever the tier, and a 严重 case at 0.45 of the range is 未从轻', () => {
    const d = decision(oldEnv)
    expect(d.facts.discretionBand).toMatchObject({ basis: 'mitigated', minAmount: 0, maxAmount: 18500 })
    expect(d.firings.map((f) => f.ruleId)).toContain('cn.penalty.mitigation-not-applied')
  })

  it('the tables: the row of the 严重 tier, 0 to its middle, and no alarm', () => {
    const d = decision(env)
    expect(d.facts.discretionBand).toMatchObject({ row: 'severe-lighter', minAmount: 0, maxAmount: 45500 })
    expect(d.firings.map((f) => f.ruleId)).not.toContain('cn.penalty.mitigation-not-applied')
  })
})
