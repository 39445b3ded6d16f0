/** Reads calendar-year files: national years in rules/calendar/, local layers in rules/calendar/local/<code>/. */

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import type { CalendarYearData } from './calendar-year-data.js'
import { calendarYearProblems, conflict, recordOrigin } from './check-calendar-year.js'
import { validateCalendarYear } from './validate-calendar-year.js'
import { deepFreeze } from '../utils/deep-freeze.js'
import { validate } from '../schema/validator.js'
import type { HolidayMeasures } from '../types/generated.js'

/** The national calendar shipped with xingquan. */
export const DEFAULT_CALENDAR_DIR = fileURLToPath(new URL('../../rules/calendar', import.meta.url))

export interface LoadCalendarOptions {
  /** Local layers to apply, six-digit division codes, e.g. ['513200', '513222']. */
  readonly jurisdictions?: readonly string[]
  /** Where the local layers live; default `<dir>/local`. */
  readonly localDir?: string
}

export interface CalendarFiles {
  readonly years: readonly CalendarYearData[]
  readonly layers: readonly CalendarYearData[]
  /** `<dir>/measures/holiday-measures.json`, when present: provisional years are derived from it. */
  readonly measures?: HolidayMeasures
}

/** Where, inside a calendar directory, the versions of 《全国年节及纪念日放假办法》 are. */
export const MEASURES_FILE = join('measures', 'holiday-measures.json')

const YEAR_FILE = /^(\d{4})\.json$/
const JURISDICTION = /^[1-9]\d{5}$/

function shown(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file
}

/** A file's text and JSON; throws `SCHEMA_INVALID` naming the file when it is not JSON. */
function readJson(file: string): { name: string; text: string; json: unknown } {
  const name = shown(file)
  const text = readFileSync(file, 'utf8')
  try {
    return { name, text, json: JSON.parse(text) }
  } catch (e) {
    throw new XingquanError({
      code: 'SCHEMA_INVALID',
      file: name,
      pointer: '',
      zh: `不是有效的 JSON：${(e as Error).message}`,
      en: `not valid JSON: ${(e as Error).message}`,
    })
  }
}

/**
 * Reads, validates and freezes one calendar-year file; throws `SCHEMA_INVALID` (bad JSON or shape) or
 * `CALENDAR_CONFLICT` (contradictory entries), each naming the file and the JSON pointer.
 * @example readCalendarYearFile('rules/calendar/2025.json').year // 2025
 */
export function readCalendarYearFile(file: string): CalendarYearData {
  const { name, text, json } = readJson(file)
  const shapeProblems = validateCalendarYear(json, name, text)
  if (shapeProblems.length > 0) throw new XingquanError(shapeProblems)
  const data = deepFreeze(json as CalendarYearData)
  recordOrigin(data, name)
  const problems = calendarYearProblems(data)
  if (problems.length > 0) throw new XingquanError(problems)
  return data
}

/** Reads every `<year>.json` in a directory, checking each against its file name and expected layer. */
function readYearDir(
  dir: string,
  expect: { layer: 'national' | 'local'; jurisdiction: string },
  problems: Problem[],
): CalendarYearData[] {
  const out: CalendarYearData[] = []
  for (const entry of readdirSync(dir).sort()) {
    const file = join(dir, entry)
    if (!entry.endsWith('.json') || !statSync(file).isFile()) continue
    const match = YEAR_FILE.exec(entry)
    if (!match) {
      problems.push(
        conflict(
          shown(file),
          '',
          `文件名应为 <年度>.json，如 2025.json`,
          `a calendar file is named <year>.json, e.g. 2025.json`,
        ),
      )
      continue
    }
    try {
      const data = readCalendarYearFile(file)
      if (data.year !== Number(match[1])) {
        problems.push(
          conflict(
            shown(file),
            '/year',
            `年度 ${data.year} 与文件名 ${entry} 不符`,
            `year ${data.year} does not match the file name ${entry}`,
          ),
        )
      }
      if (data.layer !== expect.layer || data.jurisdiction !== expect.jurisdiction) {
        problems.push(
          conflict(
            shown(file),
            '/jurisdiction',
            `此目录应放 ${expect.layer} 层、地区 ${expect.jurisdiction} 的文件，实为 ${data.layer}、${data.jurisdiction}`,
            `this directory holds layer ${expect.layer} of jurisdiction ${expect.jurisdiction}, found ${data.layer} of ${data.jurisdiction}`,
          ),
        )
      }
      out.push(data)
    } catch (e) {
      if (!(e instanceof XingquanError)) throw e
      problems.push(...e.problems)
    }
  }
  return out
}

/**
 * Reads the national years of `dir` and the local layers of the jurisdictions asked for. A jurisdiction
 * without a directory adds no layer. All problems of all files are thrown together.
 * @example loadCalendarFiles(undefined, { jurisdictions: ['513200'] }).years.length // 3
 */
export function loadCalendarFiles(
  dir: string = DEFAULT_CALENDAR_DIR,
  options: LoadCalendarOptions = {},
): CalendarFiles {
  if (!existsSync(dir)) {
    throw new XingquanError({
      code: 'CALENDAR_DIR_MISSING',
      file: shown(dir),
      zh: `找不到日历目录 ${shown(dir)}`,
      en: `calendar directory ${shown(dir)} not found`,
    })
  }
  const problems: Problem[] = []
  const years = readYearDir(dir, { layer: 'national', jurisdiction: 'CN' }, problems)
  const layers: CalendarYearData[] = []
  const localDir = options.localDir ?? join(dir, 'local')
  for (const code of options.jurisdictions ?? []) {
    if (!JURISDICTION.test(code)) {
      throw new XingquanError({
        code: 'ARGUMENT_INVALID',
        zh: `地区代码“${code}”应为六位行政区划代码，如 513200`,
        en: `jurisdiction "${code}" must be a six-digit division code, e.g. 513200`,
      })
    }
    const codeDir = join(localDir, code)
    if (existsSync(codeDir)) layers.push(...readYearDir(codeDir, { layer: 'local', jurisdiction: code }, problems))
  }
  const measures = readMeasures(join(dir, MEASURES_FILE), problems)
  if (problems.length > 0) throw new XingquanError(problems)
  return { years, layers, ...(measures ? { measures } : {}) }
}

/** Reads and validates the measures file, when there is one; its problems join the others. */
function readMeasures(file: string, problems: Problem[]): HolidayMeasures | undefined {
  if (!existsSync(file)) return undefined
  let read
  try {
    read = readJson(file)
  } catch (e) {
    if (!(e instanceof XingquanError)) throw e
    problems.push(...e.problems)
    return undefined
  }
  const { name, text, json } = read
  const shape = validate('holiday-measures', json, { file: name, text })
  if (shape.length > 0) {
    problems.push(...shape)
    return undefined
  }
  return deepFreeze(json as HolidayMeasures)
}
