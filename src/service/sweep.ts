/** The deadline sweep: evaluates exactly the cases whose next change is due, several workers side by side. */
import { sql, type Transaction } from 'kysely'
import type { CaseState } from '../case/case-state.js'
import { XingquanError } from '../errors/xingquan-error.js'
import { evaluateAt, type Evaluation } from '../evaluation/evaluation.js'
import type { Database } from '../store/database.js'
import { insertRecords, linkRecord, type ChainHead } from '../store/record-writer.js'
import type { CaseEvent } from '../types/generated.js'
import { evaluationRecord, nextChangeFor, noticeRecords, NumberCounters, projectionAfter, updateProjections, type Projection } from './case-records.js'
import { loadStates, type LoadedState } from './case-state-loader.js'
import { chinaMoment } from './case-time.js'
import type { Runtime } from './runtime.js'

export const SWEEPER = 'system:sweep'

export interface SweepReport {
  /** Evaluations recorded. */
  readonly evaluated: number
  readonly notices: number
  /** Cases whose evaluation failed (left due, reported, retried by a later sweep). */
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
 * (case, moment) makes a second evaluation of the same deadline impossible. A batch's records are written a few
 * statements at a time (the rows of many cases in one insert, the projections in one update), and a case whose
 * notice cannot be made is left out alone, its number given back, and reported.
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
  for (;;) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break
    const env = rt.env()
    const done = await rt.db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('cases')
        .select(['case_id', 'event_count', 'head_seq', 'head_hash', 'next_change_at', 'alerts'])
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
      // failures are reported in the order the cases were claimed
      const failures: { index: number; caseId: string; code: string; en: string }[] = []
      const fail = (c: { index: number; row: { case_id: string } }, err: XingquanError) => {
        skip.add(c.row.case_id)
        failures.push({ index: c.index, caseId: c.row.case_id, code: err.code, en: err.problems[0]?.en ?? err.message })
      }
      const plain: Due[] = []
      const noticed: Due[] = []
      due.forEach((row, index) => {
        const state = loaded.get(row.case_id)?.state
        if (!state || !row.next_change_at) {
          skip.add(row.case_id)
          return
        }
        let evaluation
        let next
        try {
          // A case overdue for several due moments (the service was down) is evaluated once, at the latest; the next
          // change after that moment, derived last, is the one its records keep.
          let at = chinaMoment(row.next_change_at)
          next = nextChangeFor(env, state, at)
          for (let i = 0; next !== null && Date.parse(next) <= now.getTime() && i < 10_000; i++) {
            at = next
            next = nextChangeFor(env, state, at)
          }
          evaluation = evaluateAt(env, state, at)
        } catch (err) {
          if (!(err instanceof XingquanError)) throw err
          fail({ index, row }, err)
          return
        }
        const firedBefore = new Set((row.alerts as { ruleId: string }[]).map((a) => a.ruleId))
        const c: Due = { index, row, state, evaluation, next, firedBefore }
        if (evaluation.firings.some((f) => f.notice && !firedBefore.has(f.ruleId))) noticed.push(c)
        else plain.push(c)
      })
      const record = (c: Due) => evaluationRecord({ env, state: c.state, evaluation: c.evaluation, cause: 'sweep', eventCount: c.row.event_count, by: SWEEPER, next: c.next })
      const headOf = (c: Due): ChainHead => ({ caseId: c.row.case_id, seq: c.row.head_seq, hash: c.row.head_hash })
      const projections: { caseId: string; projection: Projection }[] = []

      // Cases with no notice to make: nothing but the database can fail in their records, so they are written together.
      const storedAt = new Date()
      const plainRows = plain.map((c) => {
        const r = record(c)
        const { row, next: head } = linkRecord(headOf(c), 'evaluations', r.content, storedAt)
        projections.push({ caseId: c.row.case_id, projection: projectionAfter(c.state, c.evaluation, r.level, r.next, c.row.event_count, head.seq) })
        return row
      })
      await insertRecords(trx, 'evaluations', plainRows)
      evaluated += plain.length

      // Cases with notices to make, in the order claimed: all together in one savepoint; should a notice not be made
      // (an organ not declared…), that savepoint is rolled back (with the numbers taken) and the cases are recorded
      // one by one, each in its own savepoint, so that only the failing case is left out and reported.
      if (noticed.length > 0) {
        const events = await eventsOf(trx, noticed.map((c) => c.row.case_id), loaded)
        const write = async (group: readonly Due[]) => {
          const evaluationRows: Record<string, unknown>[] = []
          const noticeRows: Record<string, unknown>[] = []
          const made: { c: Due; projection: Projection; notices: number }[] = []
          const counters = new NumberCounters(trx)
          for (const c of group) {
            const r = record(c)
            const { row, next: head } = linkRecord(headOf(c), 'evaluations', r.content, new Date())
            evaluationRows.push(row)
            const n = await noticeRecords(trx, {
              notices: rt.notices,
              head,
              evaluationSeq: head.seq,
              state: c.state,
              evaluation: c.evaluation,
              by: SWEEPER,
              events: () => events.get(c.row.case_id) ?? [],
              firedBefore: c.firedBefore,
              counters,
            })
            noticeRows.push(...n.rows)
            made.push({ c, projection: projectionAfter(c.state, c.evaluation, r.level, r.next, c.row.event_count, head.seq), notices: n.notices.length })
          }
          await insertRecords(trx, 'evaluations', evaluationRows)
          await insertRecords(trx, 'notices', noticeRows)
          await counters.flush()
          return made
        }
        let made: Awaited<ReturnType<typeof write>> = []
        await sql`savepoint sweep_group`.execute(trx)
        try {
          made = await write(noticed)
        } catch (err) {
          if (!(err instanceof XingquanError)) throw err
          await sql`rollback to savepoint sweep_group`.execute(trx)
          for (const c of noticed) {
            await sql`savepoint sweep_case`.execute(trx)
            try {
              made.push(...(await write([c])))
              await sql`release savepoint sweep_case`.execute(trx)
            } catch (err) {
              if (!(err instanceof XingquanError)) throw err
              await sql`rollback to savepoint sweep_case`.execute(trx)
              fail(c, err)
            }
          }
        }
        await sql`release savepoint sweep_group`.execute(trx)
        for (const m of made) {
          projections.push({ caseId: m.c.row.case_id, projection: m.projection })
          notices += m.notices
          evaluated++
        }
      }

      await updateProjections(trx, projections)
      failed.push(...failures.sort((a, b) => a.index - b.index).map(({ index: _i, ...f }) => f))
      return due.length
    })
    batches++
    if (done === 0) break
  }
  return { evaluated, notices, failed, batches }
}

/** A claimed case, evaluated at its due moment. */
interface Due {
  readonly index: number
  readonly row: { readonly case_id: string; readonly event_count: number; readonly head_seq: number; readonly head_hash: string }
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly next: string | null
  readonly firedBefore: ReadonlySet<string>
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
 * Sweeps every `intervalMs` until stopped; errors are reported to `onError` and the loop goes on.
 * @example const stop = startSweeper(rt, 60_000); … stop()
 */
export function startSweeper(rt: Runtime, intervalMs: number, onError: (err: unknown) => void = (err) => console.error(err)): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false
  const tick = () => {
    if (stopped) return
    running = sweepDue(rt).catch(onError).finally(() => {
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
