/**
 * The notices of a case waiting in the outbox, as an auditor is shown them: the sweep numbered them, the renderer has
 * not made them yet or failed to (each failure an attempt with its error); with the firing they come from.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import { storedEvaluations, unrenderedNotices } from '../store/notice-outbox.js'
import type { Firing } from '../types/generated.js'
import { hintKey, MAX_RENDER_ATTEMPTS } from './outbox-renderer.js'

/** A notice not made (yet), as the API lists it. */
export interface WaitingNotice {
  readonly evaluationSeq: number
  readonly ruleId: string
  /** The title of the firing the notice is for, and its level (null when its evaluation cannot be read). */
  readonly title: string | null
  readonly level: string | null
  /** The moment of the evaluation that fired the rule. */
  readonly evaluatedAt: string | null
  readonly attempts: number
  /** Whether the renderer will try again by itself (false once MAX_RENDER_ATTEMPTS have failed). */
  readonly retrying: boolean
  readonly lastError: { readonly code: string; readonly zh: string; readonly en: string; readonly at: string } | null
}

/**
 * The case's notices waiting in the outbox, oldest first, each with its firing and its last failed attempt.
 * @example const waiting = await waitingNotices(rt.db, 'c1') // [{ ruleId, attempts: 2, lastError: { zh, en, … } }]
 */
export async function waitingNotices(db: Kysely<Database>, caseId: string): Promise<WaitingNotice[]> {
  const entries = await unrenderedNotices(db, caseId)
  if (entries.length === 0) return []
  const evaluations = await storedEvaluations(
    db,
    [...new Set(entries.map((e) => e.evaluationSeq))].map((evaluationSeq) => ({ caseId, evaluationSeq })),
  )
  return entries.map((e) => {
    const evaluation = evaluations.get(hintKey(caseId, e.evaluationSeq))
    const firing = (evaluation?.firings as Firing[] | undefined)?.find((f) => f.ruleId === e.ruleId)
    return {
      evaluationSeq: e.evaluationSeq,
      ruleId: e.ruleId,
      title: firing?.title ?? null,
      level: firing?.level ?? null,
      evaluatedAt: evaluation?.at ?? null,
      attempts: e.attempts,
      retrying: e.attempts < MAX_RENDER_ATTEMPTS,
      lastError: e.lastError && { ...e.lastError, at: e.lastError.at.toISOString() },
    }
  })
}
