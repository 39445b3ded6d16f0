/** Discretion tables compile to rules: a rule per row, run by the engine's compiled evaluator, whose firing is the row hit, with the trace of its conditions. */
import { describe, expect, it } from 'vitest'
import { combinations, hitRow, matchingRows } from '../../src/discretion/discretion-table.js'
import { rowRule, tableRules } from '../../src/discretion/table-rules.js'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { readExample } from '../../src/examples/example-case.js'
import type { DiscretionBandFact, DiscretionRow, DiscretionStandard } from '../../src/types/generated.js'

const env = loadEnvironment()
const standards = env.packs.flatMap((p) => (p.pack.discretionStandards ?? []) as DiscretionStandard[])
const RULES = new URL('../../rules', import.meta.url).pathname

/** The table's meaning as written: a row covers a combination when every column it names holds the combination's value. */
const covers = (row: DiscretionRow, c: { tier: string; relief: string; aggravation: boolean }) =>
  (row.when.tier === undefined || row.when.tier.includes(c.tier)) &&
  (row.when.relief === undefined || (row.when.relief as string[]).includes(c.relief)) &&
  (row.when.aggravation === undefined || row.when.aggravation === c.aggravation)

describe('each row of a table is a rule', () => {
  it('the two shipped standards are tables of 25 and 19 rows, one rule each', () => {
    expect(standards.map((s) => [s.id, tableRules(s).length])).toEqual([
      ['lx.discretion.fire-facilities', 25],
      ['lx.discretion.unlicensed-food', 19],
    ])
  })

  it('a row’s rule: its columns as all-conditions, its circumstances as title, its citation', () => {
    const fire = standards[0]!
    const row = fire.table.rows.find((r) => r.id === 'general-general')!
    const rule = rowRule(fire, row)
    expect(rule).toMatchObject({ id: 'lx.discretion.fire-facilities.row.general-general', kind: 'discretion' })
    expect(rule.title).toBe(row.circumstances)
    expect(rule.citation).toEqual(row.citation)
    expect(rule.conditions).toEqual({
      all: [
        { fact: 'discretionLevel', operator: 'in', value: ['general'] },
        { fact: 'discretionRelief', operator: 'in', value: ['none'] },
        { fact: 'discretionAggravation', operator: 'equal', value: false },
      ],
    })
    // the no-penalty row names only the relief column: one condition
    expect(rowRule(fire, fire.table.rows[0]!).conditions).toEqual({
      all: [{ fact: 'discretionRelief', operator: 'in', value: ['noPenalty'] }],
    })
  })

  it('on every combination of both tables, the rows whose rules fire are exactly the rows that cover it', () => {
    let checked = 0
    for (const s of standards) {
      for (const c of combinations(s)) {
        const expected = s.table.rows.flatMap((r, i) => (covers(r, c) ? [i] : []))
        expect(matchingRows(s, c)).toEqual(expected)
        checked++
      }
    }
    expect(checked).toBe(4 * 5 * 2 + 3 * 5 * 2)
  })
})

describe('a case’s band is the row whose rule fired, and the record shows that rule’s trace', () => {
  const bandOf = (example: string) => {
    const { evaluations } = replayCase(env, readExample(`${RULES}/lixian/examples/${example}`).case, {})
    const e = evaluations.find((x) => x.eventType === 'circumstancesDetermined')!
    return { band: e.facts.discretionBand as DiscretionBandFact, firings: e.firings }
  }

  it('一般, no relief, no 从重: row general-general, each of its three conditions held', () => {
    const { band, firings } = bandOf('fire-fine-within-band.example.json')
    expect(band.row).toBe('general-general')
    expect(band.rowTrace).toEqual([
      { at: 'all', operator: 'all', result: true },
      { at: 'all[0]', operator: 'in', fact: 'discretionLevel', expected: ['general'], found: 'general', result: true },
      { at: 'all[1]', operator: 'in', fact: 'discretionRelief', expected: ['none'], found: 'none', result: true },
      {
        at: 'all[2]',
        operator: 'equal',
        fact: 'discretionAggravation',
        expected: false,
        found: false,
        result: true,
      },
    ])
    // the firing that recommends the band carries the row and its trace in what it found
    const recommended = firings.find((f) => f.ruleId === 'sc.discretion.band-recommended')!
    const found = recommended.trace.find((t) => t.fact === 'discretionBand')?.found as DiscretionBandFact
    expect(found.rowTrace).toEqual(band.rowTrace)
  })

  it('一般 with a ground that requires 从轻: row general-lighter, not general-general', () => {
    const { band } = bandOf('food-mitigation-not-applied.example.json')
    expect(band.row).toBe('general-lighter')
    expect(band.rowTrace!.find((t) => t.fact === 'discretionRelief')).toMatchObject({
      found: 'mitigate',
      expected: ['mitigate'],
    })
  })

  it('hitRow gives the same row as the first covering row, and its rule’s trace', () => {
    const fire = standards[0]!
    const hit = hitRow(fire, { tier: 'severe', relief: 'mitigate', aggravation: false })
    expect(typeof hit).toBe('object')
    const { row, trace } = hit as Exclude<typeof hit, string>
    expect(covers(row, { tier: 'severe', relief: 'mitigate', aggravation: false })).toBe(true)
    expect(trace[0]).toEqual({ at: 'all', operator: 'all', result: true })
  })
})
