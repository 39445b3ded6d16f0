/** Properties of the working-day calendar, checked with fast-check over 2024–2026. */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Calendar } from '../src/calendar/calendar.js'
import { addDays, dateOf, fromDayNumber, type IsoDate, toDayNumber } from '../src/calendar/iso-date.js'

const calendar = Calendar.load()
const FIRST = toDayNumber('2023-12-31') // a start day need not itself be declared
const LAST_START = toDayNumber('2026-06-30') // + 120 working days stays inside 2026

const startDate = fc.integer({ min: FIRST, max: LAST_START }).map(fromDayNumber)
const count = fc.integer({ min: 0, max: 120 })
/** A random set of stopped days, as a predicate, with the set for inspection. */
const stoppedDays = fc
  .uniqueArray(fc.integer({ min: FIRST, max: LAST_START + 60 }), { maxLength: 40 })
  .map((days) => new Set(days.map(fromDayNumber)))

describe('addWorkingDays', () => {
  it('a due date (n >= 1) is always a working day, after the start', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 120 }), (from, n) => {
        const due = calendar.addWorkingDays(from, n)
        expect(calendar.isWorkingDay(due)).toBe(true)
        expect(due > from).toBe(true)
      }),
    )
  })

  it('countWorkingDays(from, addWorkingDays(from, n)) === n', () => {
    fc.assert(
      fc.property(startDate, count, (from, n) => {
        expect(calendar.countWorkingDays(from, calendar.addWorkingDays(from, n))).toBe(n)
      }),
    )
  })

  it('is strictly monotone in n', () => {
    fc.assert(
      fc.property(startDate, count, (from, n) => {
        expect(calendar.addWorkingDays(from, n) < calendar.addWorkingDays(from, n + 1)).toBe(true)
      }),
    )
  })

  it('the n-th working day has exactly n - 1 working days before it: no day in between is a working day', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const previous = calendar.addWorkingDays(from, n - 1)
        const due = calendar.addWorkingDays(from, n)
        for (let d = addDays(previous, 1); d < due; d = addDays(d, 1)) expect(calendar.isWorkingDay(d)).toBe(false)
      }),
    )
  })

  it('the table lookup agrees with the day-by-day walk', () => {
    fc.assert(
      fc.property(startDate, count, (from, n) => {
        expect(calendar.addWorkingDays(from, n)).toBe(calendar.addWorkingDays(from, n, { skip: () => false }))
      }),
    )
  })

  it('with stopped days: the due date is a working day not stopped, and counting back with the same stops gives n', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 80 }), stoppedDays, (from, n, stopped) => {
        const skip = (d: IsoDate) => stopped.has(d)
        const due = calendar.addWorkingDays(from, n, { skip })
        expect(calendar.isWorkingDay(due) && !stopped.has(due)).toBe(true)
        expect(calendar.countWorkingDays(from, due, { skip })).toBe(n)
        expect(due >= calendar.addWorkingDays(from, n)).toBe(true)
      }),
    )
  })
})

describe('countWorkingDays', () => {
  it('is additive: (a, b] + (b, c] = (a, c]', () => {
    fc.assert(
      fc.property(startDate, fc.nat(90), fc.nat(90), (a, x, y) => {
        const b = addDays(a, x)
        const c = addDays(b, y)
        expect(calendar.countWorkingDays(a, b) + calendar.countWorkingDays(b, c)).toBe(calendar.countWorkingDays(a, c))
      }),
    )
  })
})

describe('addCalendarDays (第二百零三条)', () => {
  it('ends on a working day, on or after from + n, with only rest days between', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 120 }), (from, n) => {
        const plain = addDays(from, n)
        const due = calendar.addCalendarDays(from, n)
        expect(calendar.isWorkingDay(due)).toBe(true)
        expect(due >= plain).toBe(true)
        for (let d = plain; d < due; d = addDays(d, 1)) expect(calendar.isWorkingDay(d)).toBe(false)
        expect(due).toBe(calendar.nextWorkingDayOnOrAfter(plain))
      }),
    )
  })
})

describe('iso dates', () => {
  it('day numbers agree with Date.UTC and round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }) /* 0001-01-01 … 9999-12-31 */, (day) => {
        const date = fromDayNumber(day)
        expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10))
        expect(toDayNumber(date)).toBe(day)
      }),
    )
  })

  it('dateOf is the date in UTC+08:00 of any moment, whatever its offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
        (ms, offsetMinutes) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)
          const sign = offsetMinutes < 0 ? '-' : '+'
          const abs = Math.abs(offsetMinutes)
          const moment = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
          expect(dateOf(moment)).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10))
        },
      ),
    )
  })
})
