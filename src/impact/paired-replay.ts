/** A case replayed under the rules in force and under a draft: folded and its facts derived once where both agree on them. */
import { dateOf } from '../calendar/iso-date.js'
import type { CaseState } from '../case/case-state.js'
import { EventRefused } from '../errors/event-refused.js'
import { nextChangeFor } from '../evaluation/case-outcome.js'
import { evaluateAt, evaluateEvent, ruleSetFor, type Environment, type Evaluation } from '../evaluation/evaluation.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseFile, Facts } from '../types/generated.js'
import type { SameFacts } from './fact-inputs.js'

/** One evaluation of a track: on an event, at a moment the sweep would have evaluated, or at the moment asked for. */
export interface TrackEvaluation {
  readonly kind: 'event' | 'sweep' | 'asOf'
  readonly sequence: number | null
  readonly at: string
  readonly firings: readonly Firing[]
}

/** What one side of the comparison keeps of a replay: the firings of each evaluation, the facts at the moment. */
export interface ReplayTrack {
  readonly evaluations: readonly TrackEvaluation[]
  /** The facts of the evaluation at the moment (after the last event); absent when the case has none. */
  readonly facts?: Facts
  /** The first event refused, where the replay stops. */
  readonly refused: string | null
}

export interface PairedReplay {
  readonly inForce: ReplayTrack
  readonly draft: ReplayTrack
  /** Events replayed (under the rules in force). */
  readonly events: number
}

export interface ReplayOptions {
  /**
   * Also evaluate at each moment the sweep would have between events (midnight of every day a clock counts), as the
   * running service does: a light that time alone turns, and its notice, on a day without an event. Default false.
   */
  readonly sweep?: boolean
}

/** The moments after `from` and before `before` (and not after `until`) at which the sweep evaluates the case. */
function sweepMoments(env: Environment, state: CaseState, from: string, before: number, until: number): string[] {
  const out: string[] = []
  let next = nextChangeFor(env, state, from)
  while (next !== null && Date.parse(next) < before && Date.parse(next) <= until && out.length < 10_000) {
    out.push(next)
    next = nextChangeFor(env, state, next)
  }
  return out
}

interface Side {
  readonly evaluations: { readonly kind: TrackEvaluation['kind']; readonly evaluation: Evaluation }[]
  refused: string | null
}

/** One side replayed on its own: every event, the sweep's moments when asked, then the moment. */
function replayOne(env: Environment, file: CaseFile, at: string, options: ReplayOptions): Side {
  const until = Date.parse(at)
  const side: Side = { evaluations: [], refused: null }
  let state: CaseState | undefined
  let last: string | undefined
  const sweepTo = (before: number) => {
    if (!options.sweep || !state || last === undefined) return
    for (const m of sweepMoments(env, state, last, before, until))
      side.evaluations.push({ kind: 'sweep', evaluation: evaluateAt(env, state, m) })
  }
  for (const [i, event] of file.events.entries()) {
    if (Date.parse(event.recordedAt) > until) break
    sweepTo(Date.parse(event.occurredAt))
    try {
      const next = evaluateEvent(env, state, event, file.caseId, i + 1)
      state = next.state
      last = event.occurredAt
      side.evaluations.push({ kind: 'event', evaluation: next.evaluation })
    } catch (err) {
      if (!(err instanceof EventRefused)) throw err
      side.refused = event.id
      return side
    }
  }
  if (state) {
    sweepTo(until)
    side.evaluations.push({ kind: 'asOf', evaluation: evaluateAt(env, state, at) })
  }
  return side
}

const trackOf = (
  side: Side,
  firings: (e: Evaluation, i: number) => readonly Firing[] = (e) => e.firings,
): ReplayTrack => {
  const last = side.evaluations.at(-1)
  return {
    evaluations: side.evaluations.map(({ kind, evaluation: e }, i) => ({
      kind,
      sequence: e.sequence,
      at: e.at,
      firings: firings(e, i),
    })),
    ...(last?.kind === 'asOf' ? { facts: last.evaluation.facts } : {}),
    refused: side.refused,
  }
}

/**
 * Replays `file` up to `at` under `inForce` and under `draft`. Where `same` says both read the same policy and penalty
 * context for every evaluation of the case, the draft's rules run on the facts already derived; otherwise the draft
 * side is replayed on its own.
 * @example const { inForce, draft } = replayBoth(env, draftEnv, caseFile, '2026-12-01T09:00:00+08:00', new SameFacts(env, draftEnv))
 */
export function replayBoth(
  inForce: Environment,
  draft: Environment,
  file: CaseFile,
  at: string,
  same: SameFacts,
  options: ReplayOptions = {},
): PairedReplay {
  const a = replayOne(inForce, file, at, options)
  const events = a.evaluations.filter((e) => e.kind === 'event').length + (a.refused !== null ? 1 : 0)
  const jurisdiction = a.evaluations[0]?.evaluation.facts.jurisdiction
  const days = a.evaluations.map(({ evaluation: e }) => dateOf(e.at))
  const shared =
    jurisdiction !== undefined &&
    // every evaluation's day (the first is the opening day, whose policy fixes the case's time policy) and law's day
    a.evaluations.every(
      ({ evaluation: e }, i) =>
        same.on(jurisdiction, days[i]!) && (e.lawOn === undefined || same.on(jurisdiction, e.lawOn)),
    )
  if (!shared)
    return {
      inForce: trackOf(a),
      draft: trackOf(a.evaluations.length === 0 && a.refused === null ? a : replayOne(draft, file, at, options)),
      events,
    }
  const rules = ruleSetFor(draft, jurisdiction)
  return {
    inForce: trackOf(a),
    draft: trackOf(a, (e, i) => rules.evaluate(e.facts as Facts & Record<string, unknown>, e.lawOn ?? days[i]!)),
    events,
  }
}
