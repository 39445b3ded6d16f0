/** Lint of the calendar: the files load, and each provisional year within the next 12 months is named. */
import { Calendar } from '../calendar/calendar.js'
import { conventionalPath } from '../calendar/check-calendar-year.js'
import { PROVISIONAL_NOTE } from '../calendar/provisional-note.js'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'

/**
 * The calendar's problems, and a CALENDAR_YEAR_PROVISIONAL warning for each year from `today` to 12 months
 * after it that has no notice file and is derived from the measures.
 * @example lintCalendar('rules/calendar', '2026-12-01')[0].code // 'CALENDAR_YEAR_PROVISIONAL' (2027)
 */
export function lintCalendar(calendarDir: string, today: string): Problem[] {
  let calendar: Calendar
  try {
    calendar = Calendar.load(calendarDir)
  } catch (err) {
    if (err instanceof XingquanError) return [...err.problems]
    throw err
  }
  const year = Number(today.slice(0, 4))
  const out: Problem[] = []
  for (let y = year; y <= year + 1; y++) {
    if (!calendar.isProvisional(y)) continue
    out.push({
      code: 'CALENDAR_YEAR_PROVISIONAL',
      severity: 'warning',
      file: conventionalPath(y),
      zh: `${y} 年尚无国务院办公厅的节假日安排通知，其节假日${PROVISIONAL_NOTE.zh}（无调休上班日）；通知发布后照录为 ${conventionalPath(y)}，再运行 xingquan recalendar（服务运行时自动进行）`,
      en: `${y} has no State Council General Office holiday notice yet: its holidays are ${PROVISIONAL_NOTE.en} (no make-up working days); when the notice is out, copy it into ${conventionalPath(y)} and run xingquan recalendar (a running service does it itself)`,
    })
  }
  return out
}
