/** The legal working-day calendar: public surface. */

export { Calendar, yearMissing, type PeriodOptions } from './calendar.js'
export type { CalendarSource, CalendarYearData, DayKind, HolidaySpan, MakeupWorkday } from './calendar-year-data.js'
export { calendarYearProblems } from './check-calendar-year.js'
export {
  addDays,
  dateOf,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  toDayNumber,
  weekday,
  yearOf,
  type IsoDate,
  type Weekday,
} from './iso-date.js'
export {
  DEFAULT_CALENDAR_DIR,
  loadCalendarFiles,
  readCalendarYearFile,
  type CalendarFiles,
  type LoadCalendarOptions,
} from './load-calendar.js'
export { validateCalendarYear } from './validate-calendar-year.js'
