/** Replays a case file: every event evaluated in order, then the case as of a moment. */
import { EventRefused } from '../errors/event-refused.js'
import type { Problem } from '../errors/xingquan-error.js'
import type { CaseState } from '../case/case-state.js'
import type { CaseFile } from '../types/generated.js'
import { evaluateAt, evaluateEvent, type Environment, type Evaluation } from './evaluation.js'

export interface Replay {
  readonly caseId: string
  readonly evaluations: readonly Evaluation[]
  /** The evaluation as of the moment asked for (after the last event); absent when no moment was asked. */
  readonly asOf?: Evaluation
  /** The first event refused, with why; the replay stops there. */
  readonly refused?: { readonly sequence: number; readonly eventId: string; readonly problems: readonly Problem[] }
  readonly state?: CaseState
}

/**
 * Replays every event of a case file, then evaluates it `at` a moment when one is given. With a moment, only
 * the events recorded by then are replayed: the case as the platform knew it at that moment.
 * @example const replay = replayCase(env, caseFile, { at: '2025-11-03T09:00:00+08:00' })
 */
export function replayCase(env: Environment, file: CaseFile, options: { at?: string } = {}): Replay {
  const evaluations: Evaluation[] = []
  let state: CaseState | undefined
  const at = options.at !== undefined ? Date.parse(options.at) : undefined
  for (const [i, event] of file.events.entries()) {
    if (at !== undefined && Date.parse(event.recordedAt) > at) break
    try {
      const next = evaluateEvent(env, state, event, file.caseId, i + 1)
      state = next.state
      evaluations.push(next.evaluation)
    } catch (err) {
      if (!(err instanceof EventRefused)) throw err
      return {
        caseId: file.caseId,
        evaluations,
        refused: { sequence: i + 1, eventId: event.id, problems: err.problems },
        ...(state ? { state } : {}),
      }
    }
  }
  const asOf = options.at !== undefined && state ? evaluateAt(env, state, options.at) : undefined
  return { caseId: file.caseId, evaluations, ...(asOf ? { asOf } : {}), ...(state ? { state } : {}) }
}
