/** What an evaluation leaves on a case: its record row, its level and alerts, and the notices its firings call for. */
import { sql, type Transaction } from 'kysely'
import type { CaseState } from '../case/case-state.js'
import { calendarOf, ruleSetFor, type Environment, type Evaluation } from '../evaluation/evaluation.js'
import { nextChangeAt } from '../evaluation/next-change.js'
import { firingsToNotice } from '../evaluation/notice-episode.js'
import type { Firing } from '../rules/rule-set.js'
import type { Database } from '../store/database.js'
import type { CaseEvent } from '../types/generated.js'
import { derivedProjection } from '../store/case-projection.js'
import { jsonColumn } from '../store/hash-chain.js'
import { appendRecord, insertRecords, linkRecord, type ChainHead, type RecordContent } from '../store/record-writer.js'
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
  // the case's time policy is the one of the day it opened (its power's law then)
  const policy = ruleSetFor(env, jurisdiction).policy(state.acceptedOn)
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

/** The case projection's columns after an evaluation. */
export interface Projection {
  readonly status: string
  readonly level: CaseLevel
  readonly overdue: boolean
  readonly event_count: number
  readonly next_change_at: string | null
  readonly alerts: string
  readonly last_evaluation_seq: number
  /** An evaluation recorded clears the problem that set the case aside. */
  readonly problem: null
  readonly updated_at: Date
}

/**
 * An evaluation's record row (not yet linked into the chain), its level, and the case's next change: `next` when the
 * caller has already derived it for this state and moment, else derived here.
 * @example const { content, level, next } = evaluationRecord({ env, state, evaluation, cause: 'sweep', eventCount: 3, by })
 */
export function evaluationRecord(input: {
  readonly env: Environment
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly cause: 'event' | 'sweep'
  readonly eventCount: number
  readonly by: string
  readonly next?: string | null
}): { content: RecordContent['evaluations']; level: CaseLevel; next: string | null } {
  const { evaluation } = input
  const next = input.next !== undefined ? input.next : nextChangeFor(input.env, input.state, evaluation.at)
  const level = levelOf(evaluation.firings)
  const extra = extraOf(evaluation)
  const content: RecordContent['evaluations'] = {
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
  }
  return { content, level, next }
}

/**
 * What the case projection holds after an evaluation recorded at `evaluationSeq`.
 * @example await trx.updateTable('cases').set(projectionAfter(state, evaluation, level, next, 3, 7)).where(…)
 */
export function projectionAfter(state: CaseState, evaluation: Evaluation, level: CaseLevel, next: string | null, eventCount: number, evaluationSeq: number): Projection {
  const latest = { chainSeq: evaluationSeq, level, facts: evaluation.facts as unknown as Record<string, unknown>, firings: evaluation.firings as unknown as Record<string, unknown>[], nextChangeAt: next }
  const p = derivedProjection(latest, eventCount)
  return { ...p, status: state.status, level, last_evaluation_seq: evaluationSeq, alerts: jsonColumn(p.alerts), problem: null, updated_at: new Date() }
}

/**
 * Renders the notices of the firings given (numbers are taken from the organ's counter in the
 * transaction) and links their rows after `head`; the caller inserts them. The case's events are asked for only when
 * a notice is to be made.
 * @example const made = await noticeRecords(trx, { notices, head, evaluationSeq, state, evaluation, by, events: () => load() })
 */
export async function noticeRecords(
  trx: Transaction<Database>,
  input: {
    readonly notices: NoticeRenderer
    /** The head after the evaluation's own row. */
    readonly head: ChainHead
    readonly evaluationSeq: number
    readonly state: CaseState
    readonly evaluation: Evaluation
    readonly by: string
    /** The case's events as recorded, in order. */
    readonly events: () => Promise<readonly CaseEvent[]> | readonly CaseEvent[]
    /** The firings that issue their notice (firingsToNotice: once per episode). */
    readonly firings: readonly Firing[]
    /** Where numbers are taken (default: each from its counter in the database). */
    readonly counters?: NumberCounters
  },
): Promise<{ rows: Record<string, unknown>[]; head: ChainHead; notices: NoticeSummary[] }> {
  const { state, evaluation } = input
  const rows: Record<string, unknown>[] = []
  const notices: NoticeSummary[] = []
  let head = input.head
  let events: readonly CaseEvent[] | undefined
  for (const firing of input.firings) {
    events ??= await input.events()
    const rendered = await input.notices({
      caseId: state.caseId,
      state,
      evaluation,
      firing,
      events,
      allocateNumber: (organ, year) => (input.counters ? input.counters.next(organ, year) : allocateNumber(trx, organ, year)),
    })
    if (!rendered) continue
    const linked = linkRecord(head, 'notices', {
      evaluation_seq: input.evaluationSeq,
      rule_id: firing.ruleId,
      template: rendered.template,
      organ: rendered.organ,
      number: rendered.number,
      title: rendered.title,
      html: rendered.html,
      text: rendered.text,
      recorded_by: input.by,
    }, new Date())
    rows.push(linked.row)
    head = linked.next
    notices.push({ chainSeq: head.seq, ruleId: firing.ruleId, title: rendered.title, number: rendered.number })
  }
  return { rows, head, notices }
}

/**
 * The case's events as recorded, in order.
 * @example const events = await caseEvents(trx, 'c1')
 */
export async function caseEvents(trx: Transaction<Database>, caseId: string): Promise<CaseEvent[]> {
  return (await trx.selectFrom('case_events').select('body').where('case_id', '=', caseId).orderBy('sequence').execute()).map((r) => r.body as CaseEvent)
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
    /** The rule ids of the firings of the case's previous evaluation: a firing that goes on issues no second notice. */
    readonly firedBefore: ReadonlySet<string>
    readonly afterEvaluationStored?: () => void | Promise<void>
  },
): Promise<RecordedEvaluation> {
  const { state, evaluation } = input
  const { content, level, next } = evaluationRecord(input)
  let head = await appendRecord(trx, input.head, 'evaluations', content)
  const evaluationSeq = head.seq
  await input.afterEvaluationStored?.()

  const made = await noticeRecords(trx, {
    notices: input.notices,
    head,
    evaluationSeq,
    state,
    evaluation,
    by: input.by,
    events: () => caseEvents(trx, state.caseId),
    firings: firingsToNotice(input.firedBefore, evaluation.firings),
  })
  await insertRecords(trx, 'notices', made.rows)
  head = made.head

  await trx.updateTable('cases').set(projectionAfter(state, evaluation, level, next, input.eventCount, evaluationSeq)).where('case_id', '=', state.caseId).execute()
  return { head, evaluationSeq, level, nextChangeAt: next, notices: made.notices }
}

/**
 * Brings several cases' projections up to date in one statement.
 * @example await updateProjections(trx, [{ caseId: 'c1', projection }])
 */
export async function updateProjections(trx: Transaction<Database>, items: readonly { readonly caseId: string; readonly projection: Projection }[]): Promise<void> {
  for (let i = 0; i < items.length; i += 200) {
    const values = items
      .slice(i, i + 200)
      .map(
        ({ caseId, projection: p }) =>
          sql`(${caseId}::text, ${p.status}::text, ${p.level}::text, ${p.overdue}::boolean, ${p.event_count}::integer, ${p.next_change_at}::timestamptz, ${p.alerts}::jsonb, ${p.last_evaluation_seq}::integer, ${p.updated_at}::timestamptz)`,
      )
    await sql`
      update cases set status = v.status, level = v.level, overdue = v.overdue, event_count = v.event_count, next_change_at = v.next_change_at,
                       alerts = v.alerts, last_evaluation_seq = v.last_evaluation_seq, problem = null, updated_at = v.updated_at
      from (values ${sql.join(values)}) as v (case_id, status, level, overdue, event_count, next_change_at, alerts, last_evaluation_seq, updated_at)
      where cases.case_id = v.case_id`.execute(trx)
  }
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

/**
 * Notice numbers taken in one transaction (or savepoint) without a round trip each: an organ's first number of a year
 * moves its counter in the database, which locks the counter row until the transaction ends; the next ones count on
 * from it, and `flush` writes where each counter stands. The numbers are those one allocateNumber call per notice
 * would give. Flush before the transaction (or savepoint) ends; roll back with it and discard the object.
 * @example const counters = new NumberCounters(trx); await counters.next('lx-scjgj', 2025); …; await counters.flush()
 */
export class NumberCounters {
  private readonly taken = new Map<string, { readonly organ: string; readonly year: number; readonly first: number; last: number }>()
  constructor(private readonly trx: Transaction<Database>) {}

  async next(organ: string, year: number): Promise<number> {
    const key = `${year}\u0000${organ}`
    const counter = this.taken.get(key)
    if (counter) return ++counter.last
    const first = await allocateNumber(this.trx, organ, year)
    this.taken.set(key, { organ, year, first, last: first })
    return first
  }

  async flush(): Promise<void> {
    for (const c of this.taken.values()) {
      if (c.last > c.first) await this.trx.updateTable('notice_counters').set({ last: c.last }).where('organ', '=', c.organ).where('year', '=', c.year).execute()
    }
  }
}
