/** What is said wherever a provisional calendar year was counted: an evaluation, a deadline, a notice. */

import type { CalendarProvisional } from '../types/generated.js'

/** The sentence the issue of a notice carries: derived from the measures, pending the State Council General Office's notice. */
export const PROVISIONAL_NOTE = {
  zh: '按《全国年节及纪念日放假办法》推算，待国务院办公厅通知',
  en: 'derived from the National Measures on Holidays and Commemorative Days, pending the State Council General Office notice',
} as const

/**
 * The note on provisional years counted, for an evaluation record or a command's output.
 * @example provisionalNote([2027]).zh // '2027 年节假日按《全国年节及纪念日放假办法》推算，待国务院办公厅通知'
 */
export function provisionalNote(years: readonly number[]): CalendarProvisional {
  const list = years.join('、')
  return {
    years: [...years] as CalendarProvisional['years'],
    zh: `${list} 年节假日${PROVISIONAL_NOTE.zh}`,
    en: `the holidays of ${years.join(', ')} are ${PROVISIONAL_NOTE.en}`,
  }
}
