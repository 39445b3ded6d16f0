/** Shared set-up of the notice tests: the shipped rules plus the notice fixture pack, the shipped templates and organs. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import type { Environment } from '../../src/evaluation/evaluation.js'
import { composeNotices, type ComposedNotice, type NoticeSelection } from '../../src/notices/compose-notices.js'
import { FileNoticeNumberIssuer } from '../../src/notices/file-number-issuer.js'
import { NoticeRenderer } from '../../src/notices/notice-renderer.js'
import type { NoticeNumberIssuer } from '../../src/notices/number-issuer.js'
import { loadOrgansOrThrow } from '../../src/notices/organs.js'
import { loadTemplateLibrary, type TemplateLibrary } from '../../src/notices/template-library.js'
import { loadPacks } from '../../src/rules/rule-library.js'
import { readExample } from '../../src/examples/example-case.js'
import type { CaseFile } from '../../src/types/generated.js'

export const FIXTURES = 'test/fixtures/notices'
export const FIXTURE_RULES = join(FIXTURES, 'rules')
export const CASES = join(FIXTURES, 'cases')

let env: Environment | undefined
/** The shipped rules and calendar, with the notice fixture pack added (one rule per kind of notice). */
export function fixtureEnv(): Environment {
  if (env) return env
  const base = loadEnvironment()
  const { packs, problems } = loadPacks(FIXTURE_RULES)
  if (problems.length > 0) throw new Error(problems.map((p) => p.zh).join('\n'))
  env = { calendar: base.calendar, packs: [...base.packs, ...packs] }
  return env
}

export function readCase(name: string): CaseFile {
  return JSON.parse(readFileSync(join(CASES, `${name}.json`), 'utf8')) as CaseFile
}

export function readExampleCase(path: string): CaseFile {
  return readExample(path).case
}

export const tempDir = (prefix = 'xingquan-notices-') => mkdtempSync(join(tmpdir(), prefix))

export function library(dir?: string): TemplateLibrary {
  const { library: lib, problems } = loadTemplateLibrary(dir)
  if (problems.length > 0) throw new Error(problems.map((p) => p.zh).join('\n'))
  return lib
}

export function deps(options: { issuer?: NoticeNumberIssuer; library?: TemplateLibrary } = {}) {
  const e = fixtureEnv()
  return {
    env: e,
    renderer: new NoticeRenderer(options.library ?? library(), e.calendar),
    organs: loadOrgansOrThrow(),
    issuer: options.issuer ?? new FileNoticeNumberIssuer(tempDir()),
  }
}

/** The one notice of `rule` in the evaluation selected. */
export async function noticeOf(
  caseFile: CaseFile,
  selection: NoticeSelection & { rule: string },
  options: Parameters<typeof deps>[0] = {},
): Promise<ComposedNotice> {
  const { notices } = await composeNotices(deps(options), caseFile, selection)
  if (notices.length !== 1) throw new Error(`expected one notice of ${selection.rule}, got ${notices.length}`)
  return notices[0]!
}
