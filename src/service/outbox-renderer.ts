/**
 * The notices the sweep left in the outbox, made after its commit: each pending entry is claimed (FOR UPDATE SKIP
 * LOCKED, so two processes never take one entry), its case locked, its notice rendered from the number the sweep took
 * and recorded in the case's chain, once (notices are unique on evaluation and rule). A render that fails is recorded
 * as an attempt with its error (append-only), logged, and retried later with a backoff, up to MAX_RENDER_ATTEMPTS.
 */
import type { Transaction } from 'kysely'
import type { CaseState } from '../case/case-state.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import { XingquanError } from '../errors/xingquan-error.js'
import type { Firing } from '../rules/rule-set.js'
import type { Database } from '../store/database.js'
import {
  claimEntries,
  entryKey,
  lockHeads,
  pendingEntries,
  recordRenders,
  renderedKeys,
  storedEvaluations,
  type FailedAttempt,
  type MadeNotice,
  type StoredEntry,
} from '../store/notice-outbox.js'
import { caseEvents, NumberCounters } from '../store/record-writer.js'
import type { CaseEvent } from '../types/generated.js'
import { problemOf } from './case-problems.js'
import { loadStates } from './case-state-loader.js'
import { serviceLog } from './logger.js'
import type { Runtime } from './runtime.js'

/** Attempts after which an entry is no longer retried by itself (it stays listed as unrendered). */
export const MAX_RENDER_ATTEMPTS = 8
/** Minutes to wait after the n-th failed attempt before the next (the last figure for every later one). */
export const RENDER_BACKOFF_MINUTES: readonly number[] = [1, 5, 15, 60, 240, 720, 1440]

/** What the sweep still holds in memory of an evaluation whose notices it left: no need to read it back. */
export interface RenderHint {
  readonly state: CaseState
  readonly evaluation: Evaluation
  /** The events the state folds. */
  readonly eventCount: number
  readonly events?: readonly CaseEvent[]
}

/** The key of a hint: the case and the evaluation's chain position. */
export const hintKey = (caseId: string, evaluationSeq: number) => `${caseId}\u0000${evaluationSeq}`

export interface RenderReport {
  readonly rendered: number
  readonly failed: readonly {
    readonly caseId: string
    readonly ruleId: string
    readonly code: string
    readonly en: string
  }[]
}

/**
 * Renders pending outbox entries: those given by id (just written by a sweep), or every entry due for an attempt
 * (what a crash left, and failures whose backoff has passed), `chunk` entries per transaction.
 * @example await renderOutbox(rt) // at start-up; renderOutbox(rt, { ids, hints }) after a sweep's batch commits
 */
export async function renderOutbox(
  rt: Runtime,
  options: {
    readonly ids?: readonly string[]
    readonly hints?: ReadonlyMap<string, RenderHint>
    readonly now?: Date
    readonly chunk?: number
    /** Without ids: every pending entry (start-up: what a crash left), or only those that failed before (default). */
    readonly scope?: 'all' | 'failed'
    /**
     * With the scope 'failed': also the entries never tried after `afterId` and stored before `storedBefore` (what
     * another process left when it crashed between its sweep's commit and the renders).
     */
    readonly untried?: { readonly afterId: string; readonly storedBefore: Date }
  } = {},
): Promise<RenderReport> {
  const now = options.now ?? rt.clock()
  const chunk = options.chunk ?? 100
  const failed: { caseId: string; ruleId: string; code: string; en: string }[] = []
  let rendered = 0
  const seen = new Set<string>()
  // entries just written: claimed as they are (the claim skips those another renderer holds, and what is rendered
  // already is left once the cases are locked)
  if (options.ids) {
    for (let i = 0; i < options.ids.length; i += chunk) {
      const r = await renderChunk(rt, options.ids.slice(i, i + chunk), options.hints, now)
      rendered += r.rendered
      failed.push(...r.failed)
    }
    return { rendered, failed }
  }
  const scans =
    options.scope === 'all' ? [{}] : [{ failedOnly: true }, ...(options.untried ? [{ untried: options.untried }] : [])]
  for (let scan = 0; scan < scans.length; ) {
    const ids = (
      await pendingEntries(rt.db, {
        ...scans[scan],
        now,
        maxAttempts: MAX_RENDER_ATTEMPTS,
        backoffMinutes: RENDER_BACKOFF_MINUTES,
        limit: chunk * 10,
      })
    ).filter((id) => !seen.has(id))
    if (ids.length === 0) {
      scan++
      continue
    }
    for (const id of ids) seen.add(id)
    for (let i = 0; i < ids.length; i += chunk) {
      const r = await renderChunk(rt, ids.slice(i, i + chunk), options.hints, now)
      rendered += r.rendered
      failed.push(...r.failed)
    }
  }
  return { rendered, failed }
}

async function renderChunk(
  rt: Runtime,
  ids: readonly string[],
  hints: ReadonlyMap<string, RenderHint> | undefined,
  now: Date,
): Promise<RenderReport> {
  const failures: (FailedAttempt & { caseId: string; ruleId: string })[] = []
  let rendered = 0
  await rt.db.transaction().execute(async (trx) => {
    const claimed = await claimEntries(trx, ids)
    if (claimed.length === 0) return
    const heads = await lockHeads(
      trx,
      claimed.map((e) => e.caseId),
    )
    // read once the cases are locked: a notice another renderer recorded before is seen here
    const done = await renderedKeys(trx, claimed)
    const entries = claimed.filter((e) => !done.has(entryKey(e)) && heads.has(e.caseId))
    if (entries.length === 0) return
    const inputs = await inputsOf(trx, entries, hints)
    const counters = new NumberCounters(trx)
    const made: MadeNotice[] = []
    for (const entry of entries) {
      const fail = (err: unknown) =>
        failures.push({
          outboxId: entry.id,
          attempt: entry.attempts + 1,
          problem: problemOf(err),
          caseId: entry.caseId,
          ruleId: entry.ruleId,
        })
      const input = inputs.get(hintKey(entry.caseId, entry.evaluationSeq))
      if (!input || 'error' in input) {
        fail(input?.error ?? missing(entry))
        continue
      }
      const firing = (input.evaluation.firings as Firing[]).find((f) => f.ruleId === entry.ruleId)
      let taken: { organ: string; year: number; number: number } | undefined
      try {
        if (!firing) throw missing(entry)
        const plan = rt.notices({
          caseId: entry.caseId,
          state: input.state,
          evaluation: input.evaluation,
          firing,
          ...(input.events ? { events: input.events } : {}),
        })
        if (!plan) throw noPlan(entry)
        if (entry.organ !== null && plan.organ !== entry.organ) throw organMoved(entry, plan.organ)
        let sequence = entry.sequence
        // a plan that failed in the sweep took no number: it is taken now, in this transaction
        if (sequence === null && plan.organ !== null) {
          sequence = await counters.next(plan.organ, plan.year)
          taken = { organ: plan.organ, year: plan.year, number: sequence }
        }
        const n = plan.render(sequence)
        made.push({
          caseId: entry.caseId,
          by: entry.by,
          evaluation_seq: entry.evaluationSeq,
          rule_id: entry.ruleId,
          template: n.template,
          organ: n.organ,
          number: n.number,
          title: n.title,
          html: n.html,
          text: n.text,
        })
      } catch (err) {
        if (taken) counters.giveBack(taken.organ, taken.year, taken.number)
        fail(err)
      }
    }
    await counters.flush()
    await recordRenders(trx, heads, made, failures, new Date(), now)
    rendered = made.length
  })
  for (const f of failures)
    serviceLog().warn(
      { code: 'NOTICE_RENDER_FAILED', caseId: f.caseId, ruleId: f.ruleId, attempt: f.attempt, problem: f.problem.code },
      `notice of case ${f.caseId} (rule ${f.ruleId}) not rendered, attempt ${f.attempt}: ${f.problem.en}`,
    )
  return {
    rendered,
    failed: failures.map((f) => ({ caseId: f.caseId, ruleId: f.ruleId, code: f.problem.code, en: f.problem.en })),
  }
}

type Input = RenderHint | { readonly error: unknown }

/** Each entry's evaluation, the state it saw and the case's events: from the hints, else read back and folded. */
async function inputsOf(
  trx: Transaction<Database>,
  entries: readonly StoredEntry[],
  hints: ReadonlyMap<string, RenderHint> | undefined,
): Promise<Map<string, Input>> {
  const inputs = new Map<string, Input>()
  const toRead: { caseId: string; evaluationSeq: number }[] = []
  for (const e of entries) {
    const key = hintKey(e.caseId, e.evaluationSeq)
    if (inputs.has(key)) continue
    const hint = hints?.get(key)
    if (hint) inputs.set(key, hint)
    else {
      inputs.set(key, { error: undefined })
      toRead.push({ caseId: e.caseId, evaluationSeq: e.evaluationSeq })
    }
  }
  if (toRead.length > 0) {
    const stored = await storedEvaluations(trx, toRead)
    const wanted = toRead.flatMap((k) => {
      const s = stored.get(hintKey(k.caseId, k.evaluationSeq))
      return s ? [{ caseId: k.caseId, eventCount: s.eventCount }] : []
    })
    // one state per case: the evaluations of one case left in the outbox fold the same events but for late ones
    const states = await loadStates(trx, undefined, dedupe(wanted))
    for (const k of toRead) {
      const key = hintKey(k.caseId, k.evaluationSeq)
      const s = stored.get(key)
      const loaded = states.get(k.caseId)
      if (!s) continue
      if (!loaded?.state) {
        inputs.set(key, { error: loaded?.error ?? new Error(`case ${k.caseId} has no state to render from`) })
        continue
      }
      const evaluation = {
        caseId: s.caseId,
        sequence: null,
        eventId: s.eventId,
        eventType: s.facts.eventType,
        at: s.at,
        packs: s.packs,
        facts: s.facts,
        firings: s.firings,
        ...(s.extra ?? {}),
      } as unknown as Evaluation
      inputs.set(key, { state: loaded.state, evaluation, eventCount: s.eventCount })
    }
  }
  // the events of every case whose notice is made, as recorded up to what its state folded
  const needEvents = [...inputs.entries()].filter(
    (e): e is [string, RenderHint] => !('error' in e[1]) && e[1].events === undefined,
  )
  if (needEvents.length > 0) {
    const events = await caseEvents(
      trx,
      dedupe(needEvents.map(([key, h]) => ({ caseId: key.split('\u0000')[0]!, eventCount: h.eventCount }))),
    )
    for (const [key, h] of needEvents) inputs.set(key, { ...h, events: events.get(key.split('\u0000')[0]!) ?? [] })
  }
  return inputs
}

function dedupe<T extends { readonly caseId: string }>(list: readonly T[]): T[] {
  const by = new Map<string, T>()
  for (const x of list) if (!by.has(x.caseId)) by.set(x.caseId, x)
  return [...by.values()]
}

function missing(e: StoredEntry): XingquanError {
  return new XingquanError({
    code: 'NOTICE_EVALUATION_MISSING',
    zh: `办件 ${e.caseId} 第 ${e.evaluationSeq} 行评估中没有规则 ${e.ruleId} 的触发结果，文书无法生成`,
    en: `evaluation row ${e.evaluationSeq} of case ${e.caseId} has no firing of rule ${e.ruleId}: the notice cannot be made`,
  })
}

function noPlan(e: StoredEntry): XingquanError {
  return new XingquanError({
    code: 'NOTICE_NOT_PLANNED',
    zh: `规则 ${e.ruleId} 的触发结果现在不再对应任何文书模板（办件 ${e.caseId}）`,
    en: `the firing of rule ${e.ruleId} no longer names a notice template (case ${e.caseId})`,
  })
}

function organMoved(e: StoredEntry, now: string | null): XingquanError {
  return new XingquanError({
    code: 'NOTICE_ORGAN_CHANGED',
    zh: `文书编号取自机关 ${e.organ}，现在的发文机关却是 ${now ?? '无'}（办件 ${e.caseId}，规则 ${e.ruleId}）`,
    en: `the notice's number was taken from organ ${e.organ} but its issuing organ is now ${now ?? 'none'} (case ${e.caseId}, rule ${e.ruleId})`,
  })
}
