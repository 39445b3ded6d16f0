/** The deadline sweep: evaluates exactly the cases whose next change is due, several workers side by side. */
import { sql, type Transaction } from 'kysely'
import type { CaseState } from '../case/case-state.js'
import { XingquanError } from '../errors/xingquan-error.js'
import { evaluateAt, type Evaluation } from '../evaluation/evaluation.js'
import { firingsToNotice } from '../evaluation/notice-episode.js'
import type { Firing } from '../rules/rule-set.js'
import type { Database } from '../store/database.js'
import { restoreDueFromChainNow } from '../store/restore-projection.js'
import { insertRecords, linkRecord, type ChainHead } from '../store/record-writer.js'
import type { CaseEvent } from '../types/generated.js'
import { evaluationRecord, nextChangeFor, noticeRecords, NumberCounters, projectionAfter, updateProjections, type Projection } from './case-records.js'
import { loadStates, type LoadedState } from './case-state-loader.js'
import { chinaMoment } from './case-time.js'
import { problemOf, setAside, type SetAside } from './case-problems.js'
import type { Runtime } from './runtime.js'

export const SWEEPER = 'system:sweep'

export interface SweepReport {
  /** Evaluations recorded. */
  readonly evaluated: number
  readonly notices: number
  /** Cases set aside because they could not be evaluated: each has a recorded problem, stays due and is retried. */
  readonly failed: readonly { readonly caseId: string; readonly code: string; readonly en: string }[]
  readonly batches: number
}

export interface SweepOptions {
  /** What counts as now (default: the runtime's clock). */
  readonly now?: Date
  /** Cases per transaction (default 200). */
  readonly batch?: number
  /** Stop after this many batches (default: until nothing is due). */
  readonly maxBatches?: number
}

/**
 * Evaluates every case whose `next_change_at` has come, at that moment, until none is due. Each batch is one
 * transaction that locks its cases with FOR UPDATE SKIP LOCKED, so concurrent sweepers take disjoint cases. A case that
 * missed several due moments (the service was down) is evaluated once, at the latest of them. A unique key on
 * (case, moment, event count) makes a second evaluation of the same deadline with the same events impossible, while a
 * late-recorded event lets the moment be evaluated again. A batch's records are written a few statements at a time;
 * a case that cannot be evaluated (its data, a notice that cannot be made, a row the database refuses) is set aside
 * alone with a recorded problem (see case-problems.ts) and every other case of the batch is swept. Only faults of the
 * database itself (a lost connection) fail the batch.
 * @example const report = await sweepDue(rt, { now: new Date('2025-11-03T01:00:00Z') })
 */
export async function sweepDue(rt: Runtime, options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? rt.clock()
  const size = options.batch ?? 200
  const failed: { caseId: string; code: string; en: string }[] = []
  const skip = new Set<string>()
  let evaluated = 0
  let notices = 0
  let batches = 0
  // a projection it did not write is not trusted: a case its chain says is due is made due again (and reported)
  const altered = await restoreDueFromChainNow(rt.db, now)
  if (altered.length > 0) console.warn(`xingquan: projection altered, restored from the chain and swept: ${altered.join(', ')}`)
  for (;;) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break
    const env = rt.env()
    const done = await rt.db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('cases')
        .select(['case_id', 'event_count', 'head_seq', 'head_hash', 'next_change_at'])
        .select(sql<string[]>`jsonb_path_query_array(alerts, '$[*].ruleId')`.as('fired'))
        .where('next_change_at', '<=', now)
        .orderBy('next_change_at')
        .limit(size)
        .forUpdate()
        .skipLocked()
      if (skip.size > 0) q = q.where('case_id', 'not in', [...skip])
      const due = await q.execute()
      const loaded = await loadStates(
        trx,
        rt.states,
        due.map((row) => ({ caseId: row.case_id, eventCount: row.event_count })),
      )
      const aside: (SetAside & { index: number })[] = []
      const putAside = (index: number, row: DueRow, err: unknown) => {
        skip.add(row.case_id)
        aside.push({ index, caseId: row.case_id, eventCount: row.event_count, dueAt: row.next_change_at, problem: problemOf(err) })
      }
      const prepared: Due[] = []
      due.forEach((row, index) => {
        const l = loaded.get(row.case_id)
        if (l?.error !== undefined) {
          putAside(index, row, l.error)
          return
        }
        const state = l?.state
        if (!state || !row.next_change_at) {
          skip.add(row.case_id)
          return
        }
        try {
          // A case overdue for several due moments (the service was down) is evaluated once, at the latest; the next
          // change after that moment, derived last, is the one its records keep.
          let at = chinaMoment(row.next_change_at)
          let next = nextChangeFor(env, state, at)
          for (let i = 0; next !== null && Date.parse(next) <= now.getTime() && i < 10_000; i++) {
            at = next
            next = nextChangeFor(env, state, at)
          }
          const evaluation = evaluateAt(env, state, at)
          const toNotice = firingsToNotice(new Set(row.fired), evaluation.firings)
          prepared.push({ index, row, state, evaluation, next, toNotice })
        } catch (err) {
          putAside(index, row, err)
        }
      })

      // All the batch's records in one savepoint; should one case's records fail (a notice that cannot be made, a row
      // the database refuses), that savepoint is rolled back (with the numbers taken) and the cases are written one
      // by one, each in its own savepoint, so that only the failing case is set aside.
      const events = await eventsOf(trx, prepared.filter((c) => c.toNotice.length > 0).map((c) => c.row.case_id), loaded)
      const write = async (group: readonly Due[]) => {
        const evaluationRows: Record<string, unknown>[] = []
        const noticeRows: Record<string, unknown>[] = []
        const made: { c: Due; projection: Projection; notices: number }[] = []
        const counters = new NumberCounters(trx)
        const storedAt = new Date()
        for (const c of group) {
          const r = evaluationRecord({ env, state: c.state, evaluation: c.evaluation, cause: 'sweep', eventCount: c.row.event_count, by: SWEEPER, next: c.next })
          const { row, next: head } = linkRecord(headOf(c), 'evaluations', r.content, storedAt)
          evaluationRows.push(row)
          let count = 0
          if (c.toNotice.length > 0) {
            const n = await noticeRecords(trx, {
              notices: rt.notices,
              head,
              evaluationSeq: head.seq,
              state: c.state,
              evaluation: c.evaluation,
              firings: c.toNotice,
              by: SWEEPER,
              events: () => events.get(c.row.case_id) ?? [],
              counters,
            })
            noticeRows.push(...n.rows)
            count = n.notices.length
          }
          made.push({ c, projection: projectionAfter(c.state, c.evaluation, r.level, r.next, c.row.event_count, head.seq), notices: count })
        }
        await insertRecords(trx, 'evaluations', evaluationRows)
        await insertRecords(trx, 'notices', noticeRows)
        await counters.flush()
        return made
      }
      let made: Awaited<ReturnType<typeof write>> = []
      if (prepared.length > 0) {
        await sql`savepoint sweep_group`.execute(trx)
        try {
          made = await write(prepared)
        } catch (err) {
          if (!isCaseDataError(err)) throw err
          await sql`rollback to savepoint sweep_group`.execute(trx)
          for (const c of prepared) {
            await sql`savepoint sweep_case`.execute(trx)
            try {
              made.push(...(await write([c])))
              await sql`release savepoint sweep_case`.execute(trx)
            } catch (err) {
              if (!isCaseDataError(err)) throw err
              await sql`rollback to savepoint sweep_case`.execute(trx)
              putAside(c.index, c.row, err)
            }
          }
        }
        await sql`release savepoint sweep_group`.execute(trx)
      }
      await updateProjections(
        trx,
        made.map((m) => ({ caseId: m.c.row.case_id, projection: m.projection })),
      )
      for (const m of made) notices += m.notices
      evaluated += made.length
      aside.sort((a, b) => a.index - b.index)
      await setAside(trx, aside, new Date())
      failed.push(...aside.map((a) => ({ caseId: a.caseId, code: a.problem.code, en: a.problem.en })))
      return due.length
    })
    batches++
    if (done === 0) break
  }
  return { evaluated, notices, failed, batches }
}

/** A claimed case's row. */
interface DueRow {
  readonly case_id: string
  readonly event_count: number
  readonly head_seq: number
  readonly head_hash: string
  readonly next_change_at: Date | null
  /** The rule ids of its previous evaluation's firings. */
  readonly fired: readonly string[]
}

/** A claimed case, evaluated at its due moment, with the firings that issue their notice. */
interface Due {
  readonly index: number
  readonly row: DueRow
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly next: string | null
  readonly toNotice: readonly Firing[]
}

const headOf = (c: Due): ChainHead => ({ caseId: c.row.case_id, seq: c.row.head_seq, hash: c.row.head_hash })

/**
 * Whether an error comes from one case's data (a refusal, a thrown error in the evaluation or a template, a value or
 * constraint the database refuses: SQLSTATE classes 22 and 23) rather than a fault of the database or the network.
 */
function isCaseDataError(err: unknown): boolean {
  if (err instanceof XingquanError) return true
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return err instanceof Error
  return /^2[23][0-9A-Z]{3}$/.test(code)
}

/**
 * The events of locked cases as recorded, in order: those read to fold their states, the others in one query.
 * (A locked case gets no new events, so the events its state folds are all of them.)
 */
async function eventsOf(trx: Transaction<Database>, caseIds: readonly string[], loaded: ReadonlyMap<string, LoadedState>): Promise<Map<string, readonly CaseEvent[]>> {
  const events = new Map<string, CaseEvent[]>()
  const toRead: string[] = []
  for (const caseId of caseIds) {
    const known = loaded.get(caseId)?.events
    if (known) events.set(caseId, [...known])
    else toRead.push(caseId)
  }
  if (toRead.length > 0) {
    for (const caseId of toRead) events.set(caseId, [])
    const rows = await trx.selectFrom('case_events').select(['case_id', 'body']).where('case_id', 'in', toRead).orderBy('case_id').orderBy('sequence').execute()
    for (const r of rows) events.get(r.case_id)!.push(r.body as CaseEvent)
  }
  return events
}

/**
 * Sweeps every `intervalMs` until stopped; the cases set aside are logged, errors are reported to `onError`, and the
 * loop goes on.
 * @example const stop = startSweeper(rt, 60_000); … stop()
 */
export function startSweeper(rt: Runtime, intervalMs: number, onError: (err: unknown) => void = (err) => console.error(err)): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false
  const tick = () => {
    if (stopped) return
    running = sweepDue(rt)
      .then(logSetAside)
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs)
      })
  }
  let timer = setTimeout(tick, 0)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}

/**
 * Writes one line to the log for each case a sweep set aside.
 * @example logSetAside(await sweepDue(rt))
 */
export function logSetAside(report: SweepReport): SweepReport {
  for (const f of report.failed) console.error(`[CASE_SET_ASIDE] 办件 ${f.caseId} 无法评估，已搁置并记录 / case ${f.caseId} set aside: [${f.code}] ${f.en}`)
  return report
}
