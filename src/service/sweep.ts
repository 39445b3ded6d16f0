/** The deadline sweep: evaluates exactly the cases whose next change is due, several workers side by side. */
import type { Transaction } from 'kysely'
import { outcomeWhenDue, type CaseOutcome } from '../evaluation/case-outcome.js'
import type { Database } from '../store/database.js'
import {
  anyDue,
  caseEvents,
  claimDue,
  NumberCounters,
  setAside,
  writeCasesApart,
  type CaseLock,
  type CaseWrite,
  type DueRow,
  type SetAside,
} from '../store/record-writer.js'
import type { CaseEvent } from '../types/generated.js'
import { restoreDueFromChainNow } from '../store/restore-projection.js'
import { problemOf } from './case-problems.js'
import { loadStates, type LoadedState } from './case-state-loader.js'
import { chinaMoment } from './case-time.js'
import { issueNotices } from './notice-hook.js'
import { serviceLog } from './logger.js'
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
  /** Evaluate only these cases, at `now`, whatever their next change (xingquan recalendar). */
  readonly caseIds?: readonly string[]
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
  if (altered.length > 0)
    serviceLog().warn(
      { code: 'PROJECTION_RESTORED', caseIds: altered },
      'projection altered, restored from the chain and swept',
    )
  // the poll when nothing is due: one probe of the due index, no transaction
  if (!options.caseIds && !(await anyDue(rt.db, now))) return { evaluated, notices, failed, batches }
  for (;;) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break
    const before = { evaluated, notices, failed: failed.length, at: performance.now() }
    const env = rt.env()
    // the states swept and the case rows as this batch leaves them, cached once it has committed
    const cacheAfterCommit: { caseId: string; state: CaseOutcome['state']; lock: CaseLock }[] = []
    const done = await rt.db.transaction().execute(async (trx) => {
      const due = await claimDue(trx, now, size, skip, options.caseIds)
      const loaded = await loadStates(
        trx,
        rt.states,
        due.map((row) => ({ caseId: row.case_id, eventCount: row.event_count })),
      )
      const aside: (SetAside & { index: number })[] = []
      const putAside = (index: number, row: DueRow, err: unknown) => {
        skip.add(row.case_id)
        aside.push({
          index,
          caseId: row.case_id,
          eventCount: row.event_count,
          dueAt: row.next_change_at,
          problem: problemOf(err),
        })
      }
      // evaluated (pure); a case whose data cannot be folded or evaluated is set aside alone
      const prepared: { index: number; row: DueRow; outcome: CaseOutcome }[] = []
      for (const [index, row] of due.entries()) {
        const l = loaded.get(row.case_id)
        if (l?.error !== undefined) {
          putAside(index, row, l.error)
          continue
        }
        if (!l?.state || !row.next_change_at) {
          skip.add(row.case_id)
          continue
        }
        try {
          prepared.push({
            index,
            row,
            outcome: outcomeWhenDue(env, l.state, chinaMoment(row.next_change_at), now.getTime(), new Set(row.fired)),
          })
        } catch (err) {
          putAside(index, row, err)
        }
      }
      // notices planned, numbered and rendered once; a case whose notice cannot be made gives its numbers back
      const counters = new NumberCounters(trx)
      const noticed = prepared.filter((c) => c.outcome.toNotice.length > 0)
      const events = await eventsOf(trx, noticed, loaded)
      const writes: (CaseWrite & { index: number; row: DueRow })[] = []
      for (const c of prepared) {
        const head = { caseId: c.row.case_id, seq: c.row.head_seq, hash: c.row.head_hash }
        let made: Awaited<ReturnType<typeof issueNotices>> = []
        if (c.outcome.toNotice.length > 0) {
          try {
            const request = {
              caseId: c.row.case_id,
              state: c.outcome.state,
              evaluation: c.outcome.evaluation,
              events: events.get(c.row.case_id) ?? [],
            }
            made = await issueNotices(rt.notices, counters, request, c.outcome.toNotice)
          } catch (err) {
            putAside(c.index, c.row, err)
            continue
          }
        }
        writes.push({
          index: c.index,
          row: c.row,
          head,
          cause: 'sweep',
          eventCount: c.row.event_count,
          by: SWEEPER,
          outcome: c.outcome,
          notices: made,
        })
      }
      await counters.flush()
      const { written, refused } = await writeCasesApart(trx, writes)
      for (const r of refused) {
        const w = r.write as (typeof writes)[number]
        putAside(w.index, w.row, r.error)
      }
      for (const w of written) {
        notices += w.write.notices.length
        const { row, outcome } = w.write as (typeof writes)[number]
        const lock = {
          jurisdiction: row.jurisdiction,
          department_code: row.department_code,
          event_count: row.event_count,
          head_seq: w.written.head.seq,
          head_hash: w.written.head.hash,
          fired: outcome.evaluation.firings.map((f) => f.ruleId),
        }
        cacheAfterCommit.push({ caseId: row.case_id, state: outcome.state, lock })
      }
      evaluated += written.length
      aside.sort((x, y) => x.index - y.index)
      await setAside(trx, aside, new Date())
      failed.push(...aside.map((x) => ({ caseId: x.caseId, code: x.problem.code, en: x.problem.en })))
      // cases asked for by id are evaluated once each
      if (options.caseIds) for (const row of due) skip.add(row.case_id)
      return due.length
    })
    for (const c of cacheAfterCommit) rt.states.set(c.caseId, c.lock.event_count, c.state, c.lock)
    batches++
    if (done > 0) logBatch(batches, done, before, { evaluated, notices, failed: failed.length })
    // a batch short of its size took every case due and not locked by another sweeper: no need to ask again
    if (done < size) break
  }
  return { evaluated, notices, failed, batches }
}

/**
 * The events of locked cases as recorded, in order: those read to fold their states, the others in one query.
 * (A locked case gets no new events, so the events its state folds are all of them.)
 */
async function eventsOf(
  trx: Transaction<Database>,
  cases: readonly { readonly row: DueRow }[],
  loaded: ReadonlyMap<string, LoadedState>,
): Promise<Map<string, readonly CaseEvent[]>> {
  const events = new Map<string, readonly CaseEvent[]>()
  const toRead: { caseId: string }[] = []
  for (const { row } of cases) {
    const known = loaded.get(row.case_id)?.events
    if (known) events.set(row.case_id, known)
    else toRead.push({ caseId: row.case_id })
  }
  for (const [caseId, list] of await caseEvents(trx, toRead)) events.set(caseId, list)
  return events
}

/** One log line per batch that had due cases: how many, what it recorded, how long it took. */
function logBatch(batch: number, due: number, before: Counts & { at: number }, after: Counts): void {
  serviceLog().info(
    {
      sweep: {
        batch,
        due,
        evaluated: after.evaluated - before.evaluated,
        notices: after.notices - before.notices,
        setAside: after.failed - before.failed,
        durationMs: Math.round(performance.now() - before.at),
      },
    },
    'sweep batch',
  )
}

interface Counts {
  readonly evaluated: number
  readonly notices: number
  readonly failed: number
}

/**
 * Sweeps every `intervalMs` until stopped; the cases set aside are logged, errors are reported to `onError`, and the
 * loop goes on.
 * @example const stop = startSweeper(rt, 60_000); … stop()
 */
export function startSweeper(
  rt: Runtime,
  intervalMs: number,
  onError: (err: unknown) => void = (err) => serviceLog().error({ err }, 'sweep failed'),
): () => Promise<void> {
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
  for (const f of report.failed) {
    serviceLog().warn(
      { code: 'CASE_SET_ASIDE', caseId: f.caseId, problem: f.code },
      `case ${f.caseId} set aside: ${f.en}`,
    )
  }
  return report
}
