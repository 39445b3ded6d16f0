/** Validates a calendar-year file's JSON against schemas/calendar-year.schema.json with the shared validator. */
import type { Problem } from '../errors/xingquan-error.js'
import { validate } from '../schema/validator.js'

/**
 * One `SCHEMA_INVALID` problem per violation, with the file, the JSON pointer and, when `text` is given, line and column.
 * @example validateCalendarYear(JSON.parse(text), 'rules/calendar/2025.json', text) // []
 */
export function validateCalendarYear(data: unknown, file: string, text?: string): Problem[] {
  return validate('calendar-year', data, { file, ...(text !== undefined ? { text } : {}) })
}
