/** Seeds an empty database with the shipped example cases, so that `npm start` has something to show. */
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findFiles } from '../rules/rule-library.js'
import { readExample } from '../examples/example-case.js'
import type { CaseFile } from '../types/generated.js'
import { appendEvent } from './append-event.js'
import type { Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { ServiceError } from './service-error.js'

export const EXAMPLE_CASES_DIR = fileURLToPath(new URL('../../examples/cases', import.meta.url))

/** The principal the seed writes as. */
export const SEEDER: Principal = {
  tokenId: 'system',
  subject: 'seed',
  role: 'regionAdmin',
  jurisdiction: '510000',
  department: null,
}

/** The case files to seed: examples/cases/*.json as they are, and each rule example's case under its file's name. */
export function exampleCases(rulesDir: string, casesDir = EXAMPLE_CASES_DIR): CaseFile[] {
  const files: CaseFile[] = []
  if (existsSync(casesDir))
    for (const f of findFiles(casesDir, '.json')) files.push(JSON.parse(readFileSync(f, 'utf8')) as CaseFile)
  for (const f of findFiles(rulesDir, '.example.json')) {
    const example = readExample(f)
    files.push({ ...example.case, caseId: `example.${basename(f, '.example.json')}` })
  }
  return files
}

/**
 * Appends the events of every example case not yet stored; an event the rules refuse ends that case's seed (the
 * example shows the refusal). Returns how many cases and events were written.
 * @example await seedExamples(rt)
 */
export async function seedExamples(
  rt: Runtime,
  files = exampleCases(rt.rulesDir),
): Promise<{ cases: number; events: number }> {
  let cases = 0
  let events = 0
  for (const file of files) {
    const exists = await rt.db
      .selectFrom('cases')
      .select('case_id')
      .where('case_id', '=', file.caseId)
      .executeTakeFirst()
    if (exists) continue
    cases++
    for (const event of file.events) {
      try {
        await appendEvent(rt, SEEDER, file.caseId, event)
        events++
      } catch (err) {
        if (err instanceof ServiceError && (err.status === 422 || err.status === 400)) break
        throw err
      }
    }
  }
  return { cases, events }
}
