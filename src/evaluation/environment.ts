/** Loads what evaluations need from a rules directory: the calendar and every rule pack, or says why it cannot. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Calendar } from '../calendar/calendar.js'
import { XingquanError } from '../errors/xingquan-error.js'
import { DEFAULT_RULES_DIR, loadPacks } from '../rules/rule-library.js'
import type { Environment } from './evaluation.js'

/**
 * The environment of a rules directory; throws XingquanError listing every broken file.
 * @example const env = loadEnvironment('rules')
 */
export function loadEnvironment(dir = DEFAULT_RULES_DIR): Environment {
  const { packs, problems } = loadPacks(dir)
  if (problems.length > 0) throw new XingquanError(problems)
  const calendarDir = join(dir, 'calendar')
  const calendar = existsSync(calendarDir) ? Calendar.load(calendarDir) : Calendar.load()
  return { calendar, packs }
}
