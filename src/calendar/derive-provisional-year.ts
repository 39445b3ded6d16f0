/** A provisional calendar year: its holidays derived from 《全国年节及纪念日放假办法》, for a year without a notice. */

import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts'
import { XingquanError } from '../errors/xingquan-error.js'
import type { HolidayAnchor, HolidayMeasures, HolidayMeasuresVersion } from '../types/generated.js'
import type { CalendarYearData } from './calendar-year-data.js'
import { PROVISIONAL_NOTE } from './provisional-note.js'
import { fromDayNumber, toDayNumber, weekdayOfDayNumber, type IsoDate } from './iso-date.js'

/** The years the lunar and solar-term library can compute (tyme4ts: solar years 1–9999). */
export const DERIVABLE_YEARS = { first: 1, last: 9999 } as const

function cannotDerive(year: number, zh: string, en: string): XingquanError {
  return new XingquanError({
    code: 'CALENDAR_YEAR_MISSING',
    zh: `日历缺少 ${year} 年的节假日安排（rules/calendar/${year}.json），且无法推算：${zh}`,
    en: `The calendar has no data for year ${year} (rules/calendar/${year}.json) and cannot derive it: ${en}`,
  })
}

/**
 * The version of the measures in force for the whole of `year`, or why there is none: a year before the first
 * version, or one in which the measures changed (its holidays would mix two versions).
 * @example versionFor(measures, 2027).source.number // '国务院令第795号'
 */
export function versionFor(measures: HolidayMeasures, year: number): HolidayMeasuresVersion {
  const first = `${String(year).padStart(4, '0')}-01-01`
  const last = `${String(year).padStart(4, '0')}-12-31`
  const version = measures.versions.find((v) => v.effectiveFrom <= first && (v.effectiveUntil ?? '9999-12-31') >= last)
  if (version) return version
  const touching = measures.versions.filter(
    (v) => v.effectiveFrom <= last && (v.effectiveUntil ?? '9999-12-31') >= first,
  )
  if (touching.length > 0) {
    throw cannotDerive(
      year,
      `该年内《${measures.document}》有修改，节假日不能确定`,
      `the measures changed during that year, so its holidays are not known`,
    )
  }
  throw cannotDerive(
    year,
    `该年没有施行中的《${measures.document}》版本`,
    `no version of the measures was in force in that year`,
  )
}

function dayNumberOf(day: SolarDay): number {
  const iso = `${String(day.getYear()).padStart(4, '0')}-${String(day.getMonth()).padStart(2, '0')}-${String(day.getDay()).padStart(2, '0')}`
  return toDayNumber(iso)
}

function anchorDay(anchor: HolidayAnchor, year: number): number {
  let day: SolarDay
  if (anchor.calendar === 'solar') day = SolarDay.fromYmd(year, anchor.month ?? 1, anchor.day ?? 1)
  else if (anchor.calendar === 'lunar') day = LunarDay.fromYmd(year, anchor.month ?? 1, anchor.day ?? 1).getSolarDay()
  else day = SolarTerm.fromName(year, anchor.term ?? '').getSolarDay()
  return dayNumberOf(day) + (anchor.offsetDays ?? 0)
}

const isWeekend = (d: number): boolean => {
  const wd = weekdayOfDayNumber(d)
  return wd === 0 || wd === 6
}

/**
 * The holidays of a year without a notice, from the version of the measures in force in it: each holiday of all
 * citizens (第二条), and for each of its days on a Saturday or Sunday a make-up rest day (第六条) on the next
 * weekday that is not already a rest day. No make-up working days (调休上班): only a notice sets those.
 * Throws `CALENDAR_YEAR_MISSING` naming the year when it cannot be derived.
 * @example deriveProvisionalYear(measures, 2027).holidays[1] // { name: '春节', from: '2027-02-05', to: '2027-02-08' }
 */
export function deriveProvisionalYear(measures: HolidayMeasures, year: number): CalendarYearData {
  if (!Number.isSafeInteger(year) || year < DERIVABLE_YEARS.first || year > DERIVABLE_YEARS.last) {
    throw cannotDerive(
      year,
      `超出农历与节气的可计算范围（${DERIVABLE_YEARS.first}–${DERIVABLE_YEARS.last} 年）`,
      `outside the years the lunar calendar and the solar terms can be computed for (${DERIVABLE_YEARS.first}–${DERIVABLE_YEARS.last})`,
    )
  }
  const version = versionFor(measures, year)
  const names = new Map<number, string>()
  const add = (d: number, name: string): void => {
    const previous = names.get(d)
    names.set(d, previous === undefined || previous === name ? name : `${previous}、${name}`)
  }
  for (const holiday of version.holidays) {
    const first = anchorDay(holiday.first, year)
    for (let k = 0; k < holiday.days; k++) add(first + k, holiday.name)
  }
  const holidayDays = [...names.keys()].sort((a, b) => a - b)
  for (const d of holidayDays) {
    if (!isWeekend(d)) continue
    let makeUp = d + 1
    while (isWeekend(makeUp) || names.has(makeUp)) makeUp++
    add(makeUp, `${(names.get(d) ?? '').split('、')[0]}补假`)
  }
  const days = [...names.keys()].sort((a, b) => a - b)
  const holidays: { name: string; from: IsoDate; to: IsoDate }[] = []
  for (const d of days) {
    const name = names.get(d) as string
    const last = holidays[holidays.length - 1]
    if (last && last.name === name && toDayNumber(last.to) === d - 1) last.to = fromDayNumber(d)
    else holidays.push({ name, from: fromDayNumber(d), to: fromDayNumber(d) })
  }
  const outside = holidays.find((h) => Number(h.from.slice(0, 4)) !== year || Number(h.to.slice(0, 4)) !== year)
  if (outside) throw cannotDerive(year, `${outside.name} 跨入另一年`, `${outside.name} would fall into another year`)
  return {
    year,
    jurisdiction: 'CN',
    layer: 'national',
    source: {
      document: `${measures.document}（${PROVISIONAL_NOTE.zh}）`,
      number: version.source.number,
      issuedOn: version.source.issuedOn,
    },
    holidays,
    workdays: [],
  }
}
