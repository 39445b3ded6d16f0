/** Lint of discretion tables: each finding fires on a broken table and stays silent on the nearest table that is not broken. */
import { describe, expect, it } from 'vitest'
import { lintDiscretionTable, lintDiscretionTables } from '../../src/lint/lint-discretion-table.js'
import { loadPacks, type LoadedPack } from '../../src/rules/rule-library.js'
import { packsInForce } from '../../src/rules/rule-set.js'
import type { DiscretionRow, DiscretionStandard } from '../../src/types/generated.js'

const { packs } = loadPacks()
const shipped = packs.find((p) => p.pack.id === 'lx.discretion-standards')!
// an edited table is linted against the statutory range bound to a day's values, as lintDiscretionTables binds it
const bound = packsInForce([shipped], '2026-06-01')[0]!
const standardOf = (id: string) => structuredClone(bound.pack.discretionStandards!.find((s) => s.id === id)!)
const row = (s: DiscretionStandard, id: string): DiscretionRow => s.table.rows.find((r) => r.id === id)!

/** The findings of one edited copy of a shipped standard (in memory: no file position). */
function lintEdited(id: string, edit: (s: DiscretionStandard) => void) {
  const s = standardOf(id)
  edit(s)
  const pack: LoadedPack = {
    file: 'edited.pack.json',
    version: 'sha256:test',
    pack: { ...shipped.pack, discretionStandards: [s] },
  }
  return lintDiscretionTable(pack, s, 0)
}
const FIRE = 'lx.discretion.fire-facilities'
const FOOD = 'lx.discretion.unlicensed-food'

describe('the shipped discretion tables', () => {
  it('have no finding: complete, without overlap, every band inside the law', () => {
    expect(lintDiscretionTables([shipped])).toEqual([])
  })
})

describe('each table finding fires on a broken table and not on its nearest sound one', () => {
  it.each<[string, string, (s: DiscretionStandard) => void, (s: DiscretionStandard) => void, RegExp]>([
    [
      'DISCRETION_TABLE_GAP',
      FIRE,
      (s) => s.table.rows.splice(s.table.rows.indexOf(row(s, 'severe-weighed')), 1),
      (s) => {
        s.table.rows.splice(s.table.rows.indexOf(row(s, 'severe-weighed')), 1)
        delete row(s, 'severe-lighter').when.aggravation
      },
      /没有一行适用于：违法情节“严重”、应当从轻或者减轻情节、有从重情节/,
    ],
    [
      'DISCRETION_TABLE_OVERLAP',
      FIRE,
      (s) => delete row(s, 'severe-lighter').when.aggravation,
      (s) => {
        delete row(s, 'severe-lighter').when.aggravation
        s.table.hitPolicy = 'first'
      },
      /unique.*“severe-lighter”.*“severe-weighed”.*严重/,
    ],
    [
      'DISCRETION_ROW_UNREACHABLE',
      FIRE,
      (s) => {
        delete row(s, 'severe-lighter').when.aggravation
        s.table.hitPolicy = 'first'
      },
      (s) => (s.table.hitPolicy = 'first'),
      /“severe-weighed”永远不会适用/,
    ],
    [
      'DISCRETION_BAND_OUTSIDE_RANGE',
      FIRE,
      (s) => (row(s, 'severe-heavier').band = { fine: { min: 45500, max: 60000 }, kinds: ['fine'] }),
      (s) => (row(s, 'severe-heavier').band = { fine: { min: 45500, max: 50000 }, kinds: ['fine'] }),
      /severe-heavier.*超出法定幅度/,
    ],
    [
      'DISCRETION_BAND_OUTSIDE_RANGE',
      FIRE,
      (s) => (row(s, 'minor-general').band!.belowMinimum = true),
      (s) => (row(s, 'minor-lighter').band!.belowMinimum = true),
      /minor-general.*低于法定最低额.*减轻/,
    ],
    [
      'DISCRETION_BAND_OUTSIDE_RANGE',
      FOOD,
      (s) =>
        (row(s, 'minor-general').band = {
          fine: { min: 60000, max: 80000 },
          kinds: ['confiscation', 'fine'],
          requiredKinds: ['confiscation', 'fine'],
        }),
      (s) =>
        (row(s, 'minor-general').band = {
          fineShare: { from: 0.2, to: 0.3 },
          kinds: ['confiscation', 'fine'],
          requiredKinds: ['confiscation', 'fine'],
        }),
      /minor-general.*60000 元—80000 元.*倍数/,
    ],
    [
      'DISCRETION_BAND_REVERSED',
      FIRE,
      (s) => (row(s, 'minor-general').band!.fineShare = { from: 0.3, to: 0.29 }),
      (s) => (row(s, 'minor-general').band!.fineShare = { from: 0.3, to: 0.3 }),
      /minor-general.*下限大于上限/,
    ],
    [
      'DISCRETION_KIND_NOT_STATUTORY',
      FOOD,
      (s) => (row(s, 'minor-general').band!.kinds = ['confiscation', 'fine', 'revocation']),
      (s) => (row(s, 'minor-general').band!.kinds = ['fine']),
      /revocation/,
    ],
    [
      'DISCRETION_LIGHTER_ABOVE_GENERAL',
      FIRE,
      (s) => (row(s, 'minor-lighter').band!.fineShare = { from: 0, to: 0.35 }),
      (s) => (row(s, 'minor-lighter').band!.fineShare = { from: 0, to: 0.3 }),
      /minor-lighter.*从轻.*较轻.*一般档（0%—30%）/,
    ],
    [
      'DISCRETION_LIGHTER_ABOVE_GENERAL',
      FIRE,
      (s) => (row(s, 'minor-weighed').band!.fineShare = { from: 0, to: 0.31 }),
      (s) => (row(s, 'minor-weighed').band!.fineShare = { from: 0, to: 0.3 }),
      /minor-weighed.*较轻.*一般档（0%—30%）/,
    ],
    [
      'DISCRETION_LIGHTER_ABOVE_MIDDLE',
      FIRE,
      (s) => (row(s, 'minor-lighter').band!.fineShare = { from: 0, to: 0.3 }),
      (s) => (row(s, 'minor-lighter').band!.fineShare = { from: 0, to: 0.15 }),
      /minor-lighter.*中点 15%/,
    ],
    [
      'DISCRETION_HEAVIER_BELOW_GENERAL',
      FIRE,
      (s) => (row(s, 'severe-heavier').band!.fineShare = { from: 0.7, to: 1 }),
      (s) => (row(s, 'severe-heavier').band!.fineShare = { from: 0.8, to: 1 }),
      /severe-heavier.*从重.*严重.*一般档（80%—100%）/,
    ],
    [
      'DISCRETION_HEAVIER_BELOW_MIDDLE',
      FIRE,
      (s) => (row(s, 'severe-heavier').band!.fineShare = { from: 0.8, to: 1 }),
      (s) => (row(s, 'severe-heavier').band!.fineShare = { from: 0.9, to: 1 }),
      /severe-heavier.*中点 90%/,
    ],
    [
      'DISCRETION_BANDS_OVERLAP',
      FIRE,
      (s) => (row(s, 'general-general').band!.fineShare = { from: 0.25, to: 0.6 }),
      (s) => (row(s, 'general-general').band!.fineShare = { from: 0.3, to: 0.6 }),
      /较轻.*一般.*25%—30%/,
    ],
    [
      'DISCRETION_TIER_UNKNOWN',
      FIRE,
      (s) => (row(s, 'severe-general').when.tier = ['severe', 'extreme']),
      (s) => (row(s, 'severe-general').when.tier = ['severe']),
      /extreme/,
    ],
    [
      'DISCRETION_TIER_DUPLICATE',
      FIRE,
      (s) => s.tiers.push({ ...s.tiers[0]!, name: '较轻（重复）' }),
      (s) => s.tiers.push({ ...s.tiers[0]!, id: 'trivial', name: '轻微' }),
      /minor/,
    ],
    [
      'DISCRETION_ROW_DUPLICATE',
      FIRE,
      (s) => (row(s, 'minor-heavier').id = 'minor-general'),
      (s) => (row(s, 'minor-heavier').id = 'minor-aggravated'),
      /minor-general/,
    ],
    [
      'DISCRETION_PENALTY_DESPITE_NO_PENALTY_GROUND',
      FIRE,
      (s) => {
        s.table.hitPolicy = 'first'
        s.table.rows.unshift({ ...row(s, 'minor-general'), id: 'catch-all', when: {} })
      },
      (s) => {
        s.table.hitPolicy = 'first'
        s.table.rows.push({ ...row(s, 'minor-general'), id: 'catch-all', when: {} })
      },
      /“catch-all”.*不予处罚情节.*却给予处罚/,
    ],
    [
      'DISCRETION_MITIGATION_IGNORED',
      FIRE,
      (s) => (row(s, 'severe-weighed').levels = ['general', 'heavier']),
      (s) => (row(s, 'severe-weighed').levels = ['lighter', 'general', 'heavier']),
      /“severe-weighed”.*既非从轻也非减轻/,
    ],
    [
      'DISCRETION_REDUCED_WITHOUT_GROUND',
      FIRE,
      (s) => (row(s, 'minor-general').levels = ['reduced', 'general']),
      (s) => (row(s, 'minor-lighter').levels = ['reduced']),
      /minor-general.*减轻/,
    ],
  ])('%s', (code, id, broken, sound, mention) => {
    const fired = lintEdited(id, broken).filter((p) => p.code === code)
    expect(fired.length, JSON.stringify(lintEdited(id, broken))).toBeGreaterThan(0)
    expect(
      fired.some((p) => mention.test(p.zh)),
      fired.map((p) => p.zh).join('\n'),
    ).toBe(true)
    for (const p of fired) {
      expect(p.pointer).toMatch(/^\/discretionStandards\/0(\/|$)/)
      expect(p.en.length).toBeGreaterThan(10)
    }
    expect(lintEdited(id, sound).filter((p) => p.code === code)).toEqual([])
  })
})

describe('where a finding points', () => {
  it('a gap points at the rows, an overlap at the second row’s circumstances, a band at the band', () => {
    const gap = lintEdited(FIRE, (s) => s.table.rows.splice(1, 1)).find((p) => p.code === 'DISCRETION_TABLE_GAP')
    expect(gap?.pointer).toBe('/discretionStandards/0/table/rows')
    const overlap = lintEdited(FIRE, (s) => delete row(s, 'severe-lighter').when.aggravation).find(
      (p) => p.code === 'DISCRETION_TABLE_OVERLAP',
    )
    const weighed = standardOf(FIRE).table.rows.findIndex((r) => r.id === 'severe-weighed')
    expect(overlap?.pointer).toBe(`/discretionStandards/0/table/rows/${weighed}/when`)
    expect(overlap?.zh).not.toMatch(/等 \d+ 种/)
  })

  it('an overlap over many combinations is one finding per pair of rows, with the count', () => {
    const found = lintEdited(FIRE, (s) =>
      s.table.rows.push({ ...row(s, 'minor-general'), id: 'catch-all', when: {} }),
    ).filter((p) => p.code === 'DISCRETION_TABLE_OVERLAP')
    expect(found).toHaveLength(standardOf(FIRE).table.rows.length)
    expect(found.find((p) => p.zh.includes('“no-penalty”'))?.zh).toMatch(/“catch-all”.*等 8 种情节组合/)
  })
})
