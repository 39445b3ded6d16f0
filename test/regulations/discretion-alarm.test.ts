/** The runtime alarm of a discretion table that has no row, or under `unique` two rows, for a case (lint blocks such a table; a stored or forced one must still say so). */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { readExample } from '../../src/examples/example-case.js'
import { lintRules } from '../../src/lint/lint-packs.js'
import type { DiscretionStandard, RulePack } from '../../src/types/generated.js'

const RULES = new URL('../../rules', import.meta.url).pathname
const PACK = 'lixian/discretion-standards.pack.json'
const ALARM = 'lx.discretion.fire-facilities.no-row'
/** 违法情节“一般”, no statutory relief, no 从重 ground: the fire table's row general-general. */
const EXAMPLE = join(RULES, 'lixian/examples/fire-fine-within-band.example.json')

function rulesWithTable(edit: (standard: DiscretionStandard) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-discretion-alarm-'))
  cpSync(RULES, dir, { recursive: true })
  const pack = JSON.parse(readFileSync(join(dir, PACK), 'utf8')) as RulePack
  edit(pack.discretionStandards!.find((s) => s.id === 'lx.discretion.fire-facilities') as DiscretionStandard)
  writeFileSync(join(dir, PACK), JSON.stringify(pack, null, 2))
  return dir
}

/** The evaluations of the example's case on each event: which fired the alarm, and the discretion facts then. */
function run(dir: string | undefined) {
  const file = readExample(EXAMPLE).case
  const { evaluations } = replayCase(loadEnvironment(dir), file, {})
  return evaluations.map((e) => ({
    event: e.eventType,
    alarm: e.firings.find((f) => f.ruleId === ALARM),
    problem: e.facts.discretionProblem,
    row: (e.facts.discretionBand as { row?: string } | null)?.row ?? null,
  }))
}

describe('a discretion table with no row, or two rows under unique, for a case: 裁量基准没有对应的情形', () => {
  it('the shipped table has a row for the case (general-general): no alarm on any event', () => {
    const all = run(undefined)
    expect(all.find((e) => e.event === 'circumstancesDetermined')).toMatchObject({
      problem: null,
      row: 'general-general',
    })
    expect(all.every((e) => e.alarm === undefined)).toBe(true)
  })

  it('without the row general-general: the alarm fires on the circumstances and the decision, citing the standard’s provision', () => {
    const dir = rulesWithTable((s) => {
      s.table.rows = s.table.rows.filter((r) => r.id !== 'general-general') as DiscretionStandard['table']['rows']
    })
    const all = run(dir)
    const fired = all.filter((e) => e.alarm)
    expect(fired.map((e) => e.event)).toEqual(['circumstancesDetermined', 'decisionMade'])
    for (const e of fired) expect(e).toMatchObject({ problem: 'noRow', row: null })
    const alarm = fired[0]!.alarm!
    expect(alarm.title).toContain('裁量基准没有对应的情形')
    expect(alarm.level).toBe('yellow')
    expect(alarm.citation).toMatchObject({ document: '四川省行政职权目录动态调整管理办法(试行)', article: '第三条' })
    expect(alarm.trace.find((t) => t.fact === 'discretionProblem')).toMatchObject({ found: 'noRow', result: true })
  })

  it('with general-general twice under unique: the alarm fires (rowsOverlap); under first it does not', () => {
    const twice = (s: DiscretionStandard) => {
      const row = s.table.rows.find((r) => r.id === 'general-general')!
      s.table.rows.push({ ...row, id: 'general-general-again' })
    }
    const unique = run(rulesWithTable(twice))
    expect(unique.find((e) => e.event === 'circumstancesDetermined')).toMatchObject({ problem: 'rowsOverlap' })
    expect(unique.some((e) => e.alarm)).toBe(true)
    const first = run(
      rulesWithTable((s) => {
        twice(s)
        s.table.hitPolicy = 'first'
      }),
    )
    expect(first.find((e) => e.event === 'circumstancesDetermined')).toMatchObject({
      problem: null,
      row: 'general-general',
    })
    expect(first.every((e) => e.alarm === undefined)).toBe(true)
  })
})

describe('lint: a table without its run-time alarm', () => {
  const alarmMissing = (dir: string) =>
    lintRules(dir, { today: '2026-11-26' }).filter((p) => p.code === 'DISCRETION_ALARM_MISSING')

  it('the shipped standards each have theirs: no warning', () => {
    expect(alarmMissing(RULES)).toEqual([])
  })

  it('without lx.discretion.fire-facilities.no-row: a warning naming that standard, and only it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-discretion-alarm-'))
    cpSync(RULES, dir, { recursive: true })
    const pack = JSON.parse(readFileSync(join(dir, PACK), 'utf8')) as RulePack
    pack.rules = pack.rules.filter((r) => r.id !== ALARM)
    writeFileSync(join(dir, PACK), JSON.stringify(pack, null, 2))
    const found = alarmMissing(dir)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', pointer: '/discretionStandards/0/id' })
    expect(found[0]!.zh).toContain('lx.discretion.fire-facilities')
  })
})
