/** The shape of one calendar-year file: the types generated from schemas/calendar-year.schema.json, under the calendar's names. */

export type { CalendarYear as CalendarYearData } from '../types/generated.js'

/** What a day is, as the law counts time. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday'
