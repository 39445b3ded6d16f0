/** Derives the patrol facts of a patrol log: the fewest patrols on any working day that has passed, of the own platform and of lower ones. */
import type { Calendar } from '../calendar/calendar.js'
import { addDays } from '../calendar/iso-date.js'
import type { CaseState, PatrolRecord } from '../case/case-state.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import type { Facts } from '../types/generated.js'

export type PatrolFacts = Pick<
  Facts,
  | 'patrolDaysChecked'
  | 'minDailyPatrolsOwn'
  | 'minDailyPatrolsLower'
  | 'minDailyPrefecturePlatforms'
  | 'minDailyCountyPlatforms'
>

const NONE: PatrolFacts = {
  patrolDaysChecked: 0,
  minDailyPatrolsOwn: null,
  minDailyPatrolsLower: null,
  minDailyPrefecturePlatforms: null,
  minDailyCountyPlatforms: null,
}

/**
 * Patrol facts on `today`: only working days of the log's period before today count (today is not over yet).
 * @example patrolFacts(calendar, state, '2018-03-10').minDailyPatrolsOwn // 1 when some day saw a single patrol
 */
export function patrolFacts(calendar: Calendar, state: CaseState, today: string): PatrolFacts {
  const period = state.period
  if (state.matterType !== 'patrolLog' || !period) return NONE
  const own = state.header.department.jurisdiction
  const prefix = jurisdictionPrefix(own)
  const days: string[] = []
  for (let d = period.from; d <= period.to && d < today; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d)
  if (days.length === 0) return NONE
  const min = (f: (d: string) => number) => Math.min(...days.map(f))
  // the patrols grouped by day once, not filtered again for every day of the period
  const byDay = new Map<string, PatrolRecord[]>()
  for (const p of state.patrols) {
    const list = byDay.get(p.on)
    if (list) list.push(p)
    else byDay.set(p.on, [p])
  }
  const on = (d: string) => byDay.get(d) ?? []
  const lower = (d: string) => on(d).filter((p) => p.platform !== own && p.platform.startsWith(prefix))
  const distinct = (d: string, level: 'prefecture' | 'county') =>
    new Set(
      lower(d)
        .map((p) => p.platform)
        .filter((c) => (level === 'county') === !c.endsWith('00')),
    ).size
  return {
    patrolDaysChecked: days.length,
    minDailyPatrolsOwn: min((d) => on(d).filter((p) => p.platform === own).length),
    minDailyPatrolsLower: min((d) => lower(d).length),
    minDailyPrefecturePlatforms: min((d) => distinct(d, 'prefecture')),
    minDailyCountyPlatforms: min((d) => distinct(d, 'county')),
  }
}
