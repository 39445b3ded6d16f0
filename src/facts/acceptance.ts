/** When a case counts as accepted (受理) under its power type's law: 行政许可法 第三十二条第一款(四), 补正 before acceptance. */
import type { Calendar } from '../calendar/calendar.js'
import type { CaseState } from '../case/case-state.js'
import type { PowerTypePolicy } from '../types/generated.js'

export interface Acceptance {
  /** The day the case's limits start counting (受理); null while a timely supplement is awaited (not yet accepted). */
  readonly clockStart: string | null
  /** The first supplement notice came after the notice period (逾期告知): accepted on receipt. Null without either. */
  readonly noticeLate: boolean | null
  /** The days before acceptance spent waiting for the supplement (from the notice, to its receipt): no clock runs. */
  readonly awaiting?: { readonly from: string; readonly to?: string }
}

/**
 * The acceptance of a case. The `accepted` event records the day the application was received; where the power's
 * law has the rule (`acceptance`), a supplement notice within its period means the application is accepted only when
 * the supplement arrives, and the limits run from then; a later notice does not: "逾期不告知的，自收到申请材料之日起
 * 即为受理", and the supplement period is then not excluded (第四十五条 does not list it).
 * @example acceptanceOf(calendar, state, policy).clockStart // '2025-10-15' for a notice of 09-30 answered on 10-15
 */
export function acceptanceOf(calendar: Calendar, state: CaseState, policy: PowerTypePolicy | undefined): Acceptance {
  const rule = policy?.acceptance
  const first = state.stops.find((s) => s.kind === 'supplement')
  if (!rule || !first) return { clockStart: state.acceptedOn, noticeLate: null }
  const { days, unit } = rule.supplementNoticeWithin
  const last =
    unit === 'working'
      ? calendar.addWorkingDays(state.acceptedOn, days)
      : calendar.addCalendarDays(state.acceptedOn, days)
  if (first.from > last) return { clockStart: state.acceptedOn, noticeLate: true }
  return {
    clockStart: first.to ?? null,
    noticeLate: false,
    awaiting: { from: first.from, ...(first.to !== undefined ? { to: first.to } : {}) },
  }
}
