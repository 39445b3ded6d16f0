/** The legal working-day calendar: every 2024–2026 holiday and make-up day, missing years, local layers, bad files. */

import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Calendar } from '../src/calendar/calendar.js'
import type { CalendarYearData } from '../src/calendar/calendar-year-data.js'
import { addDays, dateOf, fromDayNumber, isIsoDate, toDayNumber, weekday } from '../src/calendar/iso-date.js'
import { DEFAULT_CALENDAR_DIR, readCalendarYearFile } from '../src/calendar/load-calendar.js'
import { validateCalendarYear } from '../src/calendar/validate-calendar-year.js'
import { caught } from './support/caught.js'

const RULES = fileURLToPath(new URL('../rules/calendar', import.meta.url))
const SCHEMA = fileURLToPath(new URL('../schemas/calendar-year.schema.json', import.meta.url))
const LOCAL = fileURLToPath(new URL('./fixtures/calendar-local', import.meta.url))
const calendar = Calendar.load()

// The notices, typed again here by hand from their text (not read from rules/), as the oracle.
const NOTICES: Record<number, { holidays: [string, string, string][]; workdays: string[] }> = {
  2024: {
    holidays: [
      ['元旦', '2024-01-01', '2024-01-01'],
      ['春节', '2024-02-10', '2024-02-17'],
      ['清明节', '2024-04-04', '2024-04-06'],
      ['劳动节', '2024-05-01', '2024-05-05'],
      ['端午节', '2024-06-10', '2024-06-10'],
      ['中秋节', '2024-09-15', '2024-09-17'],
      ['国庆节', '2024-10-01', '2024-10-07'],
    ],
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  2025: {
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
}

describe('the shipped national calendar', () => {
  it('declares exactly 2017–2026 (2017–2019 the years the 阿坝州办法 was in force, 2020–2023 so those cases count on), each citing its State Council notice', () => {
    expect(calendar.years).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    expect(
      readdirSync(RULES)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([
      '2017.json',
      '2018.json',
      '2019.json',
      '2020.json',
      '2021.json',
      '2022.json',
      '2023.json',
      '2024.json',
      '2025.json',
      '2026.json',
    ])
    const sources = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map(
      (y) => readCalendarYearFile(join(RULES, `${y}.json`)).source,
    )
    expect(sources.map((s) => [s.number, s.issuedOn])).toEqual([
      ['国办发明电〔2016〕17号', '2016-12-01'],
      ['国办发明电〔2017〕12号', '2017-11-30'],
      ['国办发明电〔2018〕15号', '2018-12-04'],
      ['国办发明电〔2019〕16号', '2019-11-21'],
      ['国办发明电〔2020〕27号', '2020-11-25'],
      ['国办发明电〔2021〕11号', '2021-10-25'],
      ['国办发明电〔2022〕16号', '2022-12-08'],
      ['国办发明电〔2023〕7号', '2023-10-25'],
      ['国办发明电〔2024〕12号', '2024-11-12'],
      ['国办发明电〔2025〕7号', '2025-11-04'],
    ])
  })

  it('agrees with the notices on every day of 2024–2026 (weekday from Date, holidays typed by hand)', () => {
    const mismatches: string[] = []
    for (const year of [2024, 2025, 2026]) {
      const notice = NOTICES[year]!
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10)
        const holiday = notice.holidays.find(([, from, to]) => from <= date && date <= to)
        const weekend = [0, 6].includes(new Date(t).getUTCDay())
        const expected = notice.workdays.includes(date)
          ? 'makeup-workday'
          : holiday
            ? 'holiday'
            : weekend
              ? 'weekend'
              : 'workday'
        if (calendar.dayKind(date) !== expected) mismatches.push(`${date}: ${calendar.dayKind(date)} ≠ ${expected}`)
        if (calendar.holidayName(date) !== holiday?.[0]) mismatches.push(`${date}: name ${calendar.holidayName(date)}`)
        if (calendar.isWorkingDay(date) !== (expected === 'workday' || expected === 'makeup-workday'))
          mismatches.push(`${date}: working`)
      }
    }
    expect(mismatches).toEqual([])
  })

  it('counts 251 working days in 2024 and 248 in 2025 and in 2026', () => {
    expect(calendar.countWorkingDays('2023-12-31', '2024-12-31')).toBe(251)
    expect(calendar.countWorkingDays('2024-12-31', '2025-12-31')).toBe(248)
    expect(calendar.countWorkingDays('2025-12-31', '2026-12-31')).toBe(248)
    expect(calendar.addWorkingDays('2023-12-31', 251)).toBe('2024-12-31')
    expect(calendar.addWorkingDays('2024-12-31', 248)).toBe('2025-12-31')
    expect(calendar.addWorkingDays('2025-12-31', 248)).toBe('2026-12-31')
  })
})

// Each row: [what it crosses, from, n, expected] — expected dates worked out by hand on a paper calendar.
const WORKING: [string, string, number, string][] = [
  // 2024
  ['元旦 2024: 1月1日 not counted', '2023-12-31', 1, '2024-01-02'],
  ['春节 2024: lands on 2月4日 (日, 调休上班)', '2024-02-02', 1, '2024-02-04'],
  ['春节 2024: 2月9日, then 2月18日 (日, 调休上班)', '2024-02-08', 2, '2024-02-18'],
  ['春节 2024: after the make-up Sunday', '2024-02-08', 3, '2024-02-19'],
  ['清明 2024: lands on 4月7日 (日, 调休上班)', '2024-04-02', 2, '2024-04-07'],
  ['劳动节 2024: 4月28日 (日) counts', '2024-04-26', 3, '2024-04-30'],
  ['劳动节 2024: lands on 5月11日 (六, 调休上班)', '2024-04-30', 6, '2024-05-11'],
  ['端午 2024: 6月10日 skipped', '2024-06-07', 1, '2024-06-11'],
  ['中秋 2024: lands on 9月14日 (六, 调休上班)', '2024-09-13', 1, '2024-09-14'],
  ['中秋 2024: 15–17 skipped', '2024-09-13', 2, '2024-09-18'],
  ['国庆 2024: 9月29日 (日) counts, 10月1–7日 skipped', '2024-09-27', 3, '2024-10-08'],
  ['国庆 2024: lands on 10月12日 (六, 调休上班)', '2024-09-27', 7, '2024-10-12'],
  // 2025
  ['元旦 2025: across the year end', '2024-12-31', 1, '2025-01-02'],
  ['春节 2025: 1月26日 (日) counts', '2025-01-24', 2, '2025-01-27'],
  ['春节 2025: 1月28日–2月4日 skipped', '2025-01-24', 3, '2025-02-05'],
  ['春节 2025: lands on 2月8日 (六, 调休上班)', '2025-01-24', 6, '2025-02-08'],
  ['清明 2025: 4–6 skipped', '2025-04-03', 1, '2025-04-07'],
  ['劳动节 2025: lands on 4月27日 (日, 调休上班)', '2025-04-25', 1, '2025-04-27'],
  ['劳动节 2025: 5月1–5日 skipped', '2025-04-25', 5, '2025-05-06'],
  ['端午 2025: 5月31日–6月2日 skipped', '2025-05-30', 1, '2025-06-03'],
  ['国庆中秋 2025: lands on 9月28日 (日, 调休上班)', '2025-09-26', 1, '2025-09-28'],
  ['国庆中秋 2025: lands on 10月11日 (六, 调休上班)', '2025-09-26', 6, '2025-10-11'],
  ['国庆中秋 2025: the known check, 20 working days', '2025-09-26', 20, '2025-10-30'],
  // 2026
  ['元旦 2026: 1–3 skipped, 1月4日 (日, 调休上班)', '2025-12-31', 1, '2026-01-04'],
  ['春节 2026: lands on 2月14日 (六, 调休上班)', '2026-02-12', 2, '2026-02-14'],
  ['春节 2026: 2月15–23日 skipped', '2026-02-13', 2, '2026-02-24'],
  ['春节 2026: lands on 2月28日 (六, 调休上班)', '2026-02-23', 5, '2026-02-28'],
  ['春节 2026: 3月1日 (日) is a rest day', '2026-02-23', 6, '2026-03-02'],
  ['清明 2026: 4–6 skipped', '2026-04-03', 1, '2026-04-07'],
  ['劳动节 2026: lands on 5月9日 (六, 调休上班)', '2026-04-30', 4, '2026-05-09'],
  ['端午 2026: 19–21 skipped', '2026-06-18', 1, '2026-06-22'],
  ['国庆 2026: lands on 9月20日 (日, 调休上班)', '2026-09-18', 1, '2026-09-20'],
  ['中秋 2026: 25–27 skipped', '2026-09-24', 1, '2026-09-28'],
  ['国庆 2026: 10月1–7日 skipped', '2026-09-24', 4, '2026-10-08'],
  ['国庆 2026: lands on 10月10日 (六, 调休上班)', '2026-09-24', 6, '2026-10-10'],
  ['the last declared day', '2026-12-30', 1, '2026-12-31'],
]

describe('addWorkingDays', () => {
  it.each(WORKING)('%s: %s + %i working days = %s', (_what, from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected)
    expect(calendar.addWorkingDays(from, n, { skip: () => false })).toBe(expected)
    expect(calendar.countWorkingDays(from, expected)).toBe(n)
  })

  it('does not count the start day, and n = 0 returns it unchanged', () => {
    expect(calendar.addWorkingDays('2025-10-09', 1)).toBe('2025-10-10')
    expect(calendar.addWorkingDays('2025-10-03', 0)).toBe('2025-10-03')
  })

  it('stops the clock on skipped days', () => {
    // 2025-10-09 and -10 stopped (补正): 9-28, 9-29, 9-30, then 10-11 (六, 调休上班)
    const stopped = new Set(['2025-10-09', '2025-10-10'])
    expect(calendar.addWorkingDays('2025-09-26', 4, { skip: (d) => stopped.has(d) })).toBe('2025-10-11')
    expect(calendar.countWorkingDays('2025-09-26', '2025-10-11', { skip: (d) => stopped.has(d) })).toBe(4)
    expect(calendar.addWorkingDays('2025-09-26', 4)).toBe('2025-10-09')
  })

  it('refuses a negative or fractional n', () => {
    expect(caught(() => calendar.addWorkingDays('2025-01-02', -1)).code).toBe('ARGUMENT_INVALID')
    expect(caught(() => calendar.addWorkingDays('2025-01-02', 1.5)).code).toBe('ARGUMENT_INVALID')
    expect(caught(() => calendar.addCalendarDays('2025-01-02', -1)).code).toBe('ARGUMENT_INVALID')
  })
})

// [what, from, n calendar days, expected after 第二百零三条 roll-forward]
const CALENDAR_DAYS: [string, string, number, string][] = [
  ['春节 2024: ends 2月12日 (holiday) → 2月18日 (日, 调休上班)', '2024-02-05', 7, '2024-02-18'],
  ['清明 2024: ends 4月4日 → 4月7日 (日, 调休上班)', '2024-04-01', 3, '2024-04-07'],
  ['端午 2024: ends 6月8日 (六) → past 6月10日 to 6月11日', '2024-06-07', 1, '2024-06-11'],
  ['国庆 2024: ends 10月1日 → 10月8日', '2024-09-24', 7, '2024-10-08'],
  ['春节 2025: ends 1月30日 → 2月5日', '2025-01-20', 10, '2025-02-05'],
  ['端午 2025: ends 5月31日 → 6月3日', '2025-05-29', 2, '2025-06-03'],
  ['国庆中秋 2025: ends 10月8日 → 10月9日', '2025-09-30', 8, '2025-10-09'],
  ['元旦 2026: ends 1月3日 (六) → 1月4日 (日, 调休上班)', '2025-12-04', 30, '2026-01-04'],
  ['春节 2026: ends 2月20日 → 2月24日', '2026-02-13', 7, '2026-02-24'],
  ['清明 2026: ends 4月4日 → 4月7日', '2026-04-02', 2, '2026-04-07'],
  ['中秋 2026: ends 9月25日 → 9月28日', '2026-09-20', 5, '2026-09-28'],
  ['a working last day stays', '2025-09-26', 2, '2025-09-28'],
  ['a plain weekday stays', '2025-03-03', 3, '2025-03-06'],
  ['a plain Sunday moves to Monday', '2025-03-06', 3, '2025-03-10'],
]

describe('addCalendarDays (民法典 第二百零三条)', () => {
  it.each(CALENDAR_DAYS)('%s: %s + %i days = %s', (_what, from, n, expected) => {
    expect(calendar.addCalendarDays(from, n)).toBe(expected)
    expect(calendar.addCalendarDays(from, n, { skip: () => false })).toBe(expected)
  })

  it('does not count skipped days, nor end on one', () => {
    // 9-27 stopped: 5 counted days end 10-02 (holiday) → 10-09; 10-09 also stopped → 10-10
    const stopped = new Set(['2025-09-27', '2025-10-09'])
    expect(calendar.addCalendarDays('2025-09-26', 5, { skip: (d) => stopped.has(d) })).toBe('2025-10-10')
    expect(calendar.addCalendarDays('2025-09-26', 5)).toBe('2025-10-09')
  })

  it('needs no holiday data for the days it only passes over', () => {
    expect(calendar.addCalendarDays('2016-12-20', 20)).toBe('2017-01-09')
  })
})

describe('countWorkingDays and nextWorkingDayOnOrAfter', () => {
  it('counts (from, to]: start excluded, end included, 0 when to <= from', () => {
    expect(calendar.countWorkingDays('2025-09-30', '2025-10-09')).toBe(1)
    expect(calendar.countWorkingDays('2024-04-26', '2024-05-12')).toBe(9)
    expect(calendar.countWorkingDays('2024-01-01', '2024-01-05')).toBe(4)
    expect(calendar.countWorkingDays('2025-10-09', '2025-10-09')).toBe(0)
    expect(calendar.countWorkingDays('2025-10-30', '2025-09-26')).toBe(0)
  })

  it('finds the first working day on or after a date', () => {
    expect(calendar.nextWorkingDayOnOrAfter('2026-01-03')).toBe('2026-01-04')
    expect(calendar.nextWorkingDayOnOrAfter('2024-01-01')).toBe('2024-01-02')
    expect(calendar.nextWorkingDayOnOrAfter('2025-10-01')).toBe('2025-10-09')
    expect(calendar.nextWorkingDayOnOrAfter('2025-10-09')).toBe('2025-10-09')
    expect(calendar.nextWorkingDayOnOrAfter('2026-02-14')).toBe('2026-02-14')
  })
})

describe('a year the calendar does not have (without the measures: nothing is provisional)', () => {
  const calendar = new Calendar(
    readdirSync(RULES)
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => readCalendarYearFile(join(RULES, f))),
  )
  it.each([
    ['dayKind 2027', () => calendar.dayKind('2027-01-04'), 2027],
    ['isWorkingDay 2016', () => calendar.isWorkingDay('2016-12-29'), 2016],
    ['holidayName 2016', () => calendar.holidayName('2016-10-01'), 2016],
    ['addWorkingDays counting 2016-12-30', () => calendar.addWorkingDays('2016-12-29', 1), 2016],
    ['addWorkingDays running into 2027', () => calendar.addWorkingDays('2026-12-30', 2), 2027],
    ['addWorkingDays far beyond 2026', () => calendar.addWorkingDays('2025-06-01', 1000), 2027],
    ['addWorkingDays with skip into 2027', () => calendar.addWorkingDays('2026-12-30', 2, { skip: () => false }), 2027],
    ['addCalendarDays ending in 2027', () => calendar.addCalendarDays('2026-12-30', 2), 2027],
    [
      'addCalendarDays skipping everything',
      () => calendar.addCalendarDays('2026-12-30', 2, { skip: () => true }),
      2027,
    ],
    ['countWorkingDays over 2016-12-31', () => calendar.countWorkingDays('2016-12-30', '2017-01-05'), 2016],
    ['countWorkingDays into 2027', () => calendar.countWorkingDays('2026-12-01', '2027-01-05'), 2027],
    ['nextWorkingDayOnOrAfter 2027', () => calendar.nextWorkingDayOnOrAfter('2027-01-01'), 2027],
  ] as const)('%s throws CALENDAR_YEAR_MISSING naming the year', (_what, fn, year) => {
    const e = caught(fn)
    expect(e.code).toBe('CALENDAR_YEAR_MISSING')
    expect(e.problems[0]?.zh).toBe(`日历缺少 ${year} 年的节假日安排（rules/calendar/${year}.json）`)
    expect(e.problems[0]?.en).toBe(`The calendar has no data for year ${year} (rules/calendar/${year}.json)`)
  })

  it('names the gap when a middle year is missing', () => {
    const years = [2024, 2026].map((y) => readCalendarYearFile(join(RULES, `${y}.json`)))
    const gappy = new Calendar(years)
    expect(gappy.years).toEqual([2024, 2026])
    expect(caught(() => gappy.addWorkingDays('2024-12-20', 30)).problems[0]?.zh).toContain('2025 年')
    expect(caught(() => gappy.countWorkingDays('2024-12-20', '2026-01-05')).problems[0]?.zh).toContain('2025 年')
    expect(gappy.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04')
  })

  it('throws for every date of an empty calendar', () => {
    expect(caught(() => new Calendar([]).isWorkingDay('2025-01-02')).code).toBe('CALENDAR_YEAR_MISSING')
  })

  it('refuses a malformed date rather than guessing', () => {
    expect(caught(() => calendar.dayKind('2025-02-29')).code).toBe('DATE_INVALID')
    expect(caught(() => calendar.addWorkingDays('2025/10/01', 1)).code).toBe('DATE_INVALID')
  })
})

describe('iso dates', () => {
  it('validates and converts dates without local time', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('2025-13-01')).toBe(false)
    expect(toDayNumber('1970-01-01')).toBe(0)
    expect(fromDayNumber(toDayNumber('2000-02-29'))).toBe('2000-02-29')
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01')
    expect(weekday('2025-10-11')).toBe(6)
    expect(weekday('2026-02-15')).toBe(0)
  })

  it('dateOf gives the date in China Standard Time (UTC+08:00)', () => {
    expect(dateOf('2025-09-30T16:00:00Z')).toBe('2025-10-01')
    expect(dateOf('2025-09-30T15:59:59.999Z')).toBe('2025-09-30')
    expect(dateOf('2025-10-01T00:00:00+08:00')).toBe('2025-10-01')
    expect(dateOf('2025-10-01T01:00:00+09:00')).toBe('2025-10-01')
    expect(dateOf('2025-10-01T00:59:00+09:00')).toBe('2025-09-30')
    expect(dateOf('2025-12-31T20:00:00-05:00')).toBe('2026-01-01')
    expect(dateOf('2024-02-28T16:30:00Z')).toBe('2024-02-29')
    expect(caught(() => dateOf('2025-10-01T10:00:00')).code).toBe('DATE_INVALID')
    expect(caught(() => dateOf('2025-02-30T10:00:00Z')).code).toBe('DATE_INVALID')
    expect(caught(() => dateOf('2025-10-01T25:00:00Z')).code).toBe('DATE_INVALID')
  })
})

describe('local layers (fixtures: fictional 藏历新年 and 羌历年 of 513200 阿坝州 and 513222 理县)', () => {
  const aba = Calendar.load(undefined, { jurisdictions: ['513200'], localDir: LOCAL })
  const abaLixian = Calendar.load(undefined, { jurisdictions: ['513200', '513222'], localDir: LOCAL })

  it('adds the local holidays and shifts a deadline', () => {
    expect(calendar.addWorkingDays('2025-02-27', 1)).toBe('2025-02-28')
    // 2-28 (五), 3-3 (一), 3-4 (二) are 藏历新年; 3-1, 3-2 a weekend
    expect(aba.addWorkingDays('2025-02-27', 1)).toBe('2025-03-05')
    expect(aba.addWorkingDays('2025-02-27', 3)).toBe('2025-03-07')
    expect(aba.holidayName('2025-03-03')).toBe('藏历新年')
    expect(aba.jurisdictions).toEqual(['513200'])
    expect(aba.years).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
  })

  it('applies a local make-up working day', () => {
    expect(calendar.dayKind('2025-03-08')).toBe('weekend')
    expect(aba.dayKind('2025-03-08')).toBe('makeup-workday')
    expect(aba.addWorkingDays('2025-02-27', 4)).toBe('2025-03-08')
  })

  it('stacks a county layer over the prefecture layer', () => {
    // 羌历年 11-20..22 in 513200; 11-24 (一) too in 513222
    expect(calendar.addWorkingDays('2025-11-19', 1)).toBe('2025-11-20')
    expect(aba.addWorkingDays('2025-11-19', 1)).toBe('2025-11-24')
    expect(abaLixian.addWorkingDays('2025-11-19', 1)).toBe('2025-11-25')
    expect(abaLixian.jurisdictions).toEqual(['513200', '513222'])
  })

  it('lets a local holiday fall on a national make-up Saturday', () => {
    expect(calendar.dayKind('2026-02-28')).toBe('makeup-workday')
    expect(aba.dayKind('2026-02-28')).toBe('holiday')
    // 2-20 in 春节 → past 春节 (to 23) and 藏历新年 (24–28) and Sunday 3-1 → 3-2
    expect(aba.addCalendarDays('2026-02-13', 7)).toBe('2026-03-02')
  })

  it('adds nothing for a jurisdiction without files, and refuses a malformed code', () => {
    expect(
      Calendar.load(undefined, { jurisdictions: ['513231'], localDir: LOCAL }).addWorkingDays('2025-02-27', 1),
    ).toBe('2025-02-28')
    expect(Calendar.load(undefined, { jurisdictions: ['513200'] }).addWorkingDays('2025-02-27', 1)).toBe('2025-02-28')
    expect(caught(() => Calendar.load(undefined, { jurisdictions: ['aba'] })).code).toBe('ARGUMENT_INVALID')
  })

  const national = [2024, 2025, 2026].map((y) => readCalendarYearFile(join(RULES, `${y}.json`)))
  const layer = (over: Partial<CalendarYearData>): CalendarYearData => ({
    year: 2025,
    jurisdiction: '513200',
    layer: 'local',
    source: { document: '测试', number: '测试〔2025〕9号', issuedOn: '2025-01-01' },
    holidays: [],
    workdays: [],
    ...over,
  })

  it('refuses a local working day on a national holiday', () => {
    const e = caught(() => new Calendar(national, [layer({ workdays: [{ date: '2025-10-04', name: '上班' }] })]))
    expect(e.code).toBe('CALENDAR_CONFLICT')
    expect(e.problems[0]).toMatchObject({ file: 'rules/calendar/local/513200/2025.json', pointer: '/workdays/0/date' })
  })

  it('refuses a local working day that another layer makes a holiday', () => {
    const county = layer({ jurisdiction: '513222', workdays: [{ date: '2025-03-01', name: '上班' }] })
    const prefecture = layer({ holidays: [{ name: '藏历新年', from: '2025-02-28', to: '2025-03-02' }] })
    expect(caught(() => new Calendar(national, [prefecture, county])).code).toBe('CALENDAR_CONFLICT')
  })

  it('refuses a layer for a year without national data, a duplicate layer, and a layer in the wrong place', () => {
    expect(caught(() => new Calendar(national, [layer({ year: 2027 })])).problems[0]).toMatchObject({
      code: 'CALENDAR_YEAR_MISSING',
      pointer: '/year',
    })
    expect(caught(() => new Calendar(national, [layer({}), layer({})])).code).toBe('CALENDAR_CONFLICT')
    expect(caught(() => new Calendar([...national, layer({})])).code).toBe('CALENDAR_CONFLICT')
    expect(caught(() => new Calendar(national, [national[1]!])).code).toBe('CALENDAR_CONFLICT')
  })
})

describe('calendar files', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  /** A calendar directory holding the shipped 2025 file, rewritten by `edit`, under `name`. */
  function dirWith(edit: (data: Record<string, any>) => unknown, name = '2025.json'): string {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-calendar-'))
    dirs.push(dir)
    const data = JSON.parse(readFileSync(join(RULES, '2025.json'), 'utf8')) as Record<string, any>
    const out = edit(data) ?? data
    writeFileSync(join(dir, name), typeof out === 'string' ? out : JSON.stringify(out, null, 2))
    return dir
  }

  it('the shipped files are valid against the schema', () => {
    for (const y of [2024, 2025, 2026]) {
      const text = readFileSync(join(RULES, `${y}.json`), 'utf8')
      expect(validateCalendarYear(JSON.parse(text), `${y}.json`, text)).toEqual([])
    }
    expect(DEFAULT_CALENDAR_DIR).toBe(RULES)
  })

  it.each([
    ['a missing property', (d: Record<string, any>) => void delete d.source.number, '/source', 'number'],
    ['an extra property', (d: Record<string, any>) => void Object.assign(d, { remark: 'x' }), '/remark', 'remark'],
    [
      'an impossible date',
      (d: Record<string, any>) => void Object.assign(d.holidays[1], { from: '2025-02-30' }),
      '/holidays/1/from',
      'date',
    ],
    ['an unknown layer', (d: Record<string, any>) => void Object.assign(d, { layer: 'county' }), '/layer', 'national'],
    [
      'a national layer that is not CN',
      (d: Record<string, any>) => void Object.assign(d, { jurisdiction: '513200' }),
      '/jurisdiction',
      'CN',
    ],
    [
      'a bad jurisdiction code',
      (d: Record<string, any>) => void Object.assign(d, { jurisdiction: 'SC' }),
      '/jurisdiction',
      'pattern',
    ],
  ])('%s is SCHEMA_INVALID with file, pointer and line', (_what, edit, pointer, mention) => {
    const e = caught(() => Calendar.load(dirWith(edit)))
    expect(e.code).toBe('SCHEMA_INVALID')
    const at = e.problems.filter((q) => q.pointer === pointer)
    expect(at.length, JSON.stringify(e.problems)).toBeGreaterThan(0)
    for (const p of at) {
      expect(p.file).toMatch(/2025\.json$/)
      expect(p.line).toBeGreaterThan(1)
    }
    expect(at.map((p) => `${p.zh} ${p.en}`).join(' ')).toContain(mention)
  })

  it('text that is not JSON is SCHEMA_INVALID', () => {
    const e = caught(() => Calendar.load(dirWith(() => '{ "year": 2025,')))
    expect(e.problems[0]).toMatchObject({ code: 'SCHEMA_INVALID', pointer: '' })
    expect(e.problems[0]!.file).toMatch(/2025\.json$/)
  })

  it.each([
    [
      'a date outside the file year',
      (d: Record<string, any>) => void Object.assign(d.holidays[0], { from: '2024-12-31' }),
      '/holidays/0/from',
    ],
    [
      'a span that ends before it starts',
      (d: Record<string, any>) => void Object.assign(d.holidays[1], { to: '2025-01-27' }),
      '/holidays/1',
    ],
    [
      'overlapping holidays',
      (d: Record<string, any>) => void d.holidays.push({ name: '重复', from: '2025-02-04', to: '2025-02-05' }),
      '/holidays/6',
    ],
    [
      'a day both holiday and make-up working day',
      (d: Record<string, any>) => void d.workdays.push({ date: '2025-10-04', name: '冲突' }),
      '/workdays/5/date',
    ],
    [
      'a make-up working day on a weekday',
      (d: Record<string, any>) => void Object.assign(d.workdays[0], { date: '2025-01-27' }),
      '/workdays/0/date',
    ],
    [
      'a make-up working day listed twice',
      (d: Record<string, any>) => void d.workdays.push({ ...d.workdays[0] }),
      '/workdays/5/date',
    ],
  ])('%s is CALENDAR_CONFLICT at its pointer', (_what, edit, pointer) => {
    const e = caught(() => Calendar.load(dirWith(edit)))
    expect(e.problems.map((p) => [p.code, p.pointer])).toContainEqual(['CALENDAR_CONFLICT', pointer])
    expect(e.problems[0]!.file).toMatch(/2025\.json$/)
  })

  it('a file named for another year, or not named for a year, is refused', () => {
    expect(caught(() => Calendar.load(dirWith(() => undefined, '2024.json'))).problems[0]).toMatchObject({
      code: 'CALENDAR_CONFLICT',
      pointer: '/year',
    })
    expect(caught(() => Calendar.load(dirWith(() => undefined, 'holidays-2025.json'))).code).toBe('CALENDAR_CONFLICT')
  })

  it('a local file in the national directory, or under the wrong code, is refused', () => {
    const localFile = (d: Record<string, any>) => void Object.assign(d, { layer: 'local', jurisdiction: '513200' })
    expect(caught(() => Calendar.load(dirWith(localFile))).problems[0]).toMatchObject({
      code: 'CALENDAR_CONFLICT',
      pointer: '/jurisdiction',
    })
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-calendar-'))
    dirs.push(dir)
    for (const y of [2024, 2025, 2026]) cpSync(join(RULES, `${y}.json`), join(dir, `${y}.json`))
    cpSync(join(LOCAL, '513200'), join(dir, 'local', '513222'), { recursive: true })
    expect(caught(() => Calendar.load(dir, { jurisdictions: ['513222'] })).problems[0]).toMatchObject({
      code: 'CALENDAR_CONFLICT',
      pointer: '/jurisdiction',
    })
    // the <dir>/local default: the same files under their own code load
    cpSync(join(LOCAL, '513200'), join(dir, 'local', '513200'), { recursive: true })
    expect(Calendar.load(dir, { jurisdictions: ['513200'] }).addWorkingDays('2025-02-27', 1)).toBe('2025-03-05')
  })

  it('two national files for one year are refused', () => {
    const y2025 = readCalendarYearFile(join(RULES, '2025.json'))
    expect(caught(() => new Calendar([y2025, y2025])).code).toBe('CALENDAR_CONFLICT')
  })

  it('a missing directory is CALENDAR_DIR_MISSING', () => {
    expect(caught(() => Calendar.load(join(tmpdir(), 'xingquan-no-such-dir'))).code).toBe('CALENDAR_DIR_MISSING')
  })

  it('loaded data is frozen', () => {
    const data = readCalendarYearFile(join(RULES, '2025.json'))
    expect(Object.isFrozen(data) && Object.isFrozen(data.holidays[0])).toBe(true)
  })

  it('the TypeScript shape follows the schema', () => {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'))
    // Every key of CalendarYearData, typed so that adding a field to the interface breaks this literal.
    const full: { [K in keyof Required<CalendarYearData>]: unknown } = {
      $schema: 0,
      year: 0,
      jurisdiction: 0,
      layer: 0,
      source: 0,
      holidays: 0,
      workdays: 0,
    }
    const source: { [K in keyof Required<CalendarYearData['source']>]: unknown } = {
      document: 0,
      number: 0,
      issuedOn: 0,
      url: 0,
    }
    const holiday: { [K in keyof CalendarYearData['holidays'][number]]: unknown } = { name: 0, from: 0, to: 0 }
    const workday: { [K in keyof CalendarYearData['workdays'][number]]: unknown } = { date: 0, name: 0 }
    const keys = (o: object) => Object.keys(o).sort()
    expect(keys(schema.properties)).toEqual(keys(full))
    expect(keys(schema.properties.source.properties)).toEqual(keys(source))
    expect(keys(schema.properties.holidays.items.properties)).toEqual(keys(holiday))
    expect(keys(schema.properties.workdays.items.properties)).toEqual(keys(workday))
    expect(schema.properties.layer.enum).toEqual(['national', 'local'])
  })
})
