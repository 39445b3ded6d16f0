/** The 2017–2019 national calendar, against the State Council's notices typed again here by hand: the years the 阿坝州办法 was in force. */
import { describe, expect, it } from 'vitest'
import { Calendar } from '../../src/calendar/calendar.js'
import { addDays, isWeekend } from '../../src/calendar/iso-date.js'

const calendar = Calendar.load()
const NOTICES: Record<number, { off: [string, string][]; work: string[] }> = {
  // 国办发明电〔2016〕17号
  2017: {
    off: [
      ['01-01', '01-02'],
      ['01-27', '02-02'],
      ['04-02', '04-04'],
      ['05-01', '05-01'],
      ['05-28', '05-30'],
      ['10-01', '10-08'],
    ],
    work: ['01-22', '02-04', '04-01', '05-27', '09-30'],
  },
  // 国办发明电〔2017〕12号; 12月29日至31日 by 国办发明电〔2018〕15号
  2018: {
    off: [
      ['01-01', '01-01'],
      ['02-15', '02-21'],
      ['04-05', '04-07'],
      ['04-29', '05-01'],
      ['06-18', '06-18'],
      ['09-24', '09-24'],
      ['10-01', '10-07'],
      ['12-30', '12-31'],
    ],
    work: ['02-11', '02-24', '04-08', '04-28', '09-29', '09-30', '12-29'],
  },
  // 国办发明电〔2018〕15号; 劳动节 by 国办发明电〔2019〕3号
  2019: {
    off: [
      ['01-01', '01-01'],
      ['02-04', '02-10'],
      ['04-05', '04-05'],
      ['05-01', '05-04'],
      ['06-07', '06-07'],
      ['09-13', '09-13'],
      ['10-01', '10-07'],
    ],
    work: ['02-02', '02-03', '04-28', '05-05', '09-29', '10-12'],
  },
}

describe('the 2017–2019 calendar', () => {
  it.each([2017, 2018, 2019])('%i agrees with its notice on every day', (year) => {
    const { off, work } = NOTICES[year]!
    const holiday = (d: string) => off.some(([from, to]) => d >= `${year}-${from}` && d <= `${year}-${to}`)
    const mismatches: string[] = []
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
      const expected = work.includes(d.slice(5)) || (!isWeekend(d) && !holiday(d))
      if (calendar.isWorkingDay(d) !== expected) mismatches.push(d)
    }
    expect(mismatches).toEqual([])
  })

  it('counts across 2018-12-29 (Saturday worked) and the 2019 New Year', () => {
    expect(calendar.addWorkingDays('2018-12-28', 1)).toBe('2018-12-29')
    expect(calendar.addWorkingDays('2018-12-28', 2)).toBe('2019-01-02')
  })

  it('a year before the declared ones is an error, never a guess', () => {
    expect(() => calendar.isWorkingDay('2016-06-01')).toThrow(/2016/)
  })
})
