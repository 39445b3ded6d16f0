/** The deadline sweep: evaluates exactly the cases whose next change is due, several workers side by side. */
import { sql } from 'kysely'
import { XingquanError } from '../errors/xingquan-error.js'
import { evaluateAt } from '../evaluation/evaluation.js'
import { nextChangeFor, recordEvaluation } from './case-records.js'
import { loadState } from './case-state-loader.js'
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
 * (case, moment) makes a second evaluation of the same deadline impossible.
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
      for (const row of due) {
        const state = await loadState(trx, rt.states, row.case_id, row.event_count)
        if (!state || !row.next_change_at) {
          skip.add(row.case_id)
          continue
        }
        let evaluation
        try {
          // A case overdue for several due moments (the service was down) is evaluated once, at the latest.
          let at = chinaMoment(row.next_change_at)
          for (let i = 0, next = nextChangeFor(env, state, at); next !== null && Date.parse(next) <= now.getTime() && i < 10_000; i++) {
            at = next
            next = nextChangeFor(env, state, at)
          }
          evaluation = evaluateAt(env, state, at)
        } catch (err) {
          if (!(err instanceof XingquanError)) throw err
          skip.add(row.case_id)
          failed.push({ caseId: row.case_id, code: err.code, en: err.problems[0]?.en ?? err.message })
          continue
        }
        const firedBefore = new Set((row.alerts as { ruleId: string }[]).map((a) => a.ruleId))
        // A case whose records cannot be made (a notice without its organ…) is rolled back alone and reported.
        await sql`savepoint sweep_case`.execute(trx)
        try {
          const recorded = await recordEvaluation(trx, {
            env,
            notices: rt.notices,
            head: { caseId: row.case_id, seq: row.head_seq, hash: row.head_hash },
            state,
            evaluation,
            cause: 'sweep',
            eventCount: row.event_count,
            by: SWEEPER,
            firedBefore,
          })
          await sql`release savepoint sweep_case`.execute(trx)
          notices += recorded.notices.length
          evaluated++
        } catch (err) {
          if (!(err instanceof XingquanError)) throw err
          await sql`rollback to savepoint sweep_case`.execute(trx)
          skip.add(row.case_id)
          failed.push({ caseId: row.case_id, code: err.code, en: err.problems[0]?.en ?? err.message })
        }
      }
      return due.length
    })
    batches++
    if (done === 0) break
  }
  return { evaluated, notices, failed, batches }
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
