/** The two sides of an impact: the packs in force, and the same with the draft's packs in place of theirs (or added). */
import type { PowerCatalog } from '../catalog/power-catalog.js'
import { loadCalendars } from '../evaluation/environment.js'
import type { Environment } from '../evaluation/evaluation.js'
import type { LoadedPack } from '../rules/rule-library.js'
import { SameFacts } from './fact-inputs.js'
import type { ImpactSides } from './replay-batch.js'

/** What a worker needs to build the sides: plain data, sent once. */
export interface SidesInput {
  /** The rules directory whose calendar counts the days. */
  readonly rulesDir: string
  readonly inForce: readonly LoadedPack[]
  readonly draft: readonly LoadedPack[]
  readonly catalog?: PowerCatalog | undefined
}

/**
 * The packs in force with each draft pack in place of the one of its id, or added for a new id.
 * @example draftPackList(env.packs, [changed]).length === env.packs.length
 */
export function draftPackList(inForce: readonly LoadedPack[], draft: readonly LoadedPack[]): LoadedPack[] {
  const ids = new Set(draft.map((p) => p.pack.id))
  return [...inForce.filter((p) => !ids.has(p.pack.id)), ...draft]
}

/**
 * Both environments from their packs, on one calendar and catalog.
 * @example const sides = sidesOf({ rulesDir: 'rules', inForce: env.packs, draft: [changed] })
 */
export function sidesOf(input: SidesInput, calendars?: Pick<Environment, 'calendar' | 'calendarFor'>): ImpactSides {
  const base = calendars ?? loadCalendars(input.rulesDir)
  const common = {
    calendar: base.calendar,
    ...(base.calendarFor ? { calendarFor: base.calendarFor } : {}),
    ...(input.catalog ? { catalog: input.catalog } : {}),
  }
  const inForce: Environment = { ...common, packs: [...input.inForce] }
  const draft: Environment = { ...common, packs: draftPackList(input.inForce, input.draft) }
  return { inForce, draft, same: new SameFacts(inForce, draft) }
}
