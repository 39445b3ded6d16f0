/** A case replayed under the rules in force and under a draft: folded and its facts derived once where both agree on them. */
import { dateOf } from '../calendar/iso-date.js'
import type { CaseState } from '../case/case-state.js'
import { EventRefused } from '../errors/event-refused.js'
import { evaluateAt, evaluateEvent, ruleSetFor, type Environment, type Evaluation } from '../evaluation/evaluation.js'
import { replayCase } from '../evaluation/replay.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseFile, Facts } from '../types/generated.js'
import type { SameFacts } from './fact-inputs.js'

/** What one side of the comparison keeps of a replay: the firings of each evaluation, the facts at the moment. */
export interface ReplayTrack {
  readonly evaluations: readonly { readonly sequence: number | null; readonly firings: readonly Firing[] }[]
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

const trackOf = (evaluations: readonly Evaluation[], refused: string | null): ReplayTrack => {
  const last = evaluations.at(-1)
  return { evaluations: evaluations.map((e) => ({ sequence: e.sequence, firings: e.firings })), ...(last?.sequence === null ? { facts: last.facts } : {}), refused }
}

/**
 * Replays `file` up to `at` under `inForce` and under `draft`. While `same` says both read the same policy and penalty
 * context, the draft's rules run on the facts already derived; from the first evaluation where they do not, the draft
 * side is replayed on its own, from the start.
 * @example const { inForce, draft } = replayBoth(env, draftEnv, caseFile, '2026-12-01T09:00:00+08:00', new SameFacts(env, draftEnv))
 */
export function replayBoth(inForce: Environment, draft: Environment, file: CaseFile, at: string, same: SameFacts): PairedReplay {
  const until = Date.parse(at)
  const a: Evaluation[] = []
  const b: Evaluation[] = []
  let shared = true
  let refused: string | null = null
  let state: CaseState | undefined
  // the draft's firings on the facts derived under the rules in force, while both read the same inputs
  const alongside = (evaluation: Evaluation, s: CaseState, foldDay: string | undefined) => {
    if (!shared) return
    const jurisdiction = s.header.department.jurisdiction
    const lawDay = evaluation.lawOn ?? dateOf(evaluation.at)
    if ((foldDay === undefined || same.on(jurisdiction, foldDay)) && same.on(jurisdiction, lawDay) && same.on(jurisdiction, s.acceptedOn)) {
      b.push({ ...evaluation, firings: ruleSetFor(draft, jurisdiction).evaluate(evaluation.facts as Facts & Record<string, unknown>, lawDay) })
    } else shared = false
  }
  for (const [i, event] of file.events.entries()) {
    if (Date.parse(event.recordedAt) > until) break
    try {
      const next = evaluateEvent(inForce, state, event, file.caseId, i + 1)
      state = next.state
      a.push(next.evaluation)
      alongside(next.evaluation, next.state, dateOf(event.occurredAt))
    } catch (err) {
      if (!(err instanceof EventRefused)) throw err
      refused = event.id
      break
    }
  }
  if (state && refused === null) {
    const asOf = evaluateAt(inForce, state, at)
    a.push(asOf)
    alongside(asOf, state, undefined)
  }
  const events = a.filter((e) => e.sequence !== null).length + (refused !== null ? 1 : 0)
  if (shared) return { inForce: trackOf(a, refused), draft: trackOf(b, refused), events }
  const own = replayCase(draft, file, { at })
  return { inForce: trackOf(a, refused), draft: trackOf([...own.evaluations, ...(own.asOf ? [own.asOf] : [])], own.refused?.eventId ?? null), events }
}
