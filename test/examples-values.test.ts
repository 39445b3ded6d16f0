import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadEnvironment } from '../src/evaluation/environment.js'
import { exampleCase, readExample } from '../src/examples/example-case.js'
import { applyMergePatch, mergePatchBetween } from '../src/examples/merge-patch.js'
import { runExample } from '../src/examples/run-example.js'
import type { XingquanError } from '../src/errors/xingquan-error.js'
import type { RuleExample } from '../src/types/generated.js'

const SUPPLEMENT = 'rules/sichuan/examples/supplement-stops-clock.example.json'
const env = loadEnvironment('rules')
const temp: string[] = []
afterAll(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true })
})

/** The shipped example with its values replaced. */
function withValues(values: NonNullable<RuleExample['expect']['values']>) {
  const example = readExample(SUPPLEMENT)
  return { file: SUPPLEMENT, example: { ...example, expect: { ...example.expect, values } } }
}

describe('an example names the values at its moment, and a value that differs is said in words', () => {
  // 10月15日收到补正材料即受理；二十个工作日自10月16日起算，11月12日届满；11月10日尚余2个工作日（11日、12日）
  it('the values a legal officer counts by hand hold', () => {
    const right = withValues({
      acceptedOn: '2025-10-15',
      statutoryDue: '2025-11-12',
      statutoryDaysLeft: 2,
      level: 'yellow',
      clockStopped: false,
    })
    expect(runExample(env, right).failures).toEqual([])
  })

  it('a due date one day off is reported in Chinese and English', () => {
    const wrong = withValues({ statutoryDue: '2025-11-13', statutoryDaysLeft: 2 })
    expect(runExample(env, wrong).failures).toEqual([
      '法定期限届满日 应为 2025-11-13，实为 2025-11-12 / statutoryDue should be 2025-11-13, is 2025-11-12',
    ])
  })

  it('a wrong level, days left and finding are each reported', () => {
    const wrong = withValues({ level: 'red', promisedDaysLeft: 0, findings: { 'aba.accountability.48-07': 'open' } })
    expect(runExample(env, wrong).failures).toEqual([
      '办件级别 应为 红灯（red），实为 黄灯（yellow） / level should be red, is yellow',
      // 承诺十五个工作日于11月5日届满；11月10日已用18日
      '承诺期限剩余天数 应为 0，实为 -3 / promisedDaysLeft should be 0, is -3',
      '认定 aba.accountability.48-07 应为成立，实为无此认定 / finding aba.accountability.48-07 should be open, is none',
    ])
  })

  it('xingquan test fails on a wrong value and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-values-'))
    temp.push(dir)
    cpSync('rules', dir, { recursive: true })
    const file = join(dir, 'sichuan/examples/supplement-stops-clock.example.json')
    const json = JSON.parse(readFileSync(file, 'utf8')) as RuleExample
    json.expect.values = { ...json.expect.values, statutoryDue: '2025-11-11' }
    writeFileSync(file, JSON.stringify(json))
    const { runTestExamples } = await import('../src/cli/test-examples.js')
    const r = runTestExamples([dir])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain(
      '法定期限届满日 应为 2025-11-11，实为 2025-11-12 / statutoryDue should be 2025-11-11, is 2025-11-12',
    )
  })
})

describe('the examples of a folder share a base case', () => {
  it('an example is its base with its acceptance changes and its own events', () => {
    const file = 'rules/national/examples/supplement-notice-late-accepted-on-receipt.example.json'
    const written = JSON.parse(readFileSync(file, 'utf8')) as RuleExample
    const base = JSON.parse(readFileSync('rules/national/examples/_base.case.json', 'utf8'))
    expect(written.base).toBe('_base.case.json')
    const example = readExample(file)
    expect(example.case.events[0]).toEqual(applyMergePatch(base.events[0], written.accepted))
    expect(example.case.events.slice(1)).toEqual(written.events)
    // read, it is an example with its whole case: one that a draft can save as it is
    expect(example).not.toHaveProperty('base')
  })

  it('a merge patch removes what is null, replaces arrays, and the smallest patch round-trips', () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: [1] } }, { a: null, b: { d: [2] } })).toEqual({ b: { c: 2, d: [2] } })
    const from = { x: { y: 1, z: [1, 2] }, k: 'v' }
    const to = { x: { y: 2, z: [1, 2] }, n: true }
    expect(mergePatchBetween(from, to)).toEqual({ k: null, x: { y: 2 }, n: true })
    expect(applyMergePatch(from, mergePatchBetween(from, to))).toEqual(to)
    expect(mergePatchBetween(from, structuredClone(from))).toBeUndefined()
  })

  it('a missing base and a change that breaks the acceptance are refused with where and why', () => {
    const written = JSON.parse(readFileSync(SUPPLEMENT, 'utf8')) as RuleExample
    expect(() => exampleCase({ ...written, base: '_nowhere.case.json' }, SUPPLEMENT)).toThrow(/EXAMPLE_BASE_MISSING/)
    try {
      exampleCase({ ...written, accepted: { occurredAt: 'yesterday' } }, SUPPLEMENT)
      expect.unreachable()
    } catch (err) {
      expect((err as XingquanError).problems).toContainEqual(
        expect.objectContaining({ pointer: '/accepted/occurredAt', zh: expect.stringContaining('与基础办件合并后') }),
      )
    }
  })
})

describe('scripts/migrate/examples-to-base.ts', () => {
  it('moves an example that carries its whole case onto the base, replays the same case, and a second run changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-migrate-'))
    temp.push(dir)
    const folder = join(dir, 'layer/examples')
    cpSync('rules/sichuan/examples', folder, { recursive: true })
    // an example written the old way, as another author may still add one
    const whole = readExample(join(folder, 'statutory-near-fires.example.json'))
    const { case: _c, ...rest } = whole
    const old = join(folder, 'added-meanwhile.example.json')
    writeFileSync(old, JSON.stringify({ ...rest, case: { ...whole.case, caseId: 'lx-added' } }, null, 2))
    const run = () => execFileSync('npx', ['tsx', 'scripts/migrate/examples-to-base.ts', dir], { encoding: 'utf8' })
    expect(run()).toContain('迁移 1 个样例 / migrated 1 examples')
    const migrated = JSON.parse(readFileSync(old, 'utf8')) as RuleExample
    expect(migrated).toMatchObject({ base: '_base.case.json', caseId: 'lx-added', events: [] })
    expect(migrated.case).toBeUndefined()
    expect(readExample(old).case).toEqual({ caseId: 'lx-added', events: whole.case.events })
    const before = readdirSync(folder).map((n) => readFileSync(join(folder, n), 'utf8'))
    expect(run()).toContain('迁移 0 个样例 / migrated 0 examples')
    expect(readdirSync(folder).map((n) => readFileSync(join(folder, n), 'utf8'))).toEqual(before)
  }, 60_000)
})

describe('the values of an example as another set of rules answers them', () => {
  it('valuesAt reads the same keys from an evaluation, so a suggested example holds', async () => {
    const { valuesAt } = await import('../src/examples/example-values.js')
    const { replayCase } = await import('../src/evaluation/replay.js')
    const example = readExample(SUPPLEMENT)
    const asOf = replayCase(env, example.case, { at: example.at }).asOf!
    const wrong = {
      statutoryDue: '2025-11-13',
      level: 'red',
      findings: { 'aba.accountability.48-07': 'open' },
    } as const
    const now = valuesAt(wrong, asOf)
    expect(now).toEqual({
      statutoryDue: '2025-11-12',
      level: 'yellow',
      findings: { 'aba.accountability.48-07': 'none' },
    })
    expect(runExample(env, withValues(now)).failures).toEqual([])
  })
})
