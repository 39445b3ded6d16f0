/** Checks a calendar year for what its schema cannot say: dates in the year, no overlaps, make-up days on weekends. */

import type { Problem } from '../errors/xingquan-error.js'
import type { CalendarYearData } from './calendar-year-data.js'
import { isIsoDate, toDayNumber, weekdayOfDayNumber } from './iso-date.js'

const origins = new WeakMap<CalendarYearData, string>()

/**
 * Remembers the file a calendar year was read from, so later problems can name it.
 * @example recordOrigin(data, 'rules/calendar/2025.json')
 */
export function recordOrigin(data: CalendarYearData, file: string): void {
  origins.set(data, file)
}

/**
 * The file a calendar year was read from, or where the directory convention would put it.
 * @example originOf({ year: 2027, layer: 'national', … }) // 'rules/calendar/2027.json'
 */
export function originOf(data: Pick<CalendarYearData, 'year' | 'layer' | 'jurisdiction'>): string {
  return (
    origins.get(data as CalendarYearData) ??
    conventionalPath(data.year, data.layer === 'local' ? data.jurisdiction : undefined)
  )
}

/**
 * Where a calendar year lives by the directory convention.
 * @example conventionalPath(2025, '513200') // 'rules/calendar/local/513200/2025.json'
 */
export function conventionalPath(year: number, jurisdiction?: string): string {
  return jurisdiction === undefined
    ? `rules/calendar/${year}.json`
    : `rules/calendar/local/${jurisdiction}/${year}.json`
}

/**
 * A `CALENDAR_CONFLICT` problem.
 * @example conflict('rules/calendar/2025.json', '/workdays/0/date', '……', '…')
 */
export function conflict(file: string, pointer: string, zh: string, en: string): Problem {
  return { code: 'CALENDAR_CONFLICT', zh, en, file, pointer }
}

/**
 * Every contradiction inside one calendar year: a date outside its year or not a real date, a span that
 * ends before it starts, overlapping spans, a make-up working day that is not a Saturday or Sunday, is
 * listed twice, or falls on a declared holiday, a layer that does not match its jurisdiction.
 * An empty list means the year is consistent.
 * @example calendarYearProblems(data) // []
 */
export function calendarYearProblems(data: CalendarYearData): Problem[] {
  const file = originOf(data)
  const problems: Problem[] = []
  const inYear = (date: string, pointer: string): boolean => {
    if (!isIsoDate(date)) {
      problems.push({
        code: 'SCHEMA_INVALID',
        file,
        pointer,
        zh: `“${date}”不是有效日期`,
        en: `"${date}" is not a valid date`,
      })
      return false
    }
    if (Number(date.slice(0, 4)) !== data.year) {
      problems.push(
        conflict(
          file,
          pointer,
          `日期 ${date} 不属于本文件的年度 ${data.year}`,
          `date ${date} is not in this file's year ${data.year}`,
        ),
      )
      return false
    }
    return true
  }
  if ((data.layer === 'national') !== (data.jurisdiction === 'CN')) {
    problems.push(
      conflict(
        file,
        '/jurisdiction',
        `层级 ${data.layer} 与地区 ${data.jurisdiction} 不一致：全国层的地区必须是 CN，地方层不能是 CN`,
        `layer ${data.layer} does not match jurisdiction ${data.jurisdiction}: the national layer is CN, a local layer is not`,
      ),
    )
  }
  const holidayDays = new Map<number, number>() // day number → index of its span
  data.holidays.forEach((span, i) => {
    const okFrom = inYear(span.from, `/holidays/${i}/from`)
    const okTo = inYear(span.to, `/holidays/${i}/to`)
    if (!okFrom || !okTo) return
    if (span.to < span.from) {
      problems.push(
        conflict(
          file,
          `/holidays/${i}`,
          `${span.name}：结束日 ${span.to} 早于开始日 ${span.from}`,
          `${span.name}: ends ${span.to} before it starts ${span.from}`,
        ),
      )
      return
    }
    for (let d = toDayNumber(span.from), end = toDayNumber(span.to); d <= end; d++) {
      const other = holidayDays.get(d)
      if (other !== undefined) {
        problems.push(
          conflict(
            file,
            `/holidays/${i}`,
            `${span.name} 与 ${data.holidays[other]?.name ?? ''}（/holidays/${other}）的日期重叠`,
            `${span.name} overlaps ${data.holidays[other]?.name ?? ''} (/holidays/${other})`,
          ),
        )
        return
      }
      holidayDays.set(d, i)
    }
  })
  const seen = new Set<number>()
  data.workdays.forEach((w, i) => {
    const pointer = `/workdays/${i}/date`
    if (!inYear(w.date, pointer)) return
    const d = toDayNumber(w.date)
    const wd = weekdayOfDayNumber(d)
    if (wd !== 0 && wd !== 6) {
      problems.push(
        conflict(
          file,
          pointer,
          `调休上班日 ${w.date} 不是周六或周日，本来就是工作日`,
          `make-up working day ${w.date} is not a Saturday or Sunday; it is a working day anyway`,
        ),
      )
    }
    if (seen.has(d))
      problems.push(
        conflict(file, pointer, `调休上班日 ${w.date} 重复列出`, `make-up working day ${w.date} is listed twice`),
      )
    seen.add(d)
    const span = holidayDays.get(d)
    if (span !== undefined) {
      problems.push(
        conflict(
          file,
          pointer,
          `${w.date} 既是放假日（/holidays/${span}）又是调休上班日`,
          `${w.date} is both a holiday (/holidays/${span}) and a make-up working day`,
        ),
      )
    }
  })
  return problems
}
