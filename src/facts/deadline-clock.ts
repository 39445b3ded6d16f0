/** Reads a time limit's clock: days used, days left, the due date and whether it has passed, with clock stops taken out. */
import type { Calendar } from '../calendar/calendar.js'
import { addDays } from '../calendar/iso-date.js'

export interface ClockInput {
  /** The day the period starts; it is never counted (民法典 第二百零一条). */
  readonly start: string
  readonly unit: 'working' | 'calendar'
  readonly days: number
  /** Approved extensions, always in working days (行政许可法 第八十二条: its periods are working days). */
  readonly extensionWorkingDays: number
  /** Days on which the clock stands still. */
  readonly stopped: (date: string) => boolean
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

function countCalendarDays(from: string, to: string, stopped: (d: string) => boolean): number {
  let n = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (!stopped(d)) n++
  return n
}

/**
 * Reads the clock of one limit on one day.
 * @example readClock(calendar, { start: '2025-09-26', unit: 'working', days: 20, extensionWorkingDays: 0, stopped: () => false, today: '2025-10-09' })
 */
export function readClock(calendar: Calendar, input: ClockInput): ClockReading {
  const { start, unit, days, extensionWorkingDays, stopped, today } = input
  const skip = { skip: stopped }
  let dueDate: string
  let used: number
  if (unit === 'working') {
    dueDate = calendar.addWorkingDays(start, days + extensionWorkingDays, skip)
    used = calendar.countWorkingDays(start, today, skip)
  } else {
    const base = calendar.addCalendarDays(start, days, skip)
    dueDate = extensionWorkingDays > 0 ? calendar.addWorkingDays(base, extensionWorkingDays, skip) : base
    used = countCalendarDays(start, today, stopped)
  }
  const overdue = today > dueDate
  let left: number
  if (!overdue) {
    left = unit === 'working' ? calendar.countWorkingDays(today, dueDate, skip) : countCalendarDays(today, dueDate, stopped)
  } else {
    const past = unit === 'working' ? calendar.countWorkingDays(dueDate, today, skip) : countCalendarDays(dueDate, today, stopped)
    left = -Math.max(1, past)
  }
  return { unit, limitDays: days + extensionWorkingDays, used, left, dueDate, overdue }
}

/**
 * Reads the clock of a fixed due date (a calendar date, e.g. 1月31日 for the annual report): calendar days used
 * since the start and left until the date, which is never moved.
 * @example readFixedDue({ start: '2017-12-31', dueDate: '2018-01-31', stopped: () => false, today: '2018-02-01' }).overdue // true
 */
export function readFixedDue(input: { readonly start: string; readonly dueDate: string; readonly stopped: (date: string) => boolean; readonly today: string }): ClockReading {
  const { start, dueDate, stopped, today } = input
  const overdue = today > dueDate
  const left = overdue ? -Math.max(1, countCalendarDays(dueDate, today, stopped)) : countCalendarDays(today, dueDate, stopped)
  return { unit: 'calendar', limitDays: countCalendarDays(start, dueDate, () => false), used: countCalendarDays(start, today, stopped), left, dueDate, overdue }
}

/**
 * The clock of a matter without a limit in force: days used count, nothing is ever left or overdue; the due date reads 9999-12-31.
 * @example readNoLimit({ start: '2026-03-02', stopped: () => false, today: '2026-03-09' }).used // 7
 */
export function readNoLimit(input: { readonly start: string; readonly stopped: (date: string) => boolean; readonly today: string }): ClockReading {
  return { unit: 'calendar', limitDays: 0, used: countCalendarDays(input.start, input.today, input.stopped), left: 0, dueDate: '9999-12-31', overdue: false }
}
