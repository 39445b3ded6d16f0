/** What an evaluation leaves on a case: its record row, its level and alerts, and the notices its firings call for. */
import type { Transaction } from 'kysely'
import type { CaseState } from '../case/case-state.js'
import { calendarOf, ruleSetFor, type Environment, type Evaluation } from '../evaluation/evaluation.js'
import { nextChangeAt } from '../evaluation/next-change.js'
import { dateOf } from '../calendar/iso-date.js'
import type { Firing } from '../rules/rule-set.js'
import type { Database } from '../store/database.js'
import type { CaseEvent } from '../types/generated.js'
import { jsonColumn } from '../store/hash-chain.js'
import { appendRecord, type ChainHead } from '../store/record-writer.js'
import type { NoticeRenderer } from './notice-hook.js'

export const LEVELS = ['none', 'info', 'yellow', 'red'] as const
export type CaseLevel = (typeof LEVELS)[number]

/** The highest level among the firings. */
export function levelOf(firings: readonly Firing[]): CaseLevel {
  let level = 0
  for (const f of firings) level = Math.max(level, LEVELS.indexOf(f.level))
  return LEVELS[level]!
}

/** A firing without its trace: what an alert shows. */
export const alertOf = ({ trace: _trace, ...rest }: Firing) => rest

/**
 * The next moment after `at` at which time alone could change the case's evaluation, under the rules in force.
 * @example nextChangeFor(env, state, '2025-09-26T09:30:00+08:00') // '2025-09-29T00:00:00+08:00'
 */
export function nextChangeFor(env: Environment, state: CaseState, at: string): string | null {
  const jurisdiction = state.header.department.jurisdiction
  const policy = ruleSetFor(env, jurisdiction).policy(dateOf(at))
  return nextChangeAt(calendarOf(env, jurisdiction), state, policy, at)
}

/** What an evaluation says beyond the columns of its own: findings, lapsed packs, catalog version, and later additions. */
export function extraOf(evaluation: Evaluation): Record<string, unknown> | null {
  const { caseId: _c, sequence: _s, eventId: _e, eventType: _t, at: _a, packs: _p, facts: _f, firings: _g, ...rest } = evaluation
  const kept = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>
  return Object.keys(kept).length > 0 ? kept : null
}

export interface NoticeSummary {
  readonly chainSeq: number
  readonly ruleId: string
  readonly title: string
  readonly number: string | null
}

export interface RecordedEvaluation {
  readonly head: ChainHead
  readonly evaluationSeq: number
  readonly level: CaseLevel
  readonly nextChangeAt: string | null
  readonly notices: readonly NoticeSummary[]
}

/**
 * Records an evaluation and its notices at the head of the case's chain, then brings the case projection up to
 * date. Runs inside the caller's transaction.
 * @example const recorded = await recordEvaluation(trx, { env, notices, head, state, evaluation, cause: 'event', … })
 */
export async function recordEvaluation(
  trx: Transaction<Database>,
  input: {
    readonly env: Environment
    readonly notices: NoticeRenderer
    readonly head: ChainHead
    readonly state: CaseState
    readonly evaluation: Evaluation
    readonly cause: 'event' | 'sweep'
    /** Events folded into the state. */
    readonly eventCount: number
    readonly by: string
    /** Rules that fired in the evaluation before: a sweep makes notices only for firings that are new. */
    readonly firedBefore?: ReadonlySet<string>
    readonly afterEvaluationStored?: () => void | Promise<void>
  },
): Promise<RecordedEvaluation> {
  const { env, state, evaluation } = input
  const next = nextChangeFor(env, state, evaluation.at)
  const level = levelOf(evaluation.firings)
  const extra = extraOf(evaluation)
  let head = await appendRecord(trx, input.head, 'evaluations', {
    cause: input.cause,
    sequence: input.eventCount,
    event_id: evaluation.eventId,
    at: evaluation.at,
    packs: jsonColumn(evaluation.packs),
    facts: jsonColumn(evaluation.facts),
    firings: jsonColumn(evaluation.firings),
    level,
    next_change_at: next,
    extra: extra === null ? null : jsonColumn(extra),
    recorded_by: input.by,
  })
  const evaluationSeq = head.seq
  await input.afterEvaluationStored?.()

  const notices: NoticeSummary[] = []
  let events: CaseEvent[] | undefined
  for (const firing of evaluation.firings) {
    if (!firing.notice || input.firedBefore?.has(firing.ruleId)) continue
    events ??= (await trx.selectFrom('case_events').select('body').where('case_id', '=', state.caseId).orderBy('sequence').execute()).map((r) => r.body as CaseEvent)
    const rendered = await input.notices({
      caseId: state.caseId,
      state,
      evaluation,
      firing,
      events,
      allocateNumber: (organ, year) => allocateNumber(trx, organ, year),
    })
    if (!rendered) continue
    head = await appendRecord(trx, head, 'notices', {
      evaluation_seq: evaluationSeq,
      rule_id: firing.ruleId,
      template: rendered.template,
      organ: rendered.organ,
      number: rendered.number,
      title: rendered.title,
      html: rendered.html,
      text: rendered.text,
      recorded_by: input.by,
    })
    notices.push({ chainSeq: head.seq, ruleId: firing.ruleId, title: rendered.title, number: rendered.number })
  }

  const facts = evaluation.facts as { statutoryOverdue?: boolean; promisedOverdue?: boolean; stepOverdue?: boolean }
  await trx
    .updateTable('cases')
    .set({
      status: state.status,
      level,
      overdue: Boolean(facts.statutoryOverdue || facts.promisedOverdue || facts.stepOverdue),
      event_count: input.eventCount,
      next_change_at: next,
      alerts: jsonColumn(evaluation.firings.map(alertOf)),
      last_evaluation_seq: evaluationSeq,
      updated_at: new Date(),
    })
    .where('case_id', '=', state.caseId)
    .execute()
  return { head, evaluationSeq, level, nextChangeAt: next, notices }
}

/**
 * The next number of an organ in a year: the counter row is created or moved forward under its lock.
 * @example await allocateNumber(trx, '理县市场监督管理局', 2025) // 1, then 2, …
 */
export async function allocateNumber(trx: Transaction<Database>, organ: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('notice_counters')
    .values({ organ, year, last: 1 })
    .onConflict((oc) => oc.columns(['organ', 'year']).doUpdateSet((eb) => ({ last: eb('notice_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow()
  return row.last
}
