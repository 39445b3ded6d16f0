/** When a case's light actually turned, from its evaluation records: a run's first record, or the due moment before it. */
import type { CaseState } from '../case/case-state.js'
import { nextChangeFor } from '../evaluation/case-outcome.js'
import { evaluateAt, type Environment } from '../evaluation/evaluation.js'

/** The columns of an evaluation record the board reads. */
export interface EvaluationRecord {
  readonly at: string
  readonly level: string
  readonly firings: unknown
  /** The event's position for an evaluation on an event; null for a sweep's. */
  readonly sequence: number | null
  readonly next_change_at: string | null
}

/** When the case's level reached what it is now, and when each rule firing now began to fire. */
export interface TurnMoments {
  readonly levelSince: string | null
  readonly since: ReadonlyMap<string, string>
}

/** The level's rank, to keep the higher of two. */
const RANK: Record<string, number> = { none: 0, info: 1, yellow: 2, red: 3 }

const ruleIds = (firings: unknown) => new Set((firings as { ruleId: string }[]).map((f) => f.ruleId))

/** A moment the light could have turned, and what held then. */
type Holds = (at: string, level: string, fired: ReadonlySet<string>) => boolean

/**
 * The first record of the unbroken run of records (ending with the latest) in which `holds`; its index, or -1.
 * @example runStart(rows, (_at, _level, fired) => fired.has('sc.deadline.statutory-near'))
 */
function runStart(rows: readonly EvaluationRecord[], holds: Holds): number {
  let start = -1
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!
    if (!holds(r.at, r.level, ruleIds(r.firings))) break
    start = i
  }
  return start
}

/**
 * When the light turned, for each rule firing now and for the case's level, as the records show it: the first record
 * of the unbroken run that ends with the latest; but where the record before that run already named a due moment
 * earlier than it (a sweep that missed due moments while the service was down, evaluated once at the latest; or an
 * event recorded after a due moment no sweep had reached), the due moments between are evaluated under the rules
 * with the case as it then stood (`stateAfter` the events recorded by then), and the light turned at the first of the
 * final stretch of them at which it held. Nothing is recorded.
 * @example const { levelSince, since } = await turnMoments(rt.env(), (n) => loadState(rt.db, rt.states, id, n), rows)
 */
export async function turnMoments(env: Environment, stateAfter: (eventCount: number) => Promise<CaseState | undefined>, rows: readonly EvaluationRecord[]): Promise<TurnMoments> {
  const last = rows[rows.length - 1]
  const since = new Map<string, string>()
  if (!last) return { levelSince: null, since }
  const target = RANK[last.level] ?? 0
  const checks = new Map<string, Holds>([['', (_at, level) => (RANK[level] ?? 0) >= target]])
  for (const id of ruleIds(last.firings)) checks.set(id, (_at, _level, fired) => fired.has(id))
  const moments = new Map<string, string>()
  for (const [key, holds] of checks) {
    const start = runStart(rows, holds)
    if (start < 0) continue
    moments.set(key, (await earlier(env, stateAfter, rows, start, holds)) ?? rows[start]!.at)
  }
  for (const [key, at] of moments) if (key !== '') since.set(key, at)
  return { levelSince: target > 0 ? (moments.get('') ?? null) : null, since }
}

/** The first due moment, between the record before `start` and `start`, of the final stretch at which `holds`. */
async function earlier(env: Environment, stateAfter: (eventCount: number) => Promise<CaseState | undefined>, rows: readonly EvaluationRecord[], start: number, holds: Holds): Promise<string | undefined> {
  const before = rows[start - 1]
  const until = Date.parse(rows[start]!.at)
  if (!before?.next_change_at || Date.parse(before.next_change_at) >= until) return undefined
  const eventCount = Math.max(0, ...rows.slice(0, start).map((r) => r.sequence ?? 0))
  const state = await stateAfter(eventCount)
  if (!state) return undefined
  let found: string | undefined
  let at: string | null = before.next_change_at
  for (let i = 0; at !== null && Date.parse(at) < until && i < 10_000; i++) {
    const evaluation = evaluateAt(env, state, at)
    const level = evaluation.firings.reduce((l, f) => ((RANK[f.level] ?? 0) > (RANK[l] ?? 0) ? f.level : l), 'none')
    if (holds(at, level, new Set(evaluation.firings.map((f) => f.ruleId)))) found ??= at
    else found = undefined
    at = nextChangeFor(env, state, at)
  }
  return found
}
