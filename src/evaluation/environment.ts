/** Loads what evaluations need from a rules directory: the calendars and every rule pack, or says why it cannot. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Calendar } from '../calendar/calendar.js'
import { loadCatalog } from '../catalog/load-catalog.js'
import { DEFAULT_CALENDAR_DIR } from '../calendar/load-calendar.js'
import { XingquanError } from '../errors/xingquan-error.js'
import { DEFAULT_RULES_DIR, loadPacks } from '../rules/rule-library.js'
import type { Environment } from './evaluation.js'
import { jurisdictionChain } from '../utils/jurisdiction-code.js'

/**
 * The calendars of a rules directory (its calendar/, else the shipped one): the national one, and a jurisdiction's
 * with the local layers of its own code and those above it. Read again when a year's notice is added.
 * @example const { calendar, calendarFor } = loadCalendars('rules')
 */
export function loadCalendars(dir = DEFAULT_RULES_DIR): {
  calendar: Calendar
  calendarFor: (jurisdiction: string) => Calendar
} {
  const calendarDir = existsSync(join(dir, 'calendar')) ? join(dir, 'calendar') : DEFAULT_CALENDAR_DIR
  const calendar = Calendar.load(calendarDir)
  const byJurisdiction = new Map<string, Calendar>()
  const calendarFor = (jurisdiction: string): Calendar => {
    let c = byJurisdiction.get(jurisdiction)
    if (!c) {
      const chain = jurisdictionChain(jurisdiction)
      const local = chain.some((code) => existsSync(join(calendarDir, 'local', code)))
      c = local ? Calendar.load(calendarDir, { jurisdictions: chain }) : calendar
      byJurisdiction.set(jurisdiction, c)
    }
    return c
  }
  return { calendar, calendarFor }
}

/**
 * The environment of a rules directory (packs, calendars, and the catalogs of rules/catalog when present); throws
 * XingquanError listing every broken file. A jurisdiction's calendar
 * adds the local layers (rules/calendar/local/<code>/<year>.json) of its own code and those above it.
 * @example const env = loadEnvironment('rules')
 */
export function loadEnvironment(dir = DEFAULT_RULES_DIR): Environment {
  const { packs, problems } = loadPacks(dir)
  const { catalog, problems: catalogProblems } = loadCatalog(dir)
  if (problems.length + catalogProblems.length > 0) throw new XingquanError([...problems, ...catalogProblems])
  return { ...loadCalendars(dir), packs, ...(catalog ? { catalog } : {}) }
}
