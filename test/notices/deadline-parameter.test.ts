/** A notice's reply period is a parameter of the case's layers: one dated value changes it from its day, and only from it. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { lintRules } from '../../src/lint/lint-packs.js'
import { composeNotices } from '../../src/notices/compose-notices.js'
import { FileNoticeNumberIssuer } from '../../src/notices/file-number-issuer.js'
import { NoticeRenderer } from '../../src/notices/notice-renderer.js'
import { loadOrgansOrThrow } from '../../src/notices/organs.js'
import { DEFAULT_TEMPLATES_DIR } from '../../src/notices/template-library.js'
import type { CaseFile, RulePack } from '../../src/types/generated.js'
import { library, tempDir } from './harness.js'

const PLATFORM = 'sichuan/platform.pack.json'

/** The shipped rules with the red alarm's reply period set to `value` working days from `from`. */
function rulesWithRedReply(from: string, value: number): string {
  const dir = tempDir()
  cpSync('rules', dir, { recursive: true })
  const file = join(dir, PLATFORM)
  const pack = JSON.parse(readFileSync(file, 'utf8')) as RulePack
  const p = pack.parameters!.find((x) => x.id === 'sc-pl.notice.red-reply')!
  p.values = [...p.values, { ...p.values[0]!, from, value }]
  writeFileSync(file, JSON.stringify(pack))
  return dir
}

async function redAlarm(rulesDir: string) {
  const env = loadEnvironment(rulesDir)
  const deps = {
    env,
    renderer: new NoticeRenderer(library(), env.calendar),
    organs: loadOrgansOrThrow(),
    issuer: new FileNoticeNumberIssuer(tempDir()),
  }
  const caseFile = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile
  const { notices } = await composeNotices(deps, caseFile, { at: '2025-10-31T09:00:00+08:00' })
  return notices.find((n) => n.ruleId === 'sc.deadline.statutory-overdue')!
}

describe("a red alarm's reply period (sc-pl.notice.red-reply)", () => {
  it('is 3 working days as shipped: from Friday 2025-10-31, Wednesday 11-05', async () => {
    const red = await redAlarm('rules')
    expect(red.context.deadline).toMatchObject({ days: 3, fromDate: '2025-10-31', date: '2025-11-05' })
  })
  it('a value of 5 from 2025-10-01 makes it Friday 11-07', async () => {
    const red = await redAlarm(rulesWithRedReply('2025-10-01', 5))
    expect(red.context.deadline).toMatchObject({ days: 5, fromDate: '2025-10-31', date: '2025-11-07' })
    expect(red.text).toContain('5个工作日')
  })
  it('a value from a later day does not reach a notice dated before it', async () => {
    const red = await redAlarm(rulesWithRedReply('2025-11-01', 5))
    expect(red.context.deadline).toMatchObject({ days: 3, date: '2025-11-05' })
  })
})

describe("lint of a template's reply period", () => {
  /** The shipped templates with red-alarm.json's deadline days set to `days`. */
  const templatesWith = (days: unknown): string => {
    const dir = tempDir()
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true })
    const file = join(dir, 'red-alarm.json')
    const meta = JSON.parse(readFileSync(file, 'utf8')) as { deadline: { days: unknown } }
    meta.deadline.days = days
    writeFileSync(file, JSON.stringify(meta, null, 2))
    return dir
  }
  const paramProblems = (templatesDir: string) =>
    lintRules('rules', { today: '2026-11-26', templatesDir }).filter((p) => p.code.startsWith('PARAM_'))

  it('passes as shipped', () => {
    expect(paramProblems(DEFAULT_TEMPLATES_DIR).map((p) => p.code)).toEqual([])
  })
  it('a bare number fails at the template, and the parameter it replaced is then unused', () => {
    const problems = paramProblems(templatesWith(3))
    expect(problems.map((p) => p.code).sort()).toEqual(['PARAM_BARE_NUMBER', 'PARAM_UNUSED'])
    expect(problems.find((p) => p.code === 'PARAM_BARE_NUMBER')).toMatchObject({
      file: expect.stringMatching(/red-alarm\.json$/),
      pointer: '/deadline/days',
      line: expect.any(Number),
    })
    expect(problems.find((p) => p.code === 'PARAM_UNUSED')?.zh).toContain('sc-pl.notice.red-reply')
  })
  it('a parameter no pack declares fails', () => {
    const problems = paramProblems(templatesWith({ param: 'sc-pl.notice.no-such' }))
    expect(problems.find((p) => p.code === 'PARAM_UNKNOWN')).toMatchObject({
      pointer: '/deadline/days/param',
      en: expect.stringContaining('sc-pl.notice.no-such'),
    })
  })
})
