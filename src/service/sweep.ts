/** The deadline sweep: evaluates exactly the cases whose next change is due, several workers side by side. */
import type { Transaction } from 'kysely'
import { outcomeWhenDue, type CaseOutcome } from '../evaluation/case-outcome.js'
import { signedDecision, type SignedDecision } from '../evaluation/evaluation-signature.js'
import type { Database } from '../store/database.js'
import { outboxInsert, settledOutboxId, type OutboxEntry } from '../store/notice-outbox.js'
import {
  anyDue,
  claimDue,
  NumberCounters,
  setAside,
  writeCasesApart,
  writeSweepBatch,
  type CaseLock,
  type SweepNotice,
  type Written,
  type CaseWrite,
  type DueRow,
  type SetAside,
} from '../store/record-writer.js'
import { restoreDueFromChainNow } from '../store/restore-projection.js'
import { problemOf } from './case-problems.js'
import { loadStates } from './case-state-loader.js'
import { chinaMoment } from './case-time.js'
import { hintKey, renderOutbox, type RenderHint, type RenderReport } from './outbox-renderer.js'
import { serviceLog } from './logger.js'
import type { Runtime } from './runtime.js'

export const SWEEPER = 'system:sweep'

export interface SweepReport {
  /** Evaluations recorded. */
  readonly evaluated: number
  /** Notices to make, each numbered and left in the outbox with its evaluation. */
  readonly notices: number
  /** Of those, the notices rendered and recorded once the batches committed (when the sweep waits for them). */
  readonly rendered: number
  /** Notices whose render failed: recorded as attempts and retried later (the cases are not set aside for it). */
  readonly renderFailed: RenderReport['failed']
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
  /**
   * Wait for the notices left in the outbox to be rendered before returning (default true). Either way they are
   * rendered batch by batch as each commits, while the next batch is swept.
   */
  readonly awaitNotices?: boolean
  /**
   * Render the notices in this process (default true); false leaves them in the outbox for a renderer (the sweeper's
   * start-up, or another process's retry), as a crash after the commit would.
   */
  readonly renderNotices?: boolean
}

/**
 * Evaluates every case whose `next_change_at` has come, at that moment, until none is due. Each batch is one
 * transaction that locks its cases with FOR UPDATE SKIP LOCKED, so concurrent sweepers take disjoint cases. A case that
 * missed several due moments (the service was down) is evaluated once, at the latest of them. A unique key on
 * (case, moment, event count) makes a second evaluation of the same deadline with the same events impossible, while a
 * late-recorded event lets the moment be evaluated again. A batch records its evaluations and projections, takes the
 * numbers of the notices its firings call for and leaves one outbox entry per notice; the notices are rendered after
 * the commit (outbox-renderer.ts), and one that cannot be rendered is retried without holding its case back. A case
 * that cannot be evaluated (its data, a row the database refuses) is set aside alone with a recorded problem (see
 * case-problems.ts) and every other case of the batch is swept. Only faults of the database itself (a lost
 * connection) fail the batch.
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
  let rendered = 0
  const renderFailed: RenderReport['failed'][number][] = []
  let rendering: Promise<void> = Promise.resolve()
  const addRendered = (r: RenderReport) => {
    rendered += r.rendered
    renderFailed.push(...r.failed)
  }
  // a fault of the database while rendering leaves the entries pending: the next start-up or retry renders them
  const logRenderError = (err: unknown) =>
    serviceLog().error({ err, code: 'NOTICE_RENDER_FAILED' }, 'notices left in the outbox: render failed')
  // a projection it did not write is not trusted: a case its chain says is due is made due again (and reported)
  const altered = await restoreDueFromChainNow(rt.db, now)
  if (altered.length > 0)
    serviceLog().warn(
      { code: 'PROJECTION_RESTORED', caseIds: altered },
      'projection altered, restored from the chain and swept',
    )
  // the poll when nothing is due: one probe of the due index, no transaction
  if (!options.caseIds && !(await anyDue(rt.db, now)))
    return { evaluated, notices, rendered, renderFailed, failed, batches }
  for (;;) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break
    const before = { evaluated, notices, failed: failed.length, at: performance.now() }
    const env = rt.env()
    // the states swept and the case rows as this batch leaves them, cached once it has committed
    const cacheAfterCommit: {
      caseId: string
      state: CaseOutcome['state']
      lock: CaseLock
      signed: SignedDecision
    }[] = []
    // the outbox entries this batch wrote, rendered once it has committed, from what is still in memory
    const outboxIds: string[] = []
    const hints = new Map<string, RenderHint>()
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
      // the notices' plans (organ and year; the render comes after the commit, from the outbox)
      const plans = new Map<number, SweepNotice[]>()
      for (const c of prepared) {
        if (c.outcome.toNotice.length === 0) continue
        const request = { caseId: c.row.case_id, state: c.outcome.state, evaluation: c.outcome.evaluation }
        const list: SweepNotice[] = []
        for (const firing of c.outcome.toNotice) {
          let plan: ReturnType<typeof rt.notices>
          try {
            plan = rt.notices({ ...request, firing })
          } catch {
            // the renderer makes the plan again, takes the number and records why it cannot, after the commit
            list.push({ ruleId: firing.ruleId, organ: null, year: Number(c.outcome.evaluation.at.slice(0, 4)) })
            continue
          }
          if (plan) list.push({ ruleId: firing.ruleId, organ: plan.organ, year: plan.year })
        }
        if (list.length > 0) plans.set(c.index, list)
      }
      const writes: (CaseWrite & { index: number; row: DueRow; signed: SignedDecision })[] = prepared.map((c) => {
        // an evaluation that decides what the latest one did is recorded as an unchanged row; its signature is the
        // one of the decision this process last wrote for the case when the two decide the same
        const signed = signedDecision(c.outcome, rt.states.latest(c.row.case_id)?.signed)
        const signature = signed.signature
        const sameAs = signature === c.row.signature && c.outcome.toNotice.length === 0 ? c.row.basis : null
        return {
          index: c.index,
          row: c.row,
          signed,
          head: { caseId: c.row.case_id, seq: c.row.head_seq, hash: c.row.head_hash },
          cause: 'sweep',
          eventCount: c.row.event_count,
          by: SWEEPER,
          outcome: c.outcome,
          notices: [],
          signature,
          ...(sameAs !== null ? { sameAs } : {}),
        }
      })
      // the batch in one statement; should the database refuse a row, the cases are written apart
      const one =
        writes.length > 0
          ? await writeSweepBatch(
              trx,
              writes,
              writes.map((w) => plans.get(w.index) ?? []),
            )
          : { written: [], outboxIds: [] }
      let written: { write: CaseWrite; written: Written }[]
      if ('refused' in one) {
        const apart = await writeApart(trx, writes, plans)
        for (const r of apart.refused) {
          const w = r.write as (typeof writes)[number]
          putAside(w.index, w.row, r.error)
        }
        written = apart.written
        outboxIds.push(...apart.outboxIds)
      } else {
        written = writes.map((write, i) => ({ write, written: one.written[i]! }))
        outboxIds.push(...one.outboxIds)
      }
      // what the renderer needs of the evaluations whose notices are left in the outbox, still in memory
      for (const w of written) {
        const { index, row, outcome } = w.write as (typeof writes)[number]
        const planned = plans.get(index)
        if (!planned) continue
        notices += planned.length
        const events = loaded.get(row.case_id)?.events
        hints.set(hintKey(row.case_id, w.written.evaluationSeq), {
          state: outcome.state,
          evaluation: outcome.evaluation,
          eventCount: row.event_count,
          ...(events ? { events } : {}),
        })
      }
      for (const w of written) {
        const { row, outcome, signed } = w.write as (typeof writes)[number]
        const lock = {
          jurisdiction: row.jurisdiction,
          department_code: row.department_code,
          event_count: row.event_count,
          head_seq: w.written.head.seq,
          head_hash: w.written.head.hash,
          fired: outcome.evaluation.firings.map((f) => f.ruleId),
        }
        cacheAfterCommit.push({ caseId: row.case_id, state: outcome.state, lock, signed })
      }
      evaluated += written.length
      aside.sort((x, y) => x.index - y.index)
      await setAside(trx, aside, new Date())
      failed.push(...aside.map((x) => ({ caseId: x.caseId, code: x.problem.code, en: x.problem.en })))
      // cases asked for by id are evaluated once each
      if (options.caseIds) for (const row of due) skip.add(row.case_id)
      return due.length
    })
    for (const c of cacheAfterCommit) rt.states.set(c.caseId, c.lock.event_count, c.state, c.lock, c.signed)
    if (outboxIds.length > 0 && options.renderNotices !== false) {
      const ids = outboxIds
      rendering = rendering.then(() => renderOutbox(rt, { ids, hints }).then(addRendered, logRenderError))
    }
    batches++
    if (done > 0) logBatch(batches, done, before, { evaluated, notices, failed: failed.length })
    // a batch short of its size took every case due and not locked by another sweeper: no need to ask again
    if (done < size) break
  }
  if (options.awaitNotices !== false) await rendering
  else track(rt, rendering)
  return { evaluated, notices, rendered, renderFailed, failed, batches }
}

const inFlight = new WeakMap<object, Set<Promise<void>>>()

function track(rt: Runtime, p: Promise<void>): void {
  const set = inFlight.get(rt.db) ?? new Set()
  inFlight.set(rt.db, set)
  set.add(p)
  void p.finally(() => set.delete(p))
}

/**
 * Waits for the notices that sweeps run with `awaitNotices: false` are still rendering.
 * @example await sweepDue(rt, { awaitNotices: false }); …; await noticesSettled(rt)
 */
export async function noticesSettled(rt: Runtime): Promise<void> {
  await Promise.all([...(inFlight.get(rt.db) ?? [])])
}

/**
 * The batch written case by case, each in its own savepoint (writeCasesApart), when the database refused a row of it:
 * the numbers are taken for the cases written, in their order, and their outbox entries written in one statement.
 */
async function writeApart(
  trx: Transaction<Database>,
  writes: readonly (CaseWrite & { readonly index: number })[],
  plans: ReadonlyMap<number, readonly SweepNotice[]>,
) {
  const { written, refused } = await writeCasesApart(trx, writes)
  const counters = new NumberCounters(trx)
  const entries: OutboxEntry[] = []
  for (const w of written) {
    const { index, head } = w.write as (typeof writes)[number]
    for (const p of plans.get(index) ?? []) {
      const sequence = p.organ === null ? null : await counters.next(p.organ, p.year)
      entries.push({ caseId: head.caseId, evaluationSeq: w.written.evaluationSeq, by: SWEEPER, ...p, sequence })
    }
  }
  await counters.flush()
  const insert = outboxInsert(entries, new Date())
  const outboxIds = insert ? (await insert.execute(trx)).rows.map((r) => r.id) : []
  return { written, refused, outboxIds }
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
  // the first tick renders what the outbox holds (a crash between a sweep's commit and its renders); later ticks
  // retry the renders that failed, once their backoff has passed, and render the entries never tried that another
  // process left (it crashed after its sweep committed): those stored after the low-water mark, a while ago
  let scope: 'all' | 'failed' = 'all'
  let lastRetry = 0
  let lowWater = '0'
  const render = async () => {
    const untried = { afterId: lowWater, storedBefore: new Date(Date.now() - UNTRIED_AFTER_MS) }
    logRenders(await renderOutbox(rt, { scope, untried }))
    lowWater = await settledOutboxId(rt.db, lowWater, new Date(Date.now() - SETTLED_AFTER_MS))
  }
  const tick = () => {
    if (stopped) return
    const retry = scope === 'all' || Date.now() - lastRetry >= RETRY_EVERY_MS
    running = (retry ? render() : Promise.resolve())
      .then(() => {
        if (retry) lastRetry = Date.now()
        scope = 'failed'
        return sweepDue(rt)
      })
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

/** How often the sweeper retries the renders that failed (each entry waits out its own backoff too). */
const RETRY_EVERY_MS = 60_000
/** An entry never tried this long after it was stored was left by a process that stopped: another renders it. */
const UNTRIED_AFTER_MS = 2 * 60_000
/** Entries stored this long ago are all committed: the scan for entries never tried starts after the last of them. */
const SETTLED_AFTER_MS = 10 * 60_000

function logRenders(r: RenderReport): void {
  if (r.rendered > 0)
    serviceLog().info({ rendered: r.rendered, failed: r.failed.length }, 'notices rendered from the outbox')
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
