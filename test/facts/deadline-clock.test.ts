/** The clock jumps over stretches with and without stops: the same readings as walking the calendar day by day. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Calendar } from '../../src/calendar/calendar.js'
import { addDays, fromDayNumber, toDayNumber } from '../../src/calendar/iso-date.js'
import { stoppedSpans, withinSpans } from '../../src/facts/clock-stops.js'
import { readClock, readFixedDue, type ClockReading } from '../../src/facts/deadline-clock.js'

const calendar = Calendar.load()

/** The reading as the calendar's day-by-day walk gives it (the clock before it jumped), for comparison. */
function walked(input: {
  start: string
  unit: 'working' | 'calendar'
  days: number
  extensionWorkingDays: number
  stopped: (d: string) => boolean
  today: string
}): ClockReading {
  const { start, unit, days, extensionWorkingDays, stopped, today } = input
  const skip = { skip: stopped }
  const countCalendar = (from: string, to: string) => {
    let n = 0
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (!stopped(d)) n++
    return n
  }
  let dueDate: string
  let used: number
  if (unit === 'working') {
    dueDate = calendar.addWorkingDays(start, days + extensionWorkingDays, skip)
    used = calendar.countWorkingDays(start, today, skip)
  } else {
    const base = calendar.addCalendarDays(start, days, skip)
    dueDate = extensionWorkingDays > 0 ? calendar.addWorkingDays(base, extensionWorkingDays, skip) : base
    used = countCalendar(start, today)
  }
  const overdue = today > dueDate
  const left = !overdue
    ? unit === 'working'
      ? calendar.countWorkingDays(today, dueDate, skip)
      : countCalendar(today, dueDate)
    : -Math.max(1, unit === 'working' ? calendar.countWorkingDays(dueDate, today, skip) : countCalendar(dueDate, today))
  return { unit, limitDays: days + extensionWorkingDays, used, left, dueDate, overdue }
}

const FIRST = toDayNumber('2024-01-01')
const day = (min: number, max: number) => fc.integer({ min, max }).map(fromDayNumber)
// stops overlap, touch, stay open (to: undefined) or end before they begin; some reach into 2027 (a provisional year)
const span = fc
  .record({ from: fc.integer({ min: 0, max: 900 }), length: fc.integer({ min: -3, max: 60 }), open: fc.boolean() })
  .map((s) => ({
    from: fromDayNumber(FIRST + s.from),
    ...(s.open ? {} : { to: fromDayNumber(FIRST + s.from + s.length) }),
  }))

const outcome = <T>(f: () => T) => {
  try {
    return calendar.observe(f)
  } catch (err) {
    return { error: String(err) }
  }
}

describe('readClock', () => {
  it('gives the readings, provisional years and errors of the day-by-day walk, for any stops', () => {
    fc.assert(
      fc.property(
        day(FIRST, FIRST + 800),
        fc.constantFrom('working' as const, 'calendar' as const),
        fc.integer({ min: 0, max: 90 }),
        fc.constantFrom(0, 0, 5, 30),
        fc.array(span, { maxLength: 4 }),
        fc.integer({ min: 0, max: 200 }),
        (start, unit, days, extensionWorkingDays, stops, after) => {
          const today = addDays(start, after)
          const jumped = outcome(() =>
            readClock(calendar, {
              start,
              unit,
              days,
              extensionWorkingDays,
              stopped: stoppedSpans(stops, today),
              today,
            }),
          )
          const reference = outcome(() =>
            walked({ start, unit, days, extensionWorkingDays, stopped: withinSpans(stops, today), today }),
          )
          expect(jumped).toEqual(reference)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('jumps over a stop across 国庆节: a 20-working-day licence suspended 10-09..10-17 is due 11-10 (10-11 a make-up working day, stopped)', () => {
    const stopped = stoppedSpans([{ from: '2025-10-09', to: '2025-10-17' }], '2025-10-20')
    const r = readClock(calendar, {
      start: '2025-09-26',
      unit: 'working',
      days: 20,
      extensionWorkingDays: 0,
      stopped,
      today: '2025-10-20',
    })
    const w = walked({
      start: '2025-09-26',
      unit: 'working',
      days: 20,
      extensionWorkingDays: 0,
      stopped: withinSpans([{ from: '2025-10-09', to: '2025-10-17' }], '2025-10-20'),
      today: '2025-10-20',
    })
    expect(r).toEqual(w)
    expect(r.dueDate).toBe('2025-11-10')
  })

  it('a fixed due date ignores nothing but the stops', () => {
    const r = readFixedDue({
      start: '2017-12-31',
      dueDate: '2018-01-31',
      stopped: stoppedSpans([{ from: '2018-01-10', to: '2018-01-12' }], '2018-02-01'),
      today: '2018-02-01',
    })
    expect(r).toMatchObject({ overdue: true, left: -1, used: 30, limitDays: 31 })
  })
})

describe('stoppedSpans', () => {
  it('merges overlapping and touching stops, drops empty ones, closes open ones at today', () => {
    expect(
      stoppedSpans(
        [
          { from: '2025-10-20', to: '2025-10-25' },
          { from: '2025-10-09', to: '2025-10-12' },
          { from: '2025-10-12', to: '2025-10-15' },
          { from: '2025-10-30', to: '2025-10-30' },
          { from: '2025-11-02' },
        ],
        '2025-11-05',
      ),
    ).toEqual([
      { from: '2025-10-09', to: '2025-10-15' },
      { from: '2025-10-20', to: '2025-10-25' },
      { from: '2025-11-02', to: '2025-11-05' },
    ])
  })
})
