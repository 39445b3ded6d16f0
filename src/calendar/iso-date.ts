/** Pure helpers on 'YYYY-MM-DD' dates: whole-day arithmetic with no Date and no local time zone. */

import { XingquanError } from '../errors/xingquan-error.js'

/** A calendar date written 'YYYY-MM-DD' (ISO 8601, proleptic Gregorian). */
export type IsoDate = string

/** Day of the week, 0 = Sunday … 6 = Saturday (as `Date#getUTCDay`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MOMENT = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/
/** China Standard Time, UTC+08:00, in minutes. */
const CST_OFFSET_MINUTES = 8 * 60

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function invalidDate(value: string, what = 'date'): XingquanError {
  return new XingquanError({
    code: 'DATE_INVALID',
    zh: `“${value}”不是有效的${what === 'date' ? '日期（应为 YYYY-MM-DD）' : '时刻（应为带时区的 ISO 8601 时刻，如 2025-09-26T09:30:00+08:00）'}`,
    en: `"${value}" is not a valid ${what === 'date' ? 'date (expected YYYY-MM-DD)' : 'moment (expected an ISO 8601 moment with offset, e.g. 2025-09-26T09:30:00+08:00)'}`,
  })
}

/**
 * Whether `value` is a real calendar date written 'YYYY-MM-DD'.
 * @example isIsoDate('2024-02-29') // true; isIsoDate('2025-02-29') // false
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false
  const m = DATE.exec(value)
  if (!m) return false
  const month = Number(m[2])
  const day = Number(m[3])
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month)
}

/**
 * The day number of a date: days since 1970-01-01. Throws `DATE_INVALID` on a malformed date.
 * @example toDayNumber('1970-01-02') // 1
 */
export function toDayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date)
  if (known !== undefined) return known
  if (!isIsoDate(date)) throw invalidDate(String(date))
  const n = daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)))
  if (dayNumbers.size >= 50_000) dayNumbers.clear()
  dayNumbers.set(date, n)
  return n
}

/** Day numbers of dates already parsed: the hot path of every period computation parses the same few hundred dates. */
const dayNumbers = new Map<string, number>()

/**
 * The date of a day number (days since 1970-01-01); inverse of `toDayNumber`.
 * @example fromDayNumber(19993) // '2024-09-27'
 */
export function fromDayNumber(dayNumber: number): IsoDate {
  // H. Hinnant's civil_from_days
  const z = dayNumber + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * The date `days` days after `date` (before it when negative).
 * @example addDays('2024-02-28', 2) // '2024-03-01'
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example daysBetween('2025-09-30', '2025-10-08') // 8
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from)
}

/**
 * Day of the week of a day number, 0 = Sunday … 6 = Saturday.
 * @example weekdayOfDayNumber(0) // 4 (1970-01-01 was a Thursday)
 */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday
}

/**
 * Day of the week, 0 = Sunday … 6 = Saturday.
 * @example weekday('2025-10-11') // 6 (a Saturday)
 */
export function weekday(date: IsoDate): Weekday {
  return weekdayOfDayNumber(toDayNumber(date))
}

/**
 * Whether the date is a Saturday or a Sunday (whatever the holiday calendar says).
 * @example isWeekend('2025-09-28') // true
 */
export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date)
  return w === 0 || w === 6
}

/**
 * The date, in China Standard Time (UTC+08:00), of an ISO 8601 moment with an offset.
 * A moment without an offset is refused (`DATE_INVALID`): its date would be a guess.
 * @example dateOf('2025-09-30T17:00:00Z') // '2025-10-01'
 */
export function dateOf(moment: string): IsoDate {
  const known = datesOf.get(moment)
  if (known !== undefined) return known
  const date = parseDateOf(moment)
  if (datesOf.size >= 50_000) datesOf.clear()
  datesOf.set(moment, date)
  return date
}

/** Dates of moments already read: one event's moments are read by the fold, the facts and the evaluation, several times each. */
const datesOf = new Map<string, IsoDate>()

function parseDateOf(moment: string): IsoDate {
  const m = typeof moment === 'string' ? MOMENT.exec(moment) : null
  if (!m || !isIsoDate(m[1])) throw invalidDate(String(moment), 'moment')
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)]
  const offset = m[5] ? 0 : (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]))
  if (hours > 23 || minutes > 59 || seconds > 59 || Number(m[7] ?? 0) > 23 || Number(m[8] ?? 0) > 59) {
    throw invalidDate(moment, 'moment')
  }
  const minuteOfDayCst = hours * 60 + minutes - offset + CST_OFFSET_MINUTES
  return fromDayNumber(toDayNumber(m[1]) + Math.floor(minuteOfDayCst / 1440))
}
