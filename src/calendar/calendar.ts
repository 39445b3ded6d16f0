/** The legal working-day calendar: which days count, and periods counted as the law counts them. */

import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import type { CalendarYearData, DayKind } from './calendar-year-data.js'
import { calendarYearProblems, conflict, conventionalPath, originOf } from './check-calendar-year.js'
import { fromDayNumber, toDayNumber, weekdayOfDayNumber, type IsoDate } from './iso-date.js'
import { loadCalendarFiles, type LoadCalendarOptions } from './load-calendar.js'
import type { HolidayMeasures } from '../types/generated.js'
import { deriveProvisionalYear } from './derive-provisional-year.js'

export interface CalendarOptions {
  /**
   * 《全国年节及纪念日放假办法》's versions: a year without a notice after the first declared one is then
   * provisional, derived from the version in force in it, instead of refused.
   */
  readonly measures?: HolidayMeasures
}

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
/** The year of a day number, by fromDayNumber's arithmetic without writing the date (every count asks it twice). */
const yearOfDayNumber = (d: number): number => {
  const z = d + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  // March-based years: January and February (doy 306 on) belong to the next civil year
  return yoe + era * 400 + (doy >= 306 ? 1 : 0)
}

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
  /** Day codes; grows by whole provisional years past the last declared one. */
  private codes: Uint8Array
  /** working[i] = number of working days at table indices < i. */
  private working: Int32Array
  /** Dates of the declared part of the table; later days are computed. */
  private readonly dates: readonly IsoDate[]
  private readonly names = new Map<number, string>()
  private readonly measures: HolidayMeasures | undefined
  /** Provisional years in the table, each with its first and last table index. */
  private readonly provisional: { year: number; first: number; last: number }[] = []
  /** While `observe` runs: the provisional years a computation counted. */
  private observed: Set<number> | undefined

  /**
   * @param years national years (layer 'national', one per year)
   * @param layers local layers (layer 'local'), applied over the national year they name
   * @param options the measures from which a year without a notice is derived (provisional)
   * @example new Calendar([data2025], [aba2025])
   */
  constructor(
    years: readonly CalendarYearData[],
    layers: readonly CalendarYearData[] = [],
    options: CalendarOptions = {},
  ) {
    const problems: Problem[] = []
    const byYear = new Map<number, CalendarYearData>()
    for (const data of years) {
      if (data.layer !== 'national') {
        problems.push(
          conflict(
            originOf(data),
            '/layer',
            '全国层的位置放了地方层',
            'a local layer was given where a national year belongs',
          ),
        )
      } else if (byYear.has(data.year)) {
        problems.push(
          conflict(
            originOf(data),
            '/year',
            `${data.year} 年的全国安排重复`,
            `the national year ${data.year} is given twice`,
          ),
        )
      }
      problems.push(...calendarYearProblems(data))
      byYear.set(data.year, data)
    }
    for (const layer of layers) {
      if (layer.layer !== 'local') {
        problems.push(
          conflict(
            originOf(layer),
            '/layer',
            '地方层的位置放了全国安排',
            'a national year was given where a local layer belongs',
          ),
        )
      }
      problems.push(...calendarYearProblems(layer))
    }
    if (problems.length > 0) throw new XingquanError(problems)

    this.years = [...byYear.keys()].sort((a, b) => a - b)
    this.jurisdictions = [...new Set(layers.map((l) => l.jurisdiction))]
    const first = this.years[0] ?? 1970
    const last = this.years[this.years.length - 1] ?? first - 1
    this.base = toDayNumber(`${first}-01-01`)
    const length = toDayNumber(`${String(last).padStart(4, '0')}-12-31`) + 1 - this.base
    this.codes = new Uint8Array(length).fill(MISSING)
    this.measures = options.measures
    for (const data of byYear.values()) this.applyNational(data)
    for (let year = first + 1; year < last; year++) {
      if (!byYear.has(year)) this.applyProvisional(year, false)
    }
    this.applyLayers(layers, byYear)

    const dates: IsoDate[] = new Array<IsoDate>(length)
    this.working = new Int32Array(length + 1)
    for (let i = 0; i < length; i++) dates[i] = fromDayNumber(this.base + i)
    this.countFrom(0)
    this.dates = dates
  }

  /**
   * Reads the national years in `dir` and the local layers of the jurisdictions asked for
   * (`<dir>/local/<code>/<year>.json`, or under `options.localDir`); a jurisdiction without files adds nothing.
   * @example Calendar.load(undefined, { jurisdictions: ['513200'] })
   */
  static load(dir?: string, options: LoadCalendarOptions = {}): Calendar {
    const { years, layers, measures } = loadCalendarFiles(dir, options)
    return new Calendar(years, layers, measures ? { measures } : {})
  }

  /**
   * Whether a year is provisional: no notice declares it, and the calendar derives it from the measures.
   * @example Calendar.load().isProvisional(2027) // true while rules/calendar/2027.json is missing
   */
  isProvisional(year: number): boolean {
    if (this.years.includes(year) || this.measures === undefined || year < (this.years[0] ?? Infinity)) return false
    try {
      this.codeAt(toDayNumber(`${String(year).padStart(4, '0')}-01-01`) - this.base)
      return true
    } catch {
      return false
    }
  }

  /**
   * Runs a computation and tells which provisional years it counted a day of (ascending).
   * @example calendar.observe(() => calendar.addWorkingDays('2026-12-15', 20)) // { result: '2027-01-13', provisionalYears: [2027] }
   */
  observe<T>(compute: () => T): { result: T; provisionalYears: number[] } {
    const outer = this.observed
    const seen = new Set<number>()
    this.observed = seen
    try {
      const result = compute()
      return { result, provisionalYears: [...seen].sort((a, b) => a - b) }
    } finally {
      this.observed = outer
      if (outer) for (const y of seen) outer.add(y)
    }
  }

  /**
   * Whether the date is a working day (a weekday that is not a holiday, or a make-up working day).
   * @example calendar.isWorkingDay('2025-09-28') // true (国庆节、中秋节调休上班)
   */
  isWorkingDay(date: IsoDate): boolean {
    const i = this.indexOf(date)
    const code = this.codeAt(i)
    this.touch(i, i)
    return isWorking(code)
  }

  /**
   * What the date is: 'workday', 'weekend', 'holiday' or 'makeup-workday'.
   * @example calendar.dayKind('2025-10-01') // 'holiday'
   */
  dayKind(date: IsoDate): DayKind {
    const i = this.indexOf(date)
    const code = this.codeAt(i)
    this.touch(i, i)
    return KIND_NAMES[code] as DayKind
  }

  /**
   * The name of the holiday on that date, if it is one.
   * @example calendar.holidayName('2026-02-17') // '春节'
   */
  holidayName(date: IsoDate): string | undefined {
    const i = this.indexOf(date)
    this.codeAt(i)
    this.touch(i, i)
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
        if (isWorking(this.codeAt(i)) && !skip(this.dateOfIndex(i)) && ++counted === n) {
          this.touch(start, i)
          return this.dateOfIndex(i)
        }
      }
    }
    this.codeAt(start) // a start outside the table names its year
    const target = (this.working[start] ?? 0) + n
    while ((this.working[this.codes.length] ?? 0) < target) {
      const length = this.codes.length
      this.ensureDeclared(start, length - 1)
      this.codeAt(length) // grows the table by the next provisional year, or throws naming it
    }
    const length = this.codes.length
    // smallest j >= start with working[j + 1] >= target: day j is the n-th working day
    let lo = start
    let hi = length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.working[mid + 1] ?? 0) >= target) hi = mid
      else lo = mid + 1
    }
    this.ensureDeclared(start, lo)
    this.touch(start, lo)
    return this.dateOfIndex(lo)
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
      for (let counted = 0; counted < n; ) {
        day++
        this.codeAt(day - this.base) // past the table: the next provisional year, or an error naming it
        if (!skip(this.dateAt(day))) counted++
      }
    }
    for (let i = day - this.base; ; i++) {
      if (isWorking(this.codeAt(i)) && !skip?.(this.dateOfIndex(i))) {
        this.touch(toDayNumber(from) - this.base + 1, i)
        return this.dateOfIndex(i)
      }
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
    this.codeAt(end) // grows the table to the end's provisional year, or throws naming it
    this.ensureDeclared(start, end)
    this.touch(start, end)
    const skip = options.skip
    if (!skip) return (this.working[end + 1] ?? 0) - (this.working[start] ?? 0)
    let counted = 0
    for (let i = start; i <= end; i++) {
      if (isWorking(this.codes[i] ?? MISSING) && !skip(this.dateOfIndex(i))) counted++
    }
    return counted
  }

  /**
   * First working day on or after date.
   * @example calendar.nextWorkingDayOnOrAfter('2026-01-03') // '2026-01-04' (元旦调休上班)
   */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate {
    for (let i = this.indexOf(date); ; i++) {
      if (isWorking(this.codeAt(i))) {
        this.touch(this.indexOf(date), i)
        return this.dateOfIndex(i)
      }
    }
  }

  private indexOf(date: IsoDate): number {
    return toDayNumber(date) - this.base
  }

  private dateAt(dayNumber: number): IsoDate {
    return this.dateOfIndex(dayNumber - this.base)
  }

  private dateOfIndex(i: number): IsoDate {
    return this.dates[i] ?? fromDayNumber(this.base + i)
  }

  /**
   * The day code at a table index; past the table the calendar grows by the provisional years up to that day's
   * (when it has the measures); throws `CALENDAR_YEAR_MISSING` naming the year for a day it cannot know.
   */
  private codeAt(i: number): number {
    if (i >= this.codes.length && i >= 0 && this.measures !== undefined && this.years.length > 0) {
      this.growTo(yearOfDayNumber(this.base + i))
    }
    const code = this.codes[i] ?? MISSING
    if (code === MISSING) throw yearMissing(yearOfDayNumber(this.base + i))
    return code
  }

  /** Throws `CALENDAR_YEAR_MISSING` for the first year among table indices first..last neither declared nor provisional. */
  private ensureDeclared(first: number, last: number): void {
    const from = yearOfDayNumber(this.base + first)
    const to = yearOfDayNumber(this.base + last)
    for (let year = from; year <= to; year++) {
      if (!this.years.includes(year) && !this.provisional.some((p) => p.year === year)) throw yearMissing(year)
    }
  }

  /** Records, while `observe` runs, the provisional years among table indices first..last. */
  private touch(first: number, last: number): void {
    if (!this.observed) return
    for (const p of this.provisional) if (p.first <= last && p.last >= first) this.observed.add(p.year)
  }

  /**
   * Extends the table by the provisional years after its last one up to `year` (and, so that a long walk does not
   * grow it one year at a time, as many again as it holds, while they can be derived); throws naming the first
   * year up to `year` it cannot derive.
   */
  private growTo(year: number): void {
    const lastYear = yearOfDayNumber(this.base + this.codes.length - 1)
    if (year <= lastYear) return
    const ahead = Math.max(year, lastYear + (lastYear - (this.years[0] ?? lastYear) + 1))
    const derived: CalendarYearData[] = []
    for (let y = lastYear + 1; y <= ahead; y++) {
      try {
        derived.push(deriveProvisionalYear(this.measures as HolidayMeasures, y))
      } catch (e) {
        if (y <= year || !(e instanceof XingquanError)) throw e
        break
      }
    }
    const last = derived[derived.length - 1]?.year ?? year
    const oldLength = this.codes.length
    const length = toDayNumber(`${String(last).padStart(4, '0')}-12-31`) + 1 - this.base
    const codes = new Uint8Array(length).fill(MISSING)
    codes.set(this.codes)
    this.codes = codes
    const working = new Int32Array(length + 1)
    working.set(this.working)
    this.working = working
    for (const data of derived) this.applyProvisional(data.year, true, data)
    this.countFrom(oldLength)
  }

  /** Fills the running count of working days from table index `from` on. */
  private countFrom(from: number): void {
    for (let i = from; i < this.codes.length; i++) {
      this.working[i + 1] = (this.working[i] ?? 0) + (isWorking(this.codes[i] ?? MISSING) ? 1 : 0)
    }
  }

  /** Marks a provisional year in the table; a gap year that cannot be derived stays missing unless `strict`. */
  private applyProvisional(year: number, strict: boolean, derived?: CalendarYearData): void {
    if (this.measures === undefined) return
    let data = derived
    if (!data) {
      try {
        data = deriveProvisionalYear(this.measures, year)
      } catch (e) {
        if (strict || !(e instanceof XingquanError)) throw e
        return
      }
    }
    this.applyNational(data)
    const first = toDayNumber(`${String(year).padStart(4, '0')}-01-01`) - this.base
    const last = toDayNumber(`${String(year).padStart(4, '0')}-12-31`) - this.base
    this.provisional.push({ year, first, last })
  }

  private applyNational(data: CalendarYearData): void {
    const start = toDayNumber(`${String(data.year).padStart(4, '0')}-01-01`)
    const end = toDayNumber(`${String(data.year).padStart(4, '0')}-12-31`) + 1
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
      if (seen.has(key))
        problems.push(
          conflict(
            originOf(layer),
            '/year',
            `${layer.jurisdiction} 的 ${layer.year} 年地方层重复`,
            `the local layer ${key} is given twice`,
          ),
        )
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
          problems.push(
            conflict(
              originOf(layer),
              `/workdays/${k}/date`,
              `${w.date} 已是放假日（${this.names.get(d - this.base) ?? '地方层'}），地方不能改为上班`,
              `${w.date} is already a holiday (${this.names.get(d - this.base) ?? 'a local layer'}); a local layer cannot make it a working day`,
            ),
          )
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
