/** When a case's light actually turned, from its evaluation records: a run's first record, or the due moment before it. */
import type { CaseState } from '../case/case-state.js'
import { nextChangeFor } from '../evaluation/case-outcome.js'
import { evaluateAt, type Environment } from '../evaluation/evaluation.js'

/** The columns of an evaluation record the board reads. */
export interface EvaluationRecord {
  readonly chain_seq: number
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

/** What was found, per rules in force: case, the run's first record, the one before, and what was looked for. */
const FOUND = new WeakMap<Environment, Map<string, string>>()
const found_ = (env: Environment): Map<string, string> => {
  const m = FOUND.get(env) ?? new Map<string, string>()
  FOUND.set(env, m)
  return m
}

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
 * event recorded after a due moment no sweep had reached), the case as it then stood (`stateAfter` the events recorded
 * by then) is evaluated under the rules between, and the light turned at the first due moment at which it held.
 * Nothing is recorded; what is found is kept for the rules in force (`env`), as the records it comes from never change.
 * @example const { levelSince, since } = await turnMoments(rt.env(), 'c1', (n) => loadState(rt.db, rt.states, 'c1', n), rows)
 */
export async function turnMoments(
  env: Environment,
  caseId: string,
  stateAfter: (eventCount: number) => Promise<CaseState | undefined>,
  rows: readonly EvaluationRecord[],
): Promise<TurnMoments> {
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
    const known = `${caseId}\u0000${rows[start]!.chain_seq}\u0000${rows[start - 1]?.chain_seq ?? 0}\u0000${key}`
    let found = found_(env).get(known)
    if (found === undefined) {
      found = (await earlier(env, stateAfter, rows, start, holds)) ?? rows[start]!.at
      found_(env).set(known, found)
    }
    moments.set(key, found)
  }
  for (const [key, at] of moments) if (key !== '') since.set(key, at)
  return { levelSince: target > 0 ? (moments.get('') ?? null) : null, since }
}

const DAY = 86_400_000
/** The start of the day (China Standard Time) a moment falls in, as a moment. */
const dayStart = (t: number) => Math.floor((t + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000
const iso = (t: number) => new Date(t).toISOString()

/**
 * The moment, between the record before `start` and `start`, from which `holds` (a deadline's light does not turn
 * back while nothing happens, so the search halves the days between, then walks the due moments of the last day).
 */
async function earlier(
  env: Environment,
  stateAfter: (eventCount: number) => Promise<CaseState | undefined>,
  rows: readonly EvaluationRecord[],
  start: number,
  holds: Holds,
): Promise<string | undefined> {
  const before = rows[start - 1]
  const until = Date.parse(rows[start]!.at)
  if (!before?.next_change_at || Date.parse(before.next_change_at) >= until) return undefined
  const eventCount = Math.max(0, ...rows.slice(0, start).map((r) => r.sequence ?? 0))
  const state = await stateAfter(eventCount)
  if (!state) return undefined
  const seen = new Map<number, boolean>()
  const at = (t: number) => {
    let held = seen.get(t)
    if (held === undefined) {
      const evaluation = evaluateAt(env, state, iso(t))
      const level = evaluation.firings.reduce((l, f) => ((RANK[f.level] ?? 0) > (RANK[l] ?? 0) ? f.level : l), 'none')
      held = holds(iso(t), level, new Set(evaluation.firings.map((f) => f.ruleId)))
      seen.set(t, held)
    }
    return held
  }
  const first = Date.parse(before.next_change_at)
  if (at(first)) return before.next_change_at
  // the last day start at which it did not yet hold, by halving the days between (it holds at `until`)
  let lo = dayStart(first)
  let hi = dayStart(until) + DAY
  while (hi - lo > DAY) {
    const mid = lo + Math.floor((hi - lo) / DAY / 2) * DAY
    if (mid > first && mid < until && at(mid)) hi = mid
    else if (mid >= until) hi = mid
    else lo = mid
  }
  // then the due moments of that day, in order, to the first at which it holds
  let t: string | null = iso(Math.max(lo, first))
  for (let i = 0; t !== null && Date.parse(t) < until && i < 1000; i++) {
    if (at(Date.parse(t))) return t
    t = nextChangeFor(env, state, t)
  }
  return undefined
}
