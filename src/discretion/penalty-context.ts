/** The penalty grounds and discretion standards in force for a case: merged across its layers, a lower layer winning by code or id. */
import { bindNumbers, valuesOn } from '../rules/parameters.js'
import type { LoadedPack } from '../rules/rule-library.js'
import type { PenaltyGroundPolicy, PenaltyTimeBar } from '../types/generated.js'
import type { AnyDiscretionStandard } from './legacy-band.js'

export interface PenaltyContext {
  /** 行政处罚法 grounds by code (under14, eliminatedHarm, ...), with their effect and citation. */
  readonly grounds: ReadonlyMap<string, PenaltyGroundPolicy>
  /** Discretion standards by id, their statutory ranges bound to the day's values, with the pack that declares them (a stored pack version may have the earlier shape). */
  readonly standards: ReadonlyMap<string, { readonly standard: AnyDiscretionStandard; readonly pack: LoadedPack }>
  /** The time bar of the penalty law in force (行政处罚法 第三十六条), when a pack declares one: its years bound to the day's values. */
  readonly timeBar?: PenaltyTimeBar
}

/**
 * A standard with its statutory range bound to the values of the day judged (the law's fine amounts, the base that
 * splits its brackets, the multiples are parameters); a stored version written with numbers is returned as it is.
 */
function boundStandard(
  s: AnyDiscretionStandard,
  values: ReadonlyMap<string, number>,
  day: string,
): AnyDiscretionStandard {
  const statutory = bindNumbers(s.statutory, values, day)
  return statutory === s.statutory ? s : { ...s, statutory }
}

const cache = new WeakMap<readonly LoadedPack[], Map<string, PenaltyContext>>()
const inForce = (from: string | undefined, until: string | undefined, day: string) =>
  (from === undefined || from <= day) && (until === undefined || day < until)

/**
 * The grounds and standards of these packs (upper layer first) in force on `day`; memoised per pack list.
 * @example penaltyContextOf(view.packs, '2025-10-09').standards.get('lx.discretion.fire-facilities')
 */
export function penaltyContextOf(packs: readonly LoadedPack[], day: string): PenaltyContext {
  let byDay = cache.get(packs)
  if (!byDay) {
    byDay = new Map()
    cache.set(packs, byDay)
  }
  const known = byDay.get(day)
  if (known) return known
  const grounds = new Map<string, PenaltyGroundPolicy>()
  const standards = new Map<string, { standard: AnyDiscretionStandard; pack: LoadedPack }>()
  let timeBar: PenaltyTimeBar | undefined
  const { values } = valuesOn(packs, day)
  for (const pack of packs) {
    timeBar = pack.pack.penaltyPolicy?.timeBar ?? timeBar
    for (const g of pack.pack.penaltyPolicy?.grounds ?? []) grounds.set(g.ground, g)
    for (const s of pack.pack.discretionStandards ?? [])
      if (inForce(s.effectiveFrom, s.effectiveUntil, day))
        standards.set(s.id, { standard: boundStandard(s, values, day), pack })
  }
  // the time bar's years are parameters (行政处罚法 第三十六条): their values on the day judged, as the grounds and standards
  if (timeBar) timeBar = bindNumbers(timeBar, values, day)
  const context = { grounds, standards, ...(timeBar ? { timeBar } : {}) }
  byDay.set(day, context)
  return context
}
