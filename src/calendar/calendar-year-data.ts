/** The shape of one calendar-year file (schemas/calendar-year.schema.json), as TypeScript. */

import type { IsoDate } from './iso-date.js'

/** The notice a calendar year is taken from. */
export interface CalendarSource {
  /** 通知标题, e.g. 国务院办公厅关于2025年部分节假日安排的通知 */
  readonly document: string
  /** 发文字号, e.g. 国办发明电〔2024〕12号 */
  readonly number: string
  /** 成文日期 */
  readonly issuedOn: IsoDate
  readonly url?: string
}

/** A rest period, both ends included. */
export interface HolidaySpan {
  readonly name: string
  readonly from: IsoDate
  readonly to: IsoDate
}

/** A Saturday or Sunday that is a make-up working day (调休上班). */
export interface MakeupWorkday {
  readonly date: IsoDate
  readonly name: string
}

/**
 * One year of one jurisdiction. Kept in step with schemas/calendar-year.schema.json by
 * test/calendar.test.ts ("the TypeScript shape follows the schema").
 */
export interface CalendarYearData {
  readonly $schema?: string
  readonly year: number
  /** 'CN' for the national layer, else a six-digit division code, e.g. '513200' (阿坝州). */
  readonly jurisdiction: string
  readonly layer: 'national' | 'local'
  readonly source: CalendarSource
  readonly holidays: readonly HolidaySpan[]
  readonly workdays: readonly MakeupWorkday[]
}

/** What a day is, as the law counts time. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday'
