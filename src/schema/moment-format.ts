/** The `moment` string format of the schemas: an ISO 8601 / RFC 3339 moment with offset that every later step can use. */
import { isIsoDate } from '../calendar/iso-date.js'

const MOMENT = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/

/** The years a moment may fall in: those a case of this platform can have, and the calendar can count. */
export const MOMENT_YEARS = { first: 1900, last: 2999 } as const

/**
 * Whether `value` is a moment with an offset, a real date, hours 00–23, minutes and seconds 00–59 (no leap second:
 * nothing downstream can represent 23:59:60), in the years 1900–2999.
 * @example isMoment('2025-09-26T09:30:00+08:00') // true; isMoment('2016-12-31T23:59:60Z') // false
 */
export function isMoment(value: string): boolean {
  const m = MOMENT.exec(value)
  if (!m || !isIsoDate(m[1])) return false
  const year = Number(m[1].slice(0, 4))
  if (year < MOMENT_YEARS.first || year > MOMENT_YEARS.last) return false
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return false
  return m[5] === undefined || (Number(m[5]) <= 23 && Number(m[6]) <= 59)
}
