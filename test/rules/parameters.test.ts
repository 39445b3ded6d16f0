/** Parameters: named numbers with dated values; a change from a day is one dated value and takes effect from that day. */
import { readExample } from '../../src/examples/example-case.js'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { lintRules } from '../../src/lint/lint-packs.js'
import { DEFAULT_TEMPLATES_DIR } from '../../src/notices/template-library.js'
import { statutoryRange } from '../../src/discretion/recommend-band.js'
import { bindPack, valueOn } from '../../src/rules/parameters.js'
import { referenceDifferences } from '../../src/rules/reference-check.js'
import { layersFor, loadPacks } from '../../src/rules/rule-library.js'
import { packsInForce } from '../../src/rules/rule-set.js'
import type { CaseFile, Parameter, RulePack } from '../../src/types/generated.js'

const RULES = new URL('../../rules', import.meta.url).pathname
const ES = 'sichuan/electronic-supervision.pack.json'
const NEAR = 'sc.deadline.statutory-near'

/** A copy of the shipped rules with one pack edited. */
function rulesWith(file: string, edit: (pack: RulePack) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-params-'))
  cpSync(RULES, dir, { recursive: true })
  const pack = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RulePack
  edit(pack)
  writeFileSync(join(dir, file), JSON.stringify(pack, null, 2))
  return dir
}

const margin = (pack: RulePack) => pack.parameters!.find((p) => p.id === 'sc-es.yellow-margin')!

/** The change legal staff make: one dated value. */
const fiveFrom2027 = (pack: RulePack) =>
  margin(pack).values.push({
    from: '2027-01-01',
    value: 5,
    source: { office: '四川省监察厅', reference: '川监发〔2026〕1号（示例）' },
  })

/** A licence accepted on Thursday 10 December 2026, 20 working days: due Friday 8 January 2027 (1 January a holiday). */
function licence(): CaseFile {
  const example = readExample(join(RULES, 'sichuan/examples/statutory-near-fires.example.json'))
  const file = structuredClone(example.case)
  const accepted = file.events[0]! as { occurredAt: string; recordedAt: string; case: { promisedLimit?: unknown } }
  accepted.occurredAt = '2026-12-10T09:30:00+08:00'
  accepted.recordedAt = '2026-12-10T09:31:00+08:00'
  accepted.case.promisedLimit = { days: 20, unit: 'working' }
  return file
}

/** The days left and whether the yellow light is on, at 09:00 on a day; with the margin the firing compared with. */
function near(dir: string | undefined, day: string) {
  const env = loadEnvironment(dir)
  const asOf = replayCase(env, licence(), { at: `${day}T09:00:00+08:00` }).asOf!
  const firing = asOf.firings.find((f) => f.ruleId === NEAR)
  const entry = firing?.trace.find((t) => t.fact === 'statutoryDaysLeft')
  return { left: asOf.facts.statutoryDaysLeft, fires: firing !== undefined, margin: entry?.expected }
}

describe('a value is in force from its day until the next value’s day', () => {
  const p: Parameter = {
    id: 'x.m',
    label: '提前量',
    unit: 'workingDays',
    values: [
      { from: '2017-05-18', value: 3 },
      { from: '2027-01-01', value: 5 },
    ],
  }
  it.each([
    ['2017-05-17', undefined],
    ['2017-05-18', 3],
    ['2026-12-31', 3],
    ['2027-01-01', 5],
    ['2030-06-01', 5],
  ])('on %s: %s', (day, value) => expect(valueOn(p, day)).toBe(value))
})

describe('the yellow margin from 3 to 5 working days from 2027-01-01 (one dated value) takes effect from that day in a replay', () => {
  const changed = rulesWith(ES, fiveFrom2027)

  it('the change is one value and lints clean', () => {
    const before = JSON.parse(readFileSync(join(RULES, ES), 'utf8')) as RulePack
    const after = JSON.parse(readFileSync(join(changed, ES), 'utf8')) as RulePack
    expect(margin(after).values.length - margin(before).values.length).toBe(1)
    expect(
      lintRules(changed, { today: '2026-11-26', templatesDir: DEFAULT_TEMPLATES_DIR }).filter(
        (p) => (p.severity ?? 'error') === 'error',
      ),
    ).toEqual([])
  })

  it('before the day: 3 (Thursday 31 December 2026, 5 working days left: silent under either rules)', () => {
    expect(near(undefined, '2026-12-31')).toEqual({ left: 5, fires: false, margin: undefined })
    expect(near(changed, '2026-12-31')).toEqual({ left: 5, fires: false, margin: undefined })
  })

  it('from the day: 5 (Monday 4 January 2027, 4 left: yellow under the change, silent under the rules in force)', () => {
    expect(near(changed, '2027-01-04')).toEqual({ left: 4, fires: true, margin: 5 })
    expect(near(undefined, '2027-01-04')).toEqual({ left: 4, fires: false, margin: undefined })
  })

  it('3 left (Tuesday 5 January): yellow under both, each trace naming the margin in force', () => {
    expect(near(undefined, '2027-01-05')).toEqual({ left: 3, fires: true, margin: 3 })
    expect(near(changed, '2027-01-05')).toEqual({ left: 3, fires: true, margin: 5 })
  })

  it('the trace entry names the parameter beside the value bound that day; a condition with a constant names none', () => {
    const trace = (dir: string | undefined, day: string) => {
      const asOf = replayCase(loadEnvironment(dir), licence(), { at: `${day}T09:00:00+08:00` }).asOf!
      return asOf.firings.find((f) => f.ruleId === NEAR)!.trace
    }
    for (const [dir, value] of [
      [undefined, 3],
      [changed, 5],
    ] as const) {
      const entry = trace(dir, '2027-01-05').find((t) => t.fact === 'statutoryDaysLeft')!
      expect(entry).toMatchObject({ param: 'sc-es.yellow-margin', expected: value, found: 3, result: true })
    }
    const constant = trace(undefined, '2027-01-05').filter(
      (t) => t.fact !== undefined && t.fact !== 'statutoryDaysLeft',
    )
    expect(constant.length).toBeGreaterThan(0)
    for (const t of constant) expect(t.param).toBeUndefined()
  })

  it('stock json-rules-engine, given the values of the day as constants, decides and traces the same', async () => {
    const env = loadEnvironment(changed)
    const asOf = replayCase(env, licence(), { at: '2027-01-04T09:00:00+08:00' }).asOf!
    expect(
      await referenceDifferences(env.packs, {
        at: '2027-01-04T09:00:00+08:00',
        facts: asOf.facts,
        firings: asOf.firings,
      }),
    ).toEqual([])
    const layers = packsInForce(layersFor(env.packs, '513222'), '2027-01-04')
    const rule = layers.flatMap((p) => p.pack.rules).find((r) => r.id === NEAR)!
    expect(JSON.stringify(rule.conditions)).toContain(
      '"fact":"statutoryDaysLeft","operator":"lessThanInclusive","value":5',
    )
  })
})

describe('lint of parameters', () => {
  const errors = (dir: string, code: string) =>
    lintRules(dir, { today: '2026-11-26', templatesDir: DEFAULT_TEMPLATES_DIR }).filter((p) => p.code === code)

  it('the shipped rules have no bare number, no unknown or unused parameter, no value without a source', () => {
    const codes = lintRules(RULES, { today: '2026-11-26', templatesDir: DEFAULT_TEMPLATES_DIR }).map((p) => p.code)
    expect(codes.filter((c) => c.startsWith('PARAM_') && c !== 'PARAM_OVERRIDDEN')).toEqual([])
    expect(loadPacks().packs.flatMap((p) => p.pack.parameters ?? []).length).toBeGreaterThanOrEqual(14)
  })

  it('a bare number where a parameter exists fails, naming the parameter', () => {
    const dir = rulesWith(ES, (p) => {
      const c = (
        p.rules.find((r) => r.id === NEAR)!.conditions as { all: { fact: string; value: unknown }[] }
      ).all.find((x) => x.fact === 'statutoryDaysLeft')!
      c.value = 3
    })
    const [bare, ...rest] = errors(dir, 'PARAM_BARE_NUMBER')
    expect(rest).toEqual([])
    expect(bare).toMatchObject({
      file: expect.stringMatching(/electronic-supervision\.pack\.json$/),
      pointer: expect.stringMatching(/^\/rules\/\d+\/conditions\/all\/2\/value$/),
      line: expect.any(Number),
    })
    expect(bare!.zh).toContain('sc-es.yellow-margin')
    // and the parameter, now named by nobody, is unused
    expect(errors(dir, 'PARAM_UNUSED').map((p) => p.zh)).toEqual([expect.stringContaining('sc-es.yellow-margin')])
  })

  it('a condition naming a parameter nobody declares fails', () => {
    const dir = rulesWith(ES, (p) => {
      const c = (
        p.rules.find((r) => r.id === NEAR)!.conditions as { all: { fact: string; value: unknown }[] }
      ).all.find((x) => x.fact === 'statutoryDaysLeft')!
      c.value = { param: 'sc-es.yellow-margn' }
    })
    expect(errors(dir, 'PARAM_UNKNOWN').map((p) => p.pointer)).toEqual([expect.stringMatching(/\/value\/param$/)])
  })

  it('a value without a source fails; one without a date is refused by the schema', () => {
    const unsourced = rulesWith(ES, (p) => margin(p).values.push({ from: '2027-01-01', value: 5 }))
    expect(errors(unsourced, 'PARAM_VALUE_UNSOURCED').map((p) => p.pointer)).toEqual([
      expect.stringMatching(/^\/parameters\/0\/values\/1$/),
    ])
    const undated = rulesWith(ES, (p) =>
      margin(p).values.push({ value: 5, source: { provision: 'sc-es.11.2' } } as never),
    )
    expect(errors(undated, 'SCHEMA_INVALID').map((p) => [p.pointer, p.zh])).toEqual([
      ['/parameters/0/values/1', '缺少必填字段“from”'],
    ])
  })

  it('a parameter whose first value comes after the pack takes effect fails', () => {
    const dir = rulesWith(ES, (p) => (margin(p).values[0]!.from = '2015-01-01'))
    expect(errors(dir, 'PARAM_NO_VALUE').map((p) => p.zh)).toEqual([expect.stringContaining('2015-01-01')])
  })

  it('a lower layer may replace a parameter, and lint says so with both values', () => {
    const dir = rulesWith(ES, () => {})
    const province = JSON.parse(readFileSync(join(dir, ES), 'utf8')) as RulePack
    const county = {
      ...province,
      id: 'lx.margin',
      jurisdiction: { code: '513222', name: '理县', level: 'county' },
      deadlinePolicy: undefined,
      rules: [],
      parameters: [
        {
          ...margin(province),
          values: [{ from: '2014-02-01', value: 4, source: { office: '理县人民政府', reference: '示例' } }],
        },
      ],
    }
    writeFileSync(join(dir, 'lixian/margin.pack.json'), JSON.stringify(county, null, 2))
    const notes = lintRules(dir, { today: '2026-11-26' }).filter((p) => p.code === 'PARAM_OVERRIDDEN')
    expect(notes.map((p) => p.zh)).toEqual([
      expect.stringMatching(
        /理县的参数“sc-es\.yellow-margin”替代了四川省的同名参数.*2014-02-01 起 3 → 2014-02-01 起 4/,
      ),
    ])
    expect(near(dir, '2027-01-04')).toEqual({ left: 4, fires: true, margin: 4 })
  })
})

describe('a time policy’s number is a parameter, bound to the law in force on the day the case was accepted', () => {
  const APL = 'national/administrative-penalty-law.pack.json'
  /** 行政处罚法 第六十条's 90 days, shortened (hypothetically) to 60 from 2027-01-01: one dated value. */
  const sixtyFrom2027 = (pack: RulePack) =>
    pack
      .parameters!.find((p) => p.id === 'cn-apl.case-limit')!
      .values.push({
        from: '2027-01-01',
        value: 60,
        source: { office: '示例', reference: '假设的修改（测试用）' },
      })
  /** The fire penalty case of the shipped example, accepted on `day` (its header says 90 calendar days, no other basis). */
  function penalty(day: string): CaseFile {
    const example = readExample(join(RULES, 'national/examples/penalty-extension-without-basis.example.json'))
    const file = structuredClone(example.case)
    file.events = file.events.filter((e) => e.type !== 'extensionApproved') as CaseFile['events']
    for (const e of file.events as { occurredAt: string; recordedAt: string }[]) {
      e.occurredAt = `${day}${e.occurredAt.slice(10)}`
      e.recordedAt = `${day}${e.recordedAt.slice(10)}`
    }
    return file
  }
  const facts = (dir: string | undefined, accepted: string, at: string) =>
    replayCase(loadEnvironment(dir), penalty(accepted), { at: `${at}T09:00:00+08:00` }).asOf!.facts

  it('the shipped pack writes the 90 days as cn-apl.case-limit, not as a number', () => {
    const pack = JSON.parse(readFileSync(join(RULES, APL), 'utf8')) as RulePack
    expect(pack.deadlinePolicy!.powerTypes!.penalty!.limit!.days).toEqual({ param: 'cn-apl.case-limit' })
    expect(pack.penaltyPolicy!.timeBar!.years).toEqual({ param: 'cn-apl.time-bar' })
    const layers = packsInForce(layersFor(loadPacks(RULES).packs, '513222'), '2026-12-31')
    const bound = layers.find((p) => p.pack.id === 'cn.administrative-penalty-law')!.pack
    expect(bound.deadlinePolicy!.powerTypes!.penalty!.limit!.days).toBe(90)
    expect(bound.penaltyPolicy!.timeBar).toMatchObject({ years: 2, extendedYears: 5 })
  })

  it('accepted Monday 28 December 2026: 90 days under either rules, also when judged in 2027 (due 28 March 2027, a Sunday → 29 March)', () => {
    const dir = rulesWith(APL, sixtyFrom2027)
    for (const d of [undefined, dir]) {
      const f = facts(d, '2026-12-28', '2027-01-05')
      expect(f.statutoryLimitDays).toBe(90)
      expect(f.statutoryDueDate).toBe('2027-03-29')
    }
  })

  it('accepted Monday 4 January 2027: 60 days under the change (due Friday 5 March 2027), 90 under the rules in force', () => {
    const dir = rulesWith(APL, sixtyFrom2027)
    expect(facts(dir, '2027-01-04', '2027-01-05')).toMatchObject({
      statutoryLimitDays: 60,
      statutoryDueDate: '2027-03-05',
    })
    expect(facts(undefined, '2027-01-04', '2027-01-05')).toMatchObject({ statutoryLimitDays: 90 })
  })

  it('lint: a bare number in a time policy fails, naming the parameter; a parameter of the wrong unit fails', () => {
    const bare = rulesWith(APL, (pack) => {
      pack.deadlinePolicy!.powerTypes!.penalty!.limit!.days = 90
    })
    const problems = lintRules(bare, { today: '2026-11-26' })
    const found = problems.filter((p) => p.code === 'PARAM_BARE_NUMBER')
    expect(found).toHaveLength(1)
    expect(found[0]!.zh).toContain('cn-apl.case-limit')
    expect(problems.some((p) => p.code === 'PARAM_UNUSED' && p.zh.includes('cn-apl.case-limit'))).toBe(true)
    const wrong = rulesWith(APL, (pack) => {
      pack.deadlinePolicy!.powerTypes!.penalty!.limit!.unit = 'working'
    })
    const mismatch = lintRules(wrong, { today: '2026-11-26' }).filter((p) => p.code === 'PARAM_UNIT_MISMATCH')
    expect(mismatch).toHaveLength(1)
    expect(mismatch[0]!.pointer).toBe('/deadlinePolicy/powerTypes/penalty/limit/days/param')
  })
})

describe('the time bar’s years are parameters (行政处罚法 第三十六条), bound on the day judged', () => {
  const APL = 'national/administrative-penalty-law.pack.json'
  /** The shipped case: offence ended 2023-05-20, discovered (filed) 2025-06-03, fined 2025-06-10. */
  const barred = (dir: string | undefined) => {
    const file = readExample(join(RULES, 'national/examples/penalty-time-barred.example.json')).case
    const { evaluations } = replayCase(loadEnvironment(dir), file, {})
    const decided = evaluations.find((e) => e.eventType === 'decisionMade')!
    return {
      barred: decided.facts.penaltyTimeBarred,
      fires: decided.firings.some((f) => f.ruleId === 'cn.penalty.time-barred'),
    }
  }

  it('two years: the bar ran out on 2025-05-20, the fine of 2025-06-10 is red', () => {
    expect(barred(undefined)).toEqual({ barred: true, fires: true })
  })

  it('a (hypothetical) three-year value from 2025-01-01: not barred, silent', () => {
    const dir = rulesWith(APL, (pack) =>
      pack
        .parameters!.find((p) => p.id === 'cn-apl.time-bar')!
        .values.push({
          from: '2025-01-01',
          value: 3,
          source: { office: '示例', reference: '假设的修改（测试用）' },
        }),
    )
    expect(barred(dir)).toEqual({ barred: false, fires: false })
  })
})

describe('the statutory fines of the discretion standards are parameters, bound with the pack', () => {
  const shipped = loadPacks().packs
  const raw = shipped.find((p) => p.pack.id === 'lx.discretion-standards')!
  const boundOn = (day: string) =>
    packsInForce(layersFor(shipped, '513222'), day).find((p) => p.pack.id === 'lx.discretion-standards')!

  it('the raw pack names parameters; bound on a day it holds that day’s numbers, the table’s shares untouched', () => {
    const [fire, food] = raw.pack.discretionStandards!
    expect(fire!.statutory.brackets[0]!.fine).toEqual({
      min: { param: 'cn-fire.60.fine-min' },
      max: { param: 'cn-fire.60.fine-max' },
    })
    const bound = boundOn('2026-06-01').pack.discretionStandards!
    expect(bound.map((s) => s.statutory.brackets)).toEqual([
      [{ fine: { min: 5000, max: 50000 } }],
      [
        { baseBelow: 10000, fine: { min: 50000, max: 100000 } },
        { baseAtLeast: 10000, fineMultiple: { min: 10, max: 20 } },
      ],
    ])
    expect(bound[0]!.table).toBe(fire!.table)
    expect(bound[1]!.table).toBe(food!.table)
  })

  it('a standard whose range is not bound is refused, not guessed (PARAM_UNBOUND)', () => {
    expect(() => statutoryRange(raw.pack.discretionStandards![0]!, undefined)).toThrow(
      expect.objectContaining({ code: 'PARAM_UNBOUND' }),
    )
    expect(statutoryRange(boundOn('2026-06-01').pack.discretionStandards![0]!, undefined)).toEqual({
      min: 5000,
      max: 50000,
    })
  })

  it('a pack whose brackets are numbers (a stored version of before) is bound to itself', () => {
    const stored = structuredClone(boundOn('2026-06-01').pack)
    delete stored.parameters
    expect(bindPack(stored, new Map(), '2026-06-01')).toBe(stored)
  })
})
