/**
 * Reads a time limit's clock: days used, days left, the due date and whether it has passed, with clock stops taken out.
 * The arithmetic jumps over each stretch with or without stops (a few calendar look-ups per stop), never day by day.
 */
import type { Calendar } from '../calendar/calendar.js'
import { addDays, daysBetween } from '../calendar/iso-date.js'
import type { StoppedSpan } from './clock-stops.js'

export interface ClockInput {
  /** The day the period starts; it is never counted (民法典 第二百零一条). */
  readonly start: string
  readonly unit: 'working' | 'calendar'
  readonly days: number
  /** Approved extensions, always in working days (行政许可法 第八十二条: its periods are working days). */
  readonly extensionWorkingDays: number
  /** Days on which the clock stands still: sorted, disjoint spans (src/facts/clock-stops.ts stoppedSpans). */
  readonly stopped: readonly StoppedSpan[]
  /** The day at which the clock is read. */
  readonly today: string
}

export interface ClockReading {
  readonly unit: 'working' | 'calendar'
  readonly limitDays: number
  readonly used: number
  readonly left: number
  readonly dueDate: string
  readonly overdue: boolean
}

const later = (a: string, b: string) => (a > b ? a : b)
const earlier = (a: string, b: string) => (a < b ? a : b)

/** Calendar days in (from, to] that are not stopped; 0 when to <= from. */
export function countCalendarDays(from: string, to: string, stopped: readonly StoppedSpan[]): number {
  let n = Math.max(0, daysBetween(from, to))
  if (n === 0) return 0
  for (const s of stopped) n -= Math.max(0, daysBetween(later(from, s.from), earlier(to, s.to)))
  return n
}

/** Working days in (from, to] that are not stopped; 0 when to <= from. */
export function countWorkingDays(
  calendar: Calendar,
  from: string,
  to: string,
  stopped: readonly StoppedSpan[],
): number {
  let n = calendar.countWorkingDays(from, to)
  if (n === 0) return 0
  for (const s of stopped) {
    const a = later(from, s.from)
    const b = earlier(to, s.to)
    if (b > a) n -= calendar.countWorkingDays(a, b)
  }
  return n
}

/** The n-th working day after `from` that is not stopped (`from` when n = 0), stretch by stretch. */
export function addWorkingDays(calendar: Calendar, from: string, n: number, stopped: readonly StoppedSpan[]): string {
  if (n === 0 || stopped.length === 0) return calendar.addWorkingDays(from, n)
  let at = from
  let left = n
  for (const s of stopped) {
    if (s.to <= at) continue
    if (s.from > at) {
      const free = calendar.countWorkingDays(at, s.from)
      if (free >= left) return checked(calendar, from, calendar.addWorkingDays(at, left))
      left -= free
    }
    at = s.to
  }
  return checked(calendar, from, calendar.addWorkingDays(at, left))
}

/**
 * N calendar days after `from` that are not stopped; when the last day is a rest day or a stopped one, the first
 * working day after it that is not stopped (民法典 第二百零三条). `from` when n = 0.
 */
export function addCalendarDays(calendar: Calendar, from: string, n: number, stopped: readonly StoppedSpan[]): string {
  if (n === 0) return from
  if (stopped.length === 0) return checked(calendar, from, calendar.addCalendarDays(from, n))
  let at = from
  let left = n
  let day: string | undefined
  for (const s of stopped) {
    if (s.to <= at) continue
    if (s.from > at) {
      const free = daysBetween(at, s.from)
      if (free >= left) {
        day = addDays(at, left)
        break
      }
      left -= free
    }
    at = s.to
  }
  let d = day ?? addDays(at, left)
  for (;;) {
    d = calendar.nextWorkingDayOnOrAfter(d)
    const inside = stopped.find((s) => d > s.from && d <= s.to)
    if (!inside) return checked(calendar, from, d)
    d = addDays(inside.to, 1)
  }
}

/**
 * The result, once the calendar has looked at every day between: a year it lacks throws as a walk day by day would,
 * and the provisional years counted are the same.
 */
function checked(calendar: Calendar, from: string, result: string): string {
  calendar.countWorkingDays(from, result)
  return result
}

/**
 * Reads the clock of one limit on one day.
 * @example readClock(calendar, { start: '2025-09-26', unit: 'working', days: 20, extensionWorkingDays: 0, stopped: [], today: '2025-10-09' })
 */
export function readClock(calendar: Calendar, input: ClockInput): ClockReading {
  const { start, unit, days, extensionWorkingDays, stopped, today } = input
  let dueDate: string
  let used: number
  if (unit === 'working') {
    dueDate = addWorkingDays(calendar, start, days + extensionWorkingDays, stopped)
    used = countWorkingDays(calendar, start, today, stopped)
  } else {
    const base = addCalendarDays(calendar, start, days, stopped)
    dueDate = extensionWorkingDays > 0 ? addWorkingDays(calendar, base, extensionWorkingDays, stopped) : base
    used = countCalendarDays(start, today, stopped)
  }
  const overdue = today > dueDate
  let left: number
  if (!overdue) {
    left =
      unit === 'working'
        ? countWorkingDays(calendar, today, dueDate, stopped)
        : countCalendarDays(today, dueDate, stopped)
  } else {
    const past =
      unit === 'working'
        ? countWorkingDays(calendar, dueDate, today, stopped)
        : countCalendarDays(dueDate, today, stopped)
    left = -Math.max(1, past)
  }
  return { unit, limitDays: days + extensionWorkingDays, used, left, dueDate, overdue }
}

/**
 * Reads the clock of a fixed due date (a calendar date, e.g. 1月31日 for the annual report): calendar days used
 * since the start and left until the date, which is never moved.
 * @example readFixedDue({ start: '2017-12-31', dueDate: '2018-01-31', stopped: [], today: '2018-02-01' }).overdue // true
 */
export function readFixedDue(input: {
  readonly start: string
  readonly dueDate: string
  readonly stopped: readonly StoppedSpan[]
  readonly today: string
}): ClockReading {
  const { start, dueDate, stopped, today } = input
  const overdue = today > dueDate
  const left = overdue
    ? -Math.max(1, countCalendarDays(dueDate, today, stopped))
    : countCalendarDays(today, dueDate, stopped)
  return {
    unit: 'calendar',
    limitDays: countCalendarDays(start, dueDate, []),
    used: countCalendarDays(start, today, stopped),
    left,
    dueDate,
    overdue,
  }
}

/**
 * The clock of a matter without a limit in force: days used count, nothing is ever left or overdue; the due date reads 9999-12-31.
 * @example readNoLimit({ start: '2026-03-02', stopped: [], today: '2026-03-09' }).used // 7
 */
export function readNoLimit(input: {
  readonly start: string
  readonly stopped: readonly StoppedSpan[]
  readonly today: string
}): ClockReading {
  return {
    unit: 'calendar',
    limitDays: 0,
    used: countCalendarDays(input.start, input.today, input.stopped),
    left: 0,
    dueDate: '9999-12-31',
    overdue: false,
  }
}
