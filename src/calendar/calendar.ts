/** The legal working-day calendar: which days count, and periods counted as the law counts them. */

import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import type { CalendarYearData, DayKind } from './calendar-year-data.js'
import { calendarYearProblems, conflict, conventionalPath, originOf } from './check-calendar-year.js'
import { fromDayNumber, toDayNumber, weekdayOfDayNumber, type IsoDate } from './iso-date.js'
import { loadCalendarFiles, type LoadCalendarOptions } from './load-calendar.js'

export interface PeriodOptions {
  /** `true` = that day does not count (the clock is stopped: 补正, 暂停, hearing, testing …). */
  readonly skip?: (date: IsoDate) => boolean
}

// Day codes in the table; MISSING marks the days of an undeclared year inside the table's range.
const WORKDAY = 0
const WEEKEND = 1
const HOLIDAY = 2
const MAKEUP = 3
const MISSING = 4
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup-workday']

const isWorking = (code: number): boolean => code === WORKDAY || code === MAKEUP

/**
 * The `CALENDAR_YEAR_MISSING` error for a year the calendar has no data for.
 * @example throw yearMissing(2027)
 */
export function yearMissing(year: number): XingquanError {
  const file = conventionalPath(year)
  return new XingquanError({
    code: 'CALENDAR_YEAR_MISSING',
    zh: `日历缺少 ${year} 年的节假日安排（${file}）`,
    en: `The calendar has no data for year ${year} (${file})`,
  })
}

function invalidCount(name: string, n: number): XingquanError {
  return new XingquanError({
    code: 'ARGUMENT_INVALID',
    zh: `${name} 必须是非负整数，收到 ${n}`,
    en: `${name} must be a non-negative integer, got ${n}`,
  })
}

/**
 * Holidays and make-up working days of the declared years, national and local, precomputed into one
 * table of day codes with a running count of working days; a date outside the declared years throws
 * `CALENDAR_YEAR_MISSING`, never a guess.
 * @example
 * const calendar = Calendar.load()
 * calendar.addWorkingDays('2025-09-26', 20) // '2025-10-30'
 */
export class Calendar {
  /** The declared (national) years, ascending. */
  readonly years: readonly number[]
  /** The local layers applied, e.g. ['513200'], in the order given. */
  readonly jurisdictions: readonly string[]
  /** Day number of the first day of the table (1 January of the first declared year). */
  private readonly base: number
  private readonly codes: Uint8Array
  /** working[i] = number of working days at table indices < i. */
  private readonly working: Int32Array
  private readonly dates: readonly IsoDate[]
  private readonly names = new Map<number, string>()

  /**
   * @param years national years (layer 'national', one per year)
   * @param layers local layers (layer 'local'), applied over the national year they name
   * @example new Calendar([data2025], [aba2025])
   */
  constructor(years: readonly CalendarYearData[], layers: readonly CalendarYearData[] = []) {
    const problems: Problem[] = []
    const byYear = new Map<number, CalendarYearData>()
    for (const data of years) {
      if (data.layer !== 'national') {
        problems.push(conflict(originOf(data), '/layer', '全国层的位置放了地方层', 'a local layer was given where a national year belongs'))
      } else if (byYear.has(data.year)) {
        problems.push(conflict(originOf(data), '/year', `${data.year} 年的全国安排重复`, `the national year ${data.year} is given twice`))
      }
      problems.push(...calendarYearProblems(data))
      byYear.set(data.year, data)
    }
    for (const layer of layers) {
      if (layer.layer !== 'local') {
        problems.push(conflict(originOf(layer), '/layer', '地方层的位置放了全国安排', 'a national year was given where a local layer belongs'))
      }
      problems.push(...calendarYearProblems(layer))
    }
    if (problems.length > 0) throw new XingquanError(problems)

    this.years = [...byYear.keys()].sort((a, b) => a - b)
    this.jurisdictions = [...new Set(layers.map((l) => l.jurisdiction))]
    const first = this.years[0] ?? 1970
    const last = this.years[this.years.length - 1] ?? first - 1
    this.base = toDayNumber(`${first}-01-01`)
    const length = toDayNumber(`${String(last + 1).padStart(4, '0')}-01-01`) - this.base
    this.codes = new Uint8Array(length).fill(MISSING)
    for (const data of byYear.values()) this.applyNational(data)
    this.applyLayers(layers, byYear)

    const dates: IsoDate[] = new Array<IsoDate>(length)
    this.working = new Int32Array(length + 1)
    for (let i = 0; i < length; i++) {
      dates[i] = fromDayNumber(this.base + i)
      this.working[i + 1] = (this.working[i] ?? 0) + (isWorking(this.codes[i] ?? MISSING) ? 1 : 0)
    }
    this.dates = dates
  }

  /**
   * Reads the national years in `dir` and the local layers of the jurisdictions asked for
   * (`<dir>/local/<code>/<year>.json`, or under `options.localDir`); a jurisdiction without files adds nothing.
   * @example Calendar.load(undefined, { jurisdictions: ['513200'] })
   */
  static load(dir?: string, options: LoadCalendarOptions = {}): Calendar {
    const { years, layers } = loadCalendarFiles(dir, options)
    return new Calendar(years, layers)
  }

  /**
   * Whether the date is a working day (a weekday that is not a holiday, or a make-up working day).
   * @example calendar.isWorkingDay('2025-09-28') // true (国庆节、中秋节调休上班)
   */
  isWorkingDay(date: IsoDate): boolean {
    return isWorking(this.codeAt(this.indexOf(date)))
  }

  /**
   * What the date is: 'workday', 'weekend', 'holiday' or 'makeup-workday'.
   * @example calendar.dayKind('2025-10-01') // 'holiday'
   */
  dayKind(date: IsoDate): DayKind {
    return KIND_NAMES[this.codeAt(this.indexOf(date))] as DayKind
  }

  /**
   * The name of the holiday on that date, if it is one.
   * @example calendar.holidayName('2026-02-17') // '春节'
   */
  holidayName(date: IsoDate): string | undefined {
    const i = this.indexOf(date)
    this.codeAt(i)
    return this.names.get(i)
  }

  /**
   * N working days after `from`; the start day is never counted (民法典 第二百零一条). `skip(d)` true =
   * that day does not count (clock stopped). n >= 0; n = 0 returns from.
   * @example calendar.addWorkingDays('2025-09-26', 20) // '2025-10-30'
   */
  addWorkingDays(from: IsoDate, n: number, options: PeriodOptions = {}): IsoDate {
    if (!Number.isSafeInteger(n) || n < 0) throw invalidCount('n', n)
    const start = this.indexOf(from) + 1
    if (n === 0) return from
    const skip = options.skip
    if (skip) {
      for (let i = start, counted = 0; ; i++) {
        if (isWorking(this.codeAt(i)) && !skip(this.dates[i] as IsoDate) && ++counted === n) return this.dates[i] as IsoDate
      }
    }
    this.codeAt(start) // a start outside the table names its year
    const target = (this.working[start] ?? 0) + n
    const length = this.codes.length
    if ((this.working[length] ?? 0) < target) {
      this.ensureDeclared(start, length) // throws: the table ends before n working days
    }
    // smallest j >= start with working[j + 1] >= target: day j is the n-th working day
    let lo = start
    let hi = length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.working[mid + 1] ?? 0) >= target) hi = mid
      else lo = mid + 1
    }
    this.ensureDeclared(start, lo)
    return this.dates[lo] as IsoDate
  }

  /**
   * N calendar days after `from` (start day not counted); when the last day is a rest day (weekend that
   * is not a make-up day, or a holiday) it moves to the first working day after it (民法典 第二百零三条).
   * skip(d): days that do not count, nor can the period end on one. n = 0 returns from.
   * @example calendar.addCalendarDays('2026-02-13', 7) // '2026-02-24' (2月20日 falls in 春节)
   */
  addCalendarDays(from: IsoDate, n: number, options: PeriodOptions = {}): IsoDate {
    if (!Number.isSafeInteger(n) || n < 0) throw invalidCount('n', n)
    const skip = options.skip
    let day = toDayNumber(from)
    if (n === 0) return from
    if (!skip) {
      day += n
    } else {
      const end = this.base + this.codes.length
      for (let counted = 0; counted < n; ) {
        day++
        if (day >= end) throw yearMissing(Number(fromDayNumber(day).slice(0, 4)))
        if (!skip(this.dateAt(day))) counted++
      }
    }
    for (let i = day - this.base; ; i++) {
      if (isWorking(this.codeAt(i)) && !skip?.(this.dates[i] as IsoDate)) return this.dates[i] as IsoDate
    }
  }

  /**
   * Working days in (from, to]: start day excluded, end day included; 0 when to <= from.
   * @example calendar.countWorkingDays('2025-09-30', '2025-10-09') // 1
   */
  countWorkingDays(from: IsoDate, to: IsoDate, options: PeriodOptions = {}): number {
    const start = this.indexOf(from) + 1
    const end = this.indexOf(to)
    if (end < start) return 0
    this.ensureDeclared(start, end)
    const skip = options.skip
    if (!skip) return (this.working[end + 1] ?? 0) - (this.working[start] ?? 0)
    let counted = 0
    for (let i = start; i <= end; i++) {
      if (isWorking(this.codes[i] ?? MISSING) && !skip(this.dates[i] as IsoDate)) counted++
    }
    return counted
  }

  /**
   * First working day on or after date.
   * @example calendar.nextWorkingDayOnOrAfter('2026-01-03') // '2026-01-04' (元旦调休上班)
   */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate {
    for (let i = this.indexOf(date); ; i++) {
      if (isWorking(this.codeAt(i))) return this.dates[i] as IsoDate
    }
  }

  private indexOf(date: IsoDate): number {
    return toDayNumber(date) - this.base
  }

  private dateAt(dayNumber: number): IsoDate {
    const i = dayNumber - this.base
    return i >= 0 && i < this.codes.length ? (this.dates[i] as IsoDate) : fromDayNumber(dayNumber)
  }

  /** The day code at a table index; throws `CALENDAR_YEAR_MISSING` for a day of an undeclared year. */
  private codeAt(i: number): number {
    const code = this.codes[i] ?? MISSING
    if (code === MISSING) throw yearMissing(Number(fromDayNumber(this.base + i).slice(0, 4)))
    return code
  }

  /** Throws `CALENDAR_YEAR_MISSING` for the first undeclared year among table indices first..last. */
  private ensureDeclared(first: number, last: number): void {
    const from = Number(fromDayNumber(this.base + first).slice(0, 4))
    const to = Number(fromDayNumber(this.base + last).slice(0, 4))
    for (let year = from; year <= to; year++) {
      if (!this.years.includes(year)) throw yearMissing(year)
    }
  }

  private applyNational(data: CalendarYearData): void {
    const start = toDayNumber(`${data.year}-01-01`)
    const end = toDayNumber(`${data.year + 1}-01-01`)
    for (let d = start; d < end; d++) {
      const wd = weekdayOfDayNumber(d)
      this.codes[d - this.base] = wd === 0 || wd === 6 ? WEEKEND : WORKDAY
    }
    for (const span of data.holidays) this.markHoliday(span.from, span.to, span.name)
    for (const w of data.workdays) this.codes[toDayNumber(w.date) - this.base] = MAKEUP
  }

  /**
   * Local holidays win over a national make-up working day; a local make-up working day must fall on a
   * national weekend that no layer declares a holiday.
   */
  private applyLayers(layers: readonly CalendarYearData[], byYear: ReadonlyMap<number, CalendarYearData>): void {
    const problems: Problem[] = []
    const seen = new Set<string>()
    const layerHolidays = new Set<number>()
    for (const layer of layers) {
      const key = `${layer.jurisdiction}/${layer.year}`
      if (seen.has(key)) problems.push(conflict(originOf(layer), '/year', `${layer.jurisdiction} 的 ${layer.year} 年地方层重复`, `the local layer ${key} is given twice`))
      seen.add(key)
      if (!byYear.has(layer.year)) {
        const missing = yearMissing(layer.year).problems[0] as Problem
        problems.push({ ...missing, file: originOf(layer), pointer: '/year' })
      }
      for (const span of layer.holidays) {
        for (let d = toDayNumber(span.from), end = toDayNumber(span.to); d <= end; d++) layerHolidays.add(d)
      }
    }
    if (problems.length > 0) throw new XingquanError(problems)
    for (const layer of layers) {
      layer.workdays.forEach((w, k) => {
        const d = toDayNumber(w.date)
        const code = this.codes[d - this.base]
        if (code === HOLIDAY || layerHolidays.has(d)) {
          problems.push(conflict(originOf(layer), `/workdays/${k}/date`, `${w.date} 已是放假日（${this.names.get(d - this.base) ?? '地方层'}），地方不能改为上班`,
            `${w.date} is already a holiday (${this.names.get(d - this.base) ?? 'a local layer'}); a local layer cannot make it a working day`))
        }
      })
    }
    if (problems.length > 0) throw new XingquanError(problems)
    for (const layer of layers) {
      for (const span of layer.holidays) this.markHoliday(span.from, span.to, span.name)
    }
    for (const layer of layers) {
      for (const w of layer.workdays) this.codes[toDayNumber(w.date) - this.base] = MAKEUP
    }
  }

  private markHoliday(from: IsoDate, to: IsoDate, name: string): void {
    for (let i = toDayNumber(from) - this.base, end = toDayNumber(to) - this.base; i <= end; i++) {
      this.codes[i] = HOLIDAY
      const previous = this.names.get(i)
      this.names.set(i, previous === undefined || previous === name ? name : `${previous}、${name}`)
    }
  }
}
