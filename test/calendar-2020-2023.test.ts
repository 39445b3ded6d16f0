/**
 * The 2020–2023 national calendar, against the State Council's notices typed again here by hand, so that cases
 * opened in 2017–2019 and evaluated today count their working days through these years. 2020 is the calendar
 * actually in force: 国办发明电〔2020〕1号 extended the Spring Festival to 2月2日, which took away the 2月1日 (六)
 * make-up working day of 国办发明电〔2019〕16号.
 */
import { describe, expect, it } from 'vitest'
import { Calendar } from '../src/calendar/calendar.js'
import { addDays, isWeekend } from '../src/calendar/iso-date.js'

const calendar = Calendar.load()

const NOTICES: Record<number, { off: [string, string][]; work: string[] }> = {
  // 国办发明电〔2019〕16号; 春节 extended to 02-02 by 国办发明电〔2020〕1号, so 02-01 is no longer worked
  2020: {
    off: [
      ['01-01', '01-01'],
      ['01-24', '02-02'],
      ['04-04', '04-06'],
      ['05-01', '05-05'],
      ['06-25', '06-27'],
      ['10-01', '10-08'],
    ],
    work: ['01-19', '04-26', '05-09', '06-28', '09-27', '10-10'],
  },
  // 国办发明电〔2020〕27号
  2021: {
    off: [
      ['01-01', '01-03'],
      ['02-11', '02-17'],
      ['04-03', '04-05'],
      ['05-01', '05-05'],
      ['06-12', '06-14'],
      ['09-19', '09-21'],
      ['10-01', '10-07'],
    ],
    work: ['02-07', '02-20', '04-25', '05-08', '09-18', '09-26', '10-09'],
  },
  // 国办发明电〔2021〕11号; 12-31 (元旦 2023) by 国办发明电〔2022〕16号
  2022: {
    off: [
      ['01-01', '01-03'],
      ['01-31', '02-06'],
      ['04-03', '04-05'],
      ['04-30', '05-04'],
      ['06-03', '06-05'],
      ['09-10', '09-12'],
      ['10-01', '10-07'],
      ['12-31', '12-31'],
    ],
    work: ['01-29', '01-30', '04-02', '04-24', '05-07', '10-08', '10-09'],
  },
  // 国办发明电〔2022〕16号
  2023: {
    off: [
      ['01-01', '01-02'],
      ['01-21', '01-27'],
      ['04-05', '04-05'],
      ['04-29', '05-03'],
      ['06-22', '06-24'],
      ['09-29', '10-06'],
    ],
    work: ['01-28', '01-29', '04-23', '05-06', '06-25', '10-07', '10-08'],
  },
}

describe('the 2020–2023 calendar', () => {
  it.each([2020, 2021, 2022, 2023])('%i agrees with its notice on every day', (year) => {
    const { off, work } = NOTICES[year]!
    const holiday = (d: string) => off.some(([from, to]) => d >= `${year}-${from}` && d <= `${year}-${to}`)
    const mismatches: string[] = []
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
      const expected = work.includes(d.slice(5))
        ? 'makeup-workday'
        : holiday(d)
          ? 'holiday'
          : isWeekend(d)
            ? 'weekend'
            : 'workday'
      if (calendar.dayKind(d) !== expected) mismatches.push(`${d}: ${calendar.dayKind(d)} ≠ ${expected}`)
    }
    expect(mismatches).toEqual([])
  })

  it('counts 249 working days in 2020, 250 in 2021, 249 in 2022 and in 2023', () => {
    // weekdays − holidays on weekdays + make-up days: 262−19+6, 261−18+7, 260−18+7, 260−18+7
    expect(calendar.countWorkingDays('2019-12-31', '2020-12-31')).toBe(249)
    expect(calendar.countWorkingDays('2020-12-31', '2021-12-31')).toBe(250)
    expect(calendar.countWorkingDays('2021-12-31', '2022-12-31')).toBe(249)
    expect(calendar.countWorkingDays('2022-12-31', '2023-12-31')).toBe(249)
    // a case open since 2019 counts straight through to 2024
    expect(calendar.countWorkingDays('2019-12-31', '2023-12-31')).toBe(997)
    expect(calendar.addWorkingDays('2019-12-31', 997)).toBe('2023-12-29')
  })

  it('2020: the Spring Festival as extended by 国办发明电〔2020〕1号', () => {
    // 1-23 (四) is day 1; 1-24..2-2 rest (2-1 (六) no longer worked); 2-3..2-6 days 2–5.
    // (By the original notice alone it would have been 2-4: 1-23, 1-31, 2-1, 2-3, 2-4.)
    expect(calendar.addWorkingDays('2020-01-22', 5)).toBe('2020-02-06')
    expect(calendar.addWorkingDays('2020-01-23', 1)).toBe('2020-02-03')
    expect(calendar.countWorkingDays('2020-01-23', '2020-02-03')).toBe(1)
    expect(calendar.dayKind('2020-01-31')).toBe('holiday')
    expect(calendar.dayKind('2020-02-01')).toBe('holiday')
    expect(calendar.dayKind('2020-02-02')).toBe('holiday')
    expect(calendar.dayKind('2020-02-03')).toBe('workday')
    expect(calendar.holidayName('2020-01-30')).toBe('春节')
    expect(calendar.holidayName('2020-02-01')).toBe('春节（延长假期，国办发明电〔2020〕1号）')
    expect(calendar.nextWorkingDayOnOrAfter('2020-01-24')).toBe('2020-02-03')
    // 民法典 第二百零三条: a period ending in the extended holiday runs on to 2-3
    expect(calendar.addCalendarDays('2020-01-22', 10)).toBe('2020-02-03')
  })

  it('2022: the make-up weekend 1-29 (六) and 1-30 (日) before the Spring Festival', () => {
    expect(calendar.dayKind('2022-01-29')).toBe('makeup-workday')
    expect(calendar.dayKind('2022-01-30')).toBe('makeup-workday')
    expect(calendar.countWorkingDays('2022-01-28', '2022-02-07')).toBe(3)
    expect(calendar.addWorkingDays('2022-01-27', 5)).toBe('2022-02-08') // 1-28, 1-29, 1-30, 2-7, 2-8
  })

  it('2022-12-31 (六) is 元旦 2023, declared by the 2023 notice', () => {
    expect(calendar.dayKind('2022-12-31')).toBe('holiday')
    expect(calendar.holidayName('2022-12-31')).toBe('元旦（2023年，国办发明电〔2022〕16号）')
    expect(calendar.addWorkingDays('2022-12-30', 1)).toBe('2023-01-03')
  })
})

// Each row: [what it crosses, from, n, expected] — expected dates worked out by hand on a paper calendar.
const WORKING: [string, string, number, string][] = [
  // 2020
  ['元旦 2020: across the year end', '2019-12-31', 1, '2020-01-02'],
  ['春节 2020: lands on 1月19日 (日, 调休上班)', '2020-01-17', 1, '2020-01-19'],
  ['清明 2020: 4月4–6日 skipped', '2020-04-03', 1, '2020-04-07'],
  ['劳动节 2020: lands on 4月26日 (日, 调休上班)', '2020-04-24', 1, '2020-04-26'],
  ['劳动节 2020: 5月1–5日 skipped', '2020-04-30', 1, '2020-05-06'],
  ['劳动节 2020: lands on 5月9日 (六, 调休上班)', '2020-04-30', 4, '2020-05-09'],
  ['端午 2020: 6月25–27日 skipped, lands on 6月28日 (日, 调休上班)', '2020-06-24', 1, '2020-06-28'],
  ['国庆中秋 2020: lands on 9月27日 (日, 调休上班)', '2020-09-25', 1, '2020-09-27'],
  ['国庆中秋 2020: 10月1–8日 skipped', '2020-09-30', 1, '2020-10-09'],
  ['国庆中秋 2020: lands on 10月10日 (六, 调休上班)', '2020-09-30', 2, '2020-10-10'],
  // 2021
  ['元旦 2021: 1月1–3日 skipped', '2020-12-31', 1, '2021-01-04'],
  ['春节 2021: lands on 2月7日 (日, 调休上班)', '2021-02-05', 1, '2021-02-07'],
  ['春节 2021: 2月11–17日 skipped', '2021-02-10', 1, '2021-02-18'],
  ['春节 2021: lands on 2月20日 (六, 调休上班)', '2021-02-10', 3, '2021-02-20'],
  ['清明 2021: 4月3–5日 skipped', '2021-04-02', 1, '2021-04-06'],
  ['劳动节 2021: lands on 4月25日 (日, 调休上班)', '2021-04-23', 1, '2021-04-25'],
  ['劳动节 2021: 5月1–5日 skipped, lands on 5月8日 (六, 调休上班)', '2021-04-30', 3, '2021-05-08'],
  ['端午 2021: 6月12–14日 skipped', '2021-06-11', 1, '2021-06-15'],
  ['中秋 2021: lands on 9月18日 (六, 调休上班)', '2021-09-17', 1, '2021-09-18'],
  ['中秋 2021: 9月19–21日 skipped', '2021-09-17', 2, '2021-09-22'],
  ['国庆 2021: lands on 9月26日 (日, 调休上班)', '2021-09-24', 1, '2021-09-26'],
  ['国庆 2021: 10月1–7日 skipped', '2021-09-30', 1, '2021-10-08'],
  ['国庆 2021: lands on 10月9日 (六, 调休上班)', '2021-09-30', 2, '2021-10-09'],
  // 2022
  ['元旦 2022: 1月1–3日 skipped', '2021-12-31', 1, '2022-01-04'],
  ['春节 2022: 1月29日 (六, 调休上班)', '2022-01-28', 1, '2022-01-29'],
  ['春节 2022: 1月30日 (日, 调休上班)', '2022-01-28', 2, '2022-01-30'],
  ['春节 2022: 1月31日–2月6日 skipped', '2022-01-28', 3, '2022-02-07'],
  ['清明 2022: lands on 4月2日 (六, 调休上班)', '2022-04-01', 1, '2022-04-02'],
  ['清明 2022: 4月3–5日 skipped', '2022-04-01', 2, '2022-04-06'],
  ['劳动节 2022: lands on 4月24日 (日, 调休上班)', '2022-04-22', 1, '2022-04-24'],
  ['劳动节 2022: 4月30日–5月4日 skipped', '2022-04-29', 1, '2022-05-05'],
  ['劳动节 2022: lands on 5月7日 (六, 调休上班)', '2022-04-29', 3, '2022-05-07'],
  ['端午 2022: 6月3–5日 skipped', '2022-06-02', 1, '2022-06-06'],
  ['中秋 2022: 9月10–12日 skipped', '2022-09-09', 1, '2022-09-13'],
  ['国庆 2022: 10月1–7日 skipped, lands on 10月8日 (六, 调休上班)', '2022-09-30', 1, '2022-10-08'],
  ['国庆 2022: lands on 10月9日 (日, 调休上班)', '2022-09-30', 2, '2022-10-09'],
  ['国庆 2022: after the make-up weekend', '2022-09-30', 3, '2022-10-10'],
  // 2023
  ['元旦 2023: 12月31日–1月2日 skipped', '2022-12-30', 1, '2023-01-03'],
  ['春节 2023: 1月21–27日 skipped, lands on 1月28日 (六, 调休上班)', '2023-01-20', 1, '2023-01-28'],
  ['春节 2023: lands on 1月29日 (日, 调休上班)', '2023-01-20', 2, '2023-01-29'],
  ['春节 2023: after the make-up weekend', '2023-01-20', 3, '2023-01-30'],
  ['清明 2023: 4月5日 skipped', '2023-04-04', 1, '2023-04-06'],
  ['劳动节 2023: lands on 4月23日 (日, 调休上班)', '2023-04-21', 1, '2023-04-23'],
  ['劳动节 2023: 4月29日–5月3日 skipped', '2023-04-28', 1, '2023-05-04'],
  ['劳动节 2023: lands on 5月6日 (六, 调休上班)', '2023-04-28', 3, '2023-05-06'],
  ['端午 2023: 6月22–24日 skipped, lands on 6月25日 (日, 调休上班)', '2023-06-21', 1, '2023-06-25'],
  ['中秋国庆 2023: 9月29日–10月6日 skipped, lands on 10月7日 (六, 调休上班)', '2023-09-28', 1, '2023-10-07'],
  ['中秋国庆 2023: lands on 10月8日 (日, 调休上班)', '2023-09-28', 2, '2023-10-08'],
  ['中秋国庆 2023: after the make-up weekend', '2023-09-28', 3, '2023-10-09'],
  ['元旦 2024: across the year end', '2023-12-29', 1, '2024-01-02'],
]

describe('addWorkingDays across the 2020–2023 holidays and make-up days', () => {
  it.each(WORKING)('%s: %s + %i → %s', (_what, from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected)
    expect(calendar.countWorkingDays(from, expected)).toBe(n)
    expect(calendar.isWorkingDay(expected)).toBe(true)
  })
})
