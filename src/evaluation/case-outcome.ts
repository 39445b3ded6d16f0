/** What an evaluation leaves on a case, derived purely: its level, alerts, next change, and the firings that issue notices. */
import type { CaseState } from '../case/case-state.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseEvent } from '../types/generated.js'
import { calendarOf, evaluateAt, evaluateEvent, ruleSetFor, type Environment, type Evaluation } from './evaluation.js'
import { nextChangeAt } from './next-change.js'
import { firingsToNotice } from './notice-episode.js'

export const LEVELS = ['none', 'info', 'yellow', 'red'] as const
export type CaseLevel = (typeof LEVELS)[number]

/** An evaluation and what follows from it for the case. */
export interface CaseOutcome {
  readonly state: CaseState
  readonly evaluation: Evaluation
  /** The highest level among the firings. */
  readonly level: CaseLevel
  /** Whether a statutory, promised or step limit has passed. */
  readonly overdue: boolean
  /** The next moment at which time alone could change the evaluation, or null. */
  readonly next: string | null
  /** The firings that issue their notice now (once per episode: see notice-episode.ts). */
  readonly toNotice: readonly Firing[]
}

/**
 * The highest level among the firings.
 * @example levelOf([{ level: 'yellow', … }, { level: 'red', … }]) // 'red'
 */
export function levelOf(firings: readonly Firing[]): CaseLevel {
  let level = 0
  for (const f of firings) level = Math.max(level, LEVELS.indexOf(f.level))
  return LEVELS[level]!
}

/**
 * A firing without its trace: what an alert shows.
 * @example alertOf(firing) // { ruleId, level, title, citation, … }
 */
export const alertOf = ({ trace: _trace, ...rest }: Firing) => rest

/**
 * The next moment after `at` at which time alone could change the case's evaluation, under the rules in force.
 * @example nextChangeFor(env, state, '2025-09-26T09:30:00+08:00') // '2025-09-29T00:00:00+08:00'
 */
export function nextChangeFor(env: Environment, state: CaseState, at: string): string | null {
  const jurisdiction = state.header.department.jurisdiction
  // the case's time policy is the one of the day it opened (its power's law then)
  const policy = ruleSetFor(env, jurisdiction).policy(state.acceptedOn)
  return nextChangeAt(calendarOf(env, jurisdiction), state, policy, at)
}

/**
 * What an evaluation says beyond its own columns: findings, lapsed packs, catalog version, and later additions.
 * @example extraOf(evaluation) // { findings: […], lapsedPacks: […] } or null
 */
export function extraOf(evaluation: Evaluation): Record<string, unknown> | null {
  const {
    caseId: _c,
    sequence: _s,
    eventId: _e,
    eventType: _t,
    at: _a,
    packs: _p,
    facts: _f,
    firings: _g,
    ...rest
  } = evaluation
  // members that are undefined are left out, as the stored JSON leaves them out (the values are plain JSON data)
  const kept: Record<string, unknown> = {}
  let any = false
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue
    kept[key] = value
    any = true
  }
  return any ? kept : null
}

function outcome(
  env: Environment,
  state: CaseState,
  evaluation: Evaluation,
  firedBefore: ReadonlySet<string>,
  next?: string | null,
): CaseOutcome {
  const facts = evaluation.facts as { statutoryOverdue?: boolean; promisedOverdue?: boolean; stepOverdue?: boolean }
  return {
    state,
    evaluation,
    level: levelOf(evaluation.firings),
    overdue: Boolean(facts.statutoryOverdue || facts.promisedOverdue || facts.stepOverdue),
    next: next !== undefined ? next : nextChangeFor(env, state, evaluation.at),
    toNotice: firingsToNotice(firedBefore, evaluation.firings),
  }
}

/**
 * Admits the next event, evaluates the case on it and derives the outcome; throws as evaluateEvent does.
 * @example const o = outcomeOfEvent(env, before, event, 'c1', 2, new Set()); o.level, o.next, o.toNotice
 */
export function outcomeOfEvent(
  env: Environment,
  before: CaseState | undefined,
  event: CaseEvent,
  caseId: string,
  sequence: number,
  firedBefore: ReadonlySet<string>,
): CaseOutcome {
  const { state, evaluation } = evaluateEvent(env, before, event, caseId, sequence)
  return outcome(env, state, evaluation, firedBefore)
}

/**
 * The outcome of a case due at `dueAt`, evaluated at the latest of its due moments up to `now` (a case that missed
 * several, while the service was down, is evaluated once); its next change is the one after that moment.
 * @example const o = outcomeWhenDue(env, state, '2025-10-10T00:00:00+08:00', Date.parse('2025-10-10T12:00:00+08:00'), fired)
 */
export function outcomeWhenDue(
  env: Environment,
  state: CaseState,
  dueAt: string,
  now: number,
  firedBefore: ReadonlySet<string>,
): CaseOutcome {
  let at = dueAt
  let next = nextChangeFor(env, state, at)
  for (let i = 0; next !== null && Date.parse(next) <= now && i < 10_000; i++) {
    at = next
    next = nextChangeFor(env, state, at)
  }
  return outcome(env, state, evaluateAt(env, state, at), firedBefore, next)
}
