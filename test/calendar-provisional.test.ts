/** A year without a notice is provisional: derived from 《全国年节及纪念日放假办法》 (version in force), and said so everywhere. */

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Calendar } from '../src/calendar/calendar.js'
import { readCalendarYearFile } from '../src/calendar/load-calendar.js'
import { deriveProvisionalYear, versionFor } from '../src/calendar/derive-provisional-year.js'
import { caught } from './support/caught.js'
import { loadEnvironment } from '../src/evaluation/environment.js'
import { replayCase } from '../src/evaluation/replay.js'
import { lintCalendar } from '../src/lint/lint-calendar.js'
import type { HolidayMeasures } from '../src/types/generated.js'
import { accepted, caseFile } from './support/case-builder.js'
import { noticeOf } from './notices/harness.js'

const RULES = fileURLToPath(new URL('../rules/calendar', import.meta.url))
const measures = JSON.parse(readFileSync(join(RULES, 'measures', 'holiday-measures.json'), 'utf8')) as HolidayMeasures
const declared = readdirSync(RULES)
  .filter((f) => /^\d{4}\.json$/.test(f))
  .map((f) => readCalendarYearFile(join(RULES, f)))
const calendar = Calendar.load()

describe('2027 under 国务院令第795号 (no notice yet)', () => {
  const y2027 = deriveProvisionalYear(measures, 2027)
  it('each holiday of all citizens (第二条), and a weekend one made up on the next working day (第六条)', () => {
    expect(y2027.holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-01' }, // a Friday
      { name: '春节', from: '2027-02-05', to: '2027-02-08' }, // 除夕 (Friday) to 初三; 初一 and 初二 a Saturday and a Sunday
      { name: '春节补假', from: '2027-02-09', to: '2027-02-10' },
      { name: '清明节', from: '2027-04-05', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-02' }, // Saturday and Sunday
      { name: '劳动节补假', from: '2027-05-03', to: '2027-05-04' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-03' },
      { name: '国庆节补假', from: '2027-10-04', to: '2027-10-05' },
    ])
    expect(y2027.workdays).toEqual([])
    expect(y2027.source.number).toBe('国务院令第795号')
  })

  it('counts across 春节 and 国庆节 of 2027, with every weekend a rest day (no 调休上班)', () => {
    expect(calendar.isProvisional(2027)).toBe(true)
    expect(calendar.isProvisional(2026)).toBe(false)
    expect(calendar.addWorkingDays('2027-02-04', 1)).toBe('2027-02-11')
    expect(calendar.holidayName('2027-02-10')).toBe('春节补假')
    expect(calendar.dayKind('2027-02-20')).toBe('weekend')
    expect(calendar.addWorkingDays('2027-09-30', 1)).toBe('2027-10-06')
    expect(calendar.countWorkingDays('2027-04-30', '2027-05-07')).toBe(3)
    // 民法典 第二百零三条: a calendar-day period ending on 2027-10-01 moves to the first working day after the holidays
    expect(calendar.addCalendarDays('2027-09-01', 30)).toBe('2027-10-06')
  })

  it('tells which computations counted a provisional day', () => {
    expect(calendar.observe(() => calendar.addWorkingDays('2026-12-15', 20))).toEqual({
      result: '2027-01-13',
      provisionalYears: [2027],
    })
    expect(calendar.observe(() => calendar.addWorkingDays('2026-09-25', 20))).toEqual({
      result: '2026-10-29',
      provisionalYears: [],
    })
    expect(calendar.observe(() => calendar.countWorkingDays('2026-12-31', '2028-01-04')).provisionalYears).toEqual([
      2027, 2028,
    ])
  })
})

describe('the version of the measures in force in the year', () => {
  it('a year under 国务院令第644号 (2014–2024) has 春节 3 days from 初一 and 劳动节 1 day', () => {
    expect(versionFor(measures, 2020).source.number).toBe('国务院令第644号')
    const y2020 = deriveProvisionalYear(measures, 2020)
    expect(y2020.holidays.slice(1, 3)).toEqual([
      { name: '春节', from: '2020-01-25', to: '2020-01-27' }, // 初一 a Saturday, 初二 a Sunday
      { name: '春节补假', from: '2020-01-28', to: '2020-01-29' },
    ])
    expect(y2020.holidays.find((h) => h.name === '劳动节')).toEqual({
      name: '劳动节',
      from: '2020-05-01',
      to: '2020-05-01',
    })
    // 中秋节 on 国庆节 (2020-10-01): one rest day, no make-up for the coincidence
    expect(y2020.holidays.find((h) => h.from === '2020-10-01')?.name).toBe('中秋节、国庆节')
  })

  it('a gap year among the notices is derived from the version in force in it', () => {
    const gappy = new Calendar(
      declared.filter((d) => d.year !== 2020),
      [],
      { measures },
    )
    expect(gappy.isProvisional(2020)).toBe(true)
    // 01-24 (除夕, a working day under 第644号), then 春节 01-25…27 and its two make-up days: 01-30
    expect(gappy.observe(() => gappy.addWorkingDays('2020-01-23', 2))).toEqual({
      result: '2020-01-30',
      provisionalYears: [2020],
    })
  })

  it('refuses, naming the year, what it cannot know: before the first version, a year the measures changed in, past 9999', () => {
    expect(caught(() => deriveProvisionalYear(measures, 2013)).problems[0]?.zh).toContain('日历缺少 2013 年')
    const changedMidYear: HolidayMeasures = {
      ...measures,
      versions: [
        { ...measures.versions[0]!, effectiveUntil: '2024-06-30' },
        { ...measures.versions[1]!, effectiveFrom: '2024-07-01' },
      ],
    }
    const e = caught(() => deriveProvisionalYear(changedMidYear, 2024))
    expect(e.code).toBe('CALENDAR_YEAR_MISSING')
    expect(e.problems[0]?.zh).toContain('该年内《全国年节及纪念日放假办法》有修改')
    expect(caught(() => calendar.addWorkingDays('9999-12-28', 5)).problems[0]?.zh).toContain('日历缺少 10000 年')
    expect(caught(() => calendar.isWorkingDay('2016-12-29')).problems[0]?.zh).toBe(
      '日历缺少 2016 年的节假日安排（rules/calendar/2016.json）',
    )
  })
})

describe('what counted a provisional day says so', () => {
  const env = loadEnvironment()
  it('the evaluation record carries calendarProvisional; one inside the notices does not', () => {
    const late = replayCase(env, caseFile([accepted('2026-12-15')]), { at: '2026-12-16T09:00:00+08:00' })
    expect(late.asOf?.facts.statutoryDueDate).toBe('2027-01-13')
    expect(late.asOf?.calendarProvisional).toEqual({
      years: [2027],
      zh: '2027 年节假日按《全国年节及纪念日放假办法》推算，待国务院办公厅通知',
      en: 'the holidays of 2027 are derived from the National Measures on Holidays and Commemorative Days, pending the State Council General Office notice',
    })
    const early = replayCase(env, caseFile([accepted('2026-09-25')]), { at: '2026-09-28T09:00:00+08:00' })
    expect(early.asOf?.calendarProvisional).toBeUndefined()
  })

  it('a red-alarm notice counted on 2027 carries the line', async () => {
    const n = await noticeOf(caseFile([accepted('2026-12-15')]), {
      at: '2027-01-15T09:00:00+08:00',
      rule: 'sc.deadline.statutory-overdue',
    })
    expect(n.context.calendarProvisional?.years).toEqual([2027])
    expect(n.text).toContain('按《全国年节及纪念日放假办法》推算，待国务院办公厅通知')
    const before = await noticeOf(caseFile([accepted('2025-09-26')]), {
      at: '2025-10-31T09:00:00+08:00',
      rule: 'sc.deadline.statutory-overdue',
    })
    expect(before.text).not.toContain('推算')
  })

  it('lint warns for each provisional year within 12 months of the day it runs', () => {
    const on = (today: string) =>
      lintCalendar(RULES, today)
        .filter((p) => p.code === 'CALENDAR_YEAR_PROVISIONAL')
        .map((p) => p.file)
    expect(on('2026-12-01')).toEqual(['rules/calendar/2027.json'])
    expect(on('2025-06-01')).toEqual([])
    expect(lintCalendar(RULES, '2026-12-01')[0]?.severity).toBe('warning')
  })
})
