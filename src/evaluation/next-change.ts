/** The next moment at which time alone could change a case's evaluation: the start of the next day its clocks count. */
import type { Calendar } from '../calendar/calendar.js'
import { addDays, dateOf } from '../calendar/iso-date.js'
import type { CaseState } from '../case/case-state.js'
import { timePolicyOf } from '../case/time-policy.js'
import { acceptanceOf } from '../facts/acceptance.js'
import { stopsClock } from '../facts/clock-stops.js'
import type { DeadlinePolicy } from '../types/generated.js'

/**
 * Midnight (China Standard Time) of the next day on which a running clock of the case counts a day, or null when
 * no clock runs (case closed, or stopped until an event resumes it). Days that count: working days for a working-day
 * limit, every day for a calendar-day limit.
 * `policy` is the one in force on the day the case opened, which fixes its power's time policy.
 * @example nextChangeAt(calendar, state, policy, '2025-09-30T10:00:00+08:00') // '2025-10-09T00:00:00+08:00'
 */
export function nextChangeAt(
  calendar: Calendar,
  state: CaseState,
  policy: DeadlinePolicy | undefined,
  at: string,
): string | null {
  if (state.status === 'closed') return null
  const timePolicy = timePolicyOf(policy, state.matterType, state.header.powerItem.type)
  if (state.stops.some((s) => s.to === undefined && stopsClock(s, timePolicy))) return null
  // not yet accepted: a timely supplement is awaited, and no clock runs until it arrives
  if (acceptanceOf(calendar, state, timePolicy).clockStart === null) return null
  const h = state.header
  const units = new Set([h.statutoryLimit.unit, h.promisedLimit.unit, timePolicy?.limit?.unit ?? h.statutoryLimit.unit])
  for (const s of state.steps) if (s.status === 'active') units.add(h.steps[s.index]?.limit?.unit ?? 'working')
  const tomorrow = addDays(dateOf(at), 1)
  const day = units.has('calendar') ? tomorrow : calendar.nextWorkingDayOnOrAfter(tomorrow)
  return `${day}T00:00:00+08:00`
}
