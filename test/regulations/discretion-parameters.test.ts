/** The statutory fines of the discretion standards are parameters: one dated value changes the band from its day, and lint fails on a bare amount. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { readExample } from '../../src/examples/example-case.js'
import { lintRules } from '../../src/lint/lint-packs.js'
import { DEFAULT_TEMPLATES_DIR } from '../../src/notices/template-library.js'
import type { RulePack } from '../../src/types/generated.js'

const RULES = new URL('../../rules', import.meta.url).pathname
const PACK = 'lixian/discretion-standards.pack.json'

/** A copy of the shipped rules with the discretion standards' pack edited. */
function rulesWith(edit: (pack: RulePack) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-brackets-'))
  cpSync(RULES, dir, { recursive: true })
  const pack = JSON.parse(readFileSync(join(dir, PACK), 'utf8')) as RulePack
  edit(pack)
  writeFileSync(join(dir, PACK), JSON.stringify(pack, null, 2))
  return dir
}

/** The change legal staff would make if the law raised the fire fine's maximum: one dated value. */
const fireMax80000From2027 = (pack: RulePack) =>
  pack
    .parameters!.find((p) => p.id === 'cn-fire.60.fine-max')!
    .values.push({
      from: '2027-01-01',
      value: 80000,
      source: { office: '示例', reference: '假设的修改（测试用）/ a hypothetical amendment' },
    })

/**
 * The shipped fire case (tier 一般, fined 25000 yuan on 2025-06-10), judged at 09:00 on a day (the facts of the case as
 * of that day, under the law in force that day): its band and whether the fine lies in it.
 */
function judged(dir: string | undefined, day: string) {
  const file = readExample(join(RULES, 'lixian/examples/fire-fine-within-band.example.json')).case
  const asOf = replayCase(loadEnvironment(dir), file, { at: `${day}T09:00:00+08:00` }).asOf!
  const band = asOf.facts.discretionBand!
  return {
    statutoryMax: band.statutoryMax,
    minAmount: band.minAmount,
    maxAmount: band.maxAmount,
    withinBand: asOf.facts.penaltyWithinBand,
  }
}

describe('消防法 第六十条 maximum from 50000 to 80000 yuan from 2027-01-01 (one dated value): the band changes from that day', () => {
  const changed = rulesWith(fireMax80000From2027)
  const before = { statutoryMax: 50000, minAmount: 18500, maxAmount: 32000, withinBand: true }

  it('the change lints clean', () => {
    const errors = lintRules(changed, { today: '2026-11-26', templatesDir: DEFAULT_TEMPLATES_DIR }).filter(
      (p) => (p.severity ?? 'error') === 'error',
    )
    expect(errors).toEqual([])
  })

  it('judged Thursday 31 December 2026: 30 %–60 % of 5000–50000, 18500–32000; the 25000 fine is inside, under either rules', () => {
    expect(judged(changed, '2026-12-31')).toEqual(before)
    expect(judged(undefined, '2026-12-31')).toEqual(before)
  })

  it('judged Monday 4 January 2027: 30 %–60 % of 5000–80000, 27500–50000; the 25000 fine is below it under the change', () => {
    expect(judged(changed, '2027-01-04')).toEqual({
      statutoryMax: 80000,
      minAmount: 27500,
      maxAmount: 50000,
      withinBand: false,
    })
    expect(judged(undefined, '2027-01-04')).toEqual(before)
  })
})

describe('lint of the statutory ranges', () => {
  const errors = (dir: string, code: string) =>
    lintRules(dir, { today: '2026-11-26', templatesDir: DEFAULT_TEMPLATES_DIR }).filter((p) => p.code === code)
  const fire = (pack: RulePack) => pack.discretionStandards!.find((s) => s.id === 'lx.discretion.fire-facilities')!
  const food = (pack: RulePack) => pack.discretionStandards!.find((s) => s.id === 'lx.discretion.unlicensed-food')!

  it('the shipped standards write every amount of the law as a parameter', () => {
    expect(errors(RULES, 'PARAM_BARE_NUMBER')).toEqual([])
    expect(errors(RULES, 'PARAM_UNUSED')).toEqual([])
  })

  it('a bare amount in a bracket fails, naming the parameter; the parameter, named by nobody, is unused', () => {
    const dir = rulesWith((pack) => {
      fire(pack).statutory.brackets[0]!.fine!.max = 50000
    })
    const [bare, ...rest] = errors(dir, 'PARAM_BARE_NUMBER')
    expect(rest).toEqual([])
    expect(bare).toMatchObject({
      file: expect.stringMatching(/discretion-standards\.pack\.json$/),
      pointer: '/discretionStandards/0/statutory/brackets/0/fine/max',
      line: expect.any(Number),
    })
    expect(bare!.zh).toContain('裁量基准的法定幅度中直接写了数 50000')
    expect(bare!.zh).toContain('cn-fire.60.fine-max')
    expect(errors(dir, 'PARAM_UNUSED').map((p) => p.zh)).toEqual([expect.stringContaining('cn-fire.60.fine-max')])
  })

  it('a bare threshold or multiple fails too; a multiple naming a yuan parameter is a unit mismatch', () => {
    const dir = rulesWith((pack) => {
      const [below, atLeast] = food(pack).statutory.brackets
      below!.baseBelow = 10000
      atLeast!.fineMultiple!.max = 20
      atLeast!.fineMultiple!.min = { param: 'cn-food.122.fine-min' } as unknown as number
    })
    expect(errors(dir, 'PARAM_BARE_NUMBER').map((p) => p.pointer)).toEqual([
      '/discretionStandards/1/statutory/brackets/0/baseBelow',
      '/discretionStandards/1/statutory/brackets/1/fineMultiple/max',
    ])
    expect(errors(dir, 'PARAM_BARE_NUMBER')[1]!.zh).toContain('cn-food.122.multiple-max')
    expect(errors(dir, 'PARAM_UNIT_MISMATCH').map((p) => p.pointer)).toEqual([
      '/discretionStandards/1/statutory/brackets/1/fineMultiple/min/param',
    ])
  })

  it('a table is linted against the range of each day a value starts: a row in yuan inside 5000–50000 leaves the law when the maximum is 40000 from 2027', () => {
    // a row in yuan (a share of the range follows the range, so only such a row can leave it)
    const inYuan = (pack: RulePack) => {
      const row = fire(pack).table.rows.find((r) => r.id === 'severe-heavier')!
      row.band = { fine: { min: 45500, max: 50000 }, kinds: ['fine'] }
    }
    const lowered = (pack: RulePack) =>
      pack
        .parameters!.find((p) => p.id === 'cn-fire.60.fine-max')!
        .values.push({
          from: '2027-01-01',
          value: 40000,
          source: { office: '示例', reference: '假设的修改（测试用）' },
        })
    expect(errors(rulesWith(inYuan), 'DISCRETION_BAND_OUTSIDE_RANGE')).toEqual([])
    const outside = errors(
      rulesWith((pack) => {
        inYuan(pack)
        lowered(pack)
      }),
      'DISCRETION_BAND_OUTSIDE_RANGE',
    )
    expect(outside).toHaveLength(1)
    expect(outside[0]!.pointer).toMatch(/^\/discretionStandards\/0\/table\/rows\/\d+\/band$/)
    expect(outside[0]!.zh).toMatch(/severe-heavier.*超出法定幅度.*（自 2027-01-01 起的法定幅度）$/)
  })
})
