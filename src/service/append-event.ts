/**
 * Appends one event to a case: lock the case, fold its state, evaluate (pure), decide and render its notices (pure,
 * numbered from the organ's counter), write the event, evaluation, notices and projection — in one transaction, or,
 * when the state is cached and no notice is due, in one statement that checks the chain head under the case's lock.
 */
import { XingquanError } from '../errors/xingquan-error.js'
import { outcomeOfEvent, type CaseLevel, type CaseOutcome } from '../evaluation/case-outcome.js'
import { signedDecision, type SignedDecision } from '../evaluation/evaluation-signature.js'
import { canonicalJson } from '../rules/pack-version.js'
import { validate } from '../schema/validator.js'
import { genesisHash } from '../store/hash-chain.js'
import {
  caseEvents,
  isCaseDataError,
  lockCase,
  NumberCounters,
  openCase,
  storedEvent,
  writeAppended,
  writeCases,
  type CaseLock,
  type Written,
} from '../store/record-writer.js'
import type { CaseEvent } from '../types/generated.js'
import { loadStates, snapshotDue, snapshotIfDue } from './case-state-loader.js'
import { issueNotices } from './notice-hook.js'
import { canRead, canWriteCase, recordedBy, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { forbidden, ServiceError } from './service-error.js'
import { readSchemas } from '../schema/schema-files.js'

export interface NoticeSummary {
  readonly chainSeq: number
  readonly ruleId: string
  readonly title: string
  readonly number: string | null
}

export interface AppendResult {
  readonly caseId: string
  readonly sequence: number
  readonly eventId: string
  /** True when this event id was already recorded with the same content: nothing new was written. */
  readonly duplicate: boolean
  readonly level: CaseLevel
  readonly evaluationSeq: number | null
  readonly nextChangeAt: string | null
  readonly notices: readonly NoticeSummary[]
}

/** A case id, in the path as in a body: the pattern of schemas/common.schema.json (`$defs/caseId`), its one source. */
const CASE_ID_PATTERN = (
  readSchemas().find((s) => s.file === 'common.schema.json')?.schema as {
    $defs?: { caseId?: { pattern?: string } }
  }
)?.$defs?.caseId?.pattern
if (CASE_ID_PATTERN === undefined) throw new Error('schemas/common.schema.json declares no $defs/caseId pattern')
const CASE_ID = new RegExp(CASE_ID_PATTERN)

/**
 * Validates the event against schemas/case-event.schema.json and appends it; a retried event (same id, same
 * content) is stored once. Throws ServiceError: 400 invalid, 403 a case it may read but not write to, 404 no case (or
 * one outside the scope), 409 id reused with
 * other content, 422 refused by the rules.
 * @example await appendEvent(rt, officer, 'lx-2025-000123', event)
 */
export async function appendEvent(
  rt: Runtime,
  principal: Principal,
  caseId: string,
  input: unknown,
): Promise<AppendResult> {
  if (!CASE_ID.test(caseId)) {
    throw new ServiceError(400, {
      code: 'CASE_ID_INVALID',
      zh: '办件编号只能含字母、数字和 . _ : -，最长 128 个字符',
      en: 'a case id has letters, digits and . _ : - only, at most 128 characters',
      pointer: '/caseId',
    })
  }
  const problems = validate('case-event', input)
  if (problems.length > 0) throw new ServiceError(400, problems)
  const event = input as CaseEvent
  const env = rt.env()
  const by = recordedBy(principal)
  const fast = await appendInOneStatement(rt, principal, caseId, event, by)
  if (fast) return fast

  const result = await rt.db.transaction().execute(async (trx): Promise<AppendResult & { cache?: AppendCache }> => {
    const lock = (await lockCase(trx, caseId)) ?? (await openNewCase(trx, principal, caseId, event, by))
    const placement = { jurisdiction: lock.jurisdiction, department: lock.department_code }
    // a case outside the token's scope is answered exactly as one that does not exist: a 403 would say it exists
    if (!canRead(principal, placement)) throw caseNotFound(caseId)
    if (!canWriteCase(principal, placement, event.type)) {
      throw forbidden(
        `无权在办件 ${caseId} 中记录“${event.type}”事件`,
        `this token may not record "${event.type}" events in case ${caseId}`,
      )
    }

    // The state folding all the case's stored events, when it is in memory: its event ids are all the stored ones, so
    // an id it lacks was never stored and the database need not be asked. A case without events has none to ask for.
    const cached = lock.event_count > 0 ? rt.states.get(caseId, lock.event_count) : undefined
    if (lock.event_count > 0 && (cached === undefined || cached.eventIds.has(event.id))) {
      const earlier = await storedEvent(trx, caseId, event.id)
      if (earlier) return duplicateOf(caseId, event, earlier)
    }

    // not in memory: the latest snapshot and the events after it
    const loaded =
      cached || lock.event_count === 0
        ? undefined
        : (await loadStates(trx, rt.states, [{ caseId, eventCount: lock.event_count }])).get(caseId)
    if (loaded?.error !== undefined) throw loaded.error
    const before = cached ?? loaded?.state
    const sequence = lock.event_count + 1
    let outcome: ReturnType<typeof outcomeOfEvent>
    try {
      outcome = outcomeOfEvent(env, before, event, caseId, sequence, new Set(lock.fired))
    } catch (err) {
      if (err instanceof XingquanError) throw new ServiceError(422, err.problems)
      throw err
    }
    const counters = new NumberCounters(trx)
    let notices: Awaited<ReturnType<typeof issueNotices>> = []
    if (outcome.toNotice.length > 0) {
      const events = (await caseEvents(trx, [{ caseId }])).get(caseId) ?? []
      try {
        notices = await issueNotices(
          rt.notices,
          counters,
          { caseId, state: outcome.state, evaluation: outcome.evaluation, events: [...events, event] },
          outcome.toNotice,
        )
      } catch (err) {
        if (err instanceof XingquanError) throw new ServiceError(422, err.problems)
        throw err
      }
    }
    await counters.flush()
    const head = { caseId, seq: lock.head_seq, hash: lock.head_hash }
    // digested (an event seldom leaves every decided fact as it was) and cached for the sweep to compare against
    const signed = signedDecision(outcome)
    const [written] = await writeCases(trx, [
      { head, cause: 'event', eventCount: sequence, by, event, outcome, notices, signature: signed.signature },
    ])
    await snapshotIfDue(trx, caseId, sequence, outcome.state, loaded?.folded)
    // a test's crash once the rows are written, before the transaction commits
    await rt.faults.afterEventStored?.(caseId)
    await rt.faults.afterEvaluationStored?.(caseId)
    return {
      caseId,
      sequence,
      eventId: event.id,
      duplicate: false,
      level: outcome.level,
      evaluationSeq: written!.evaluationSeq,
      nextChangeAt: outcome.next,
      notices: notices.map((n, i) => ({
        chainSeq: written!.noticeSeqs[i]!,
        ruleId: n.ruleId,
        title: n.notice.title,
        number: n.notice.number,
      })),
      cache: { state: outcome.state, lock: lockAfter(lock, sequence, written!, outcome), signed },
    }
  })
  const { cache, ...answer } = result
  if (cache) rt.states.set(caseId, answer.sequence, cache.state, cache.lock, cache.signed)
  return answer
}

/** What the transaction leaves for the state cache once it has committed. */
interface AppendCache {
  readonly state: CaseOutcome['state']
  readonly lock: CaseLock
  readonly signed: SignedDecision
}

/** The case row as a write leaves it. */
const lockAfter = (lock: CaseLock, eventCount: number, written: Written, outcome: CaseOutcome): CaseLock => ({
  ...lock,
  event_count: eventCount,
  head_seq: written.head.seq,
  head_hash: written.head.hash,
  fired: outcome.evaluation.firings.map((f) => f.ruleId),
})

/**
 * The common append in one statement and no transaction: when this process holds the case's state and row as its
 * last write left them, the event is new to it, within the token's scope, admitted, and calls for no notice, its
 * records are written by one call that checks under the case's lock that no other writer came in between. Anything
 * else (and any doubt) gives undefined: the caller takes the locked path, which decides every answer.
 */
async function appendInOneStatement(
  rt: Runtime,
  principal: Principal,
  caseId: string,
  event: CaseEvent,
  by: string,
): Promise<AppendResult | undefined> {
  if (rt.faults.afterEventStored || rt.faults.afterEvaluationStored) return undefined
  const cached = rt.states.latest(caseId)
  if (!cached && event.type === 'accepted') return openInOneStatement(rt, principal, caseId, event, by)
  const lock = cached?.lock
  if (!cached || !lock || lock.event_count !== cached.count || cached.state.eventIds.has(event.id)) return undefined
  if (!canWriteCase(principal, { jurisdiction: lock.jurisdiction, department: lock.department_code }, event.type))
    return undefined
  const sequence = cached.count + 1
  // an append that reaches a snapshot's count writes it, in the locked path's transaction
  if (snapshotDue(sequence)) return undefined
  let outcome: CaseOutcome
  try {
    outcome = outcomeOfEvent(rt.env(), cached.state, event, caseId, sequence, new Set(lock.fired))
  } catch {
    return undefined
  }
  if (outcome.toNotice.length > 0) return undefined
  const head = { caseId, seq: lock.head_seq, hash: lock.head_hash }
  const signed = signedDecision(outcome)
  let r: Awaited<ReturnType<typeof writeAppended>>
  try {
    r = await writeAppended(
      rt.db,
      { head, cause: 'event', eventCount: sequence, by, event, outcome, notices: [], signature: signed.signature },
      cached.count,
    )
  } catch (err) {
    // the same event id stored meanwhile by another process, or a row refused: the locked path gives the answer
    if (isCaseDataError(err)) return undefined
    throw err
  }
  if (r.status !== 'written') return undefined
  rt.states.set(caseId, sequence, outcome.state, lockAfter(lock, sequence, r.written, outcome), signed)
  return {
    caseId,
    sequence,
    eventId: event.id,
    duplicate: false,
    level: outcome.level,
    evaluationSeq: r.written.evaluationSeq,
    nextChangeAt: outcome.next,
    notices: [],
  }
}

/**
 * A new case in one statement: the accepted event within the token's scope, admitted, calling for no notice; the
 * function inserts the case row and its records, or answers that the case exists (the locked path then decides).
 */
async function openInOneStatement(
  rt: Runtime,
  principal: Principal,
  caseId: string,
  event: Extract<CaseEvent, { type: 'accepted' }>,
  by: string,
): Promise<AppendResult | undefined> {
  const d = event.case.department
  if (!canWriteCase(principal, { jurisdiction: d.jurisdiction, department: d.code }, event.type)) return undefined
  let outcome: CaseOutcome
  try {
    outcome = outcomeOfEvent(rt.env(), undefined, event, caseId, 1, new Set())
  } catch {
    return undefined
  }
  if (outcome.toNotice.length > 0) return undefined
  const row = caseRow(caseId, event, by)
  const head = { caseId, seq: 0, hash: row.head_hash }
  const signed = signedDecision(outcome)
  let r: Awaited<ReturnType<typeof writeAppended>>
  try {
    r = await writeAppended(
      rt.db,
      { head, cause: 'event', eventCount: 1, by, event, outcome, notices: [], signature: signed.signature },
      0,
      row,
    )
  } catch (err) {
    if (isCaseDataError(err)) return undefined
    throw err
  }
  if (r.status !== 'written') return undefined
  const lock: CaseLock = {
    jurisdiction: d.jurisdiction,
    department_code: d.code,
    event_count: 0,
    head_seq: 0,
    head_hash: row.head_hash,
    fired: [],
  }
  rt.states.set(caseId, 1, outcome.state, lockAfter(lock, 1, r.written, outcome), signed)
  return {
    caseId,
    sequence: 1,
    eventId: event.id,
    duplicate: false,
    level: outcome.level,
    evaluationSeq: r.written.evaluationSeq,
    nextChangeAt: outcome.next,
    notices: [],
  }
}

/** The row of a case its accepted event opens. */
function caseRow(caseId: string, event: Extract<CaseEvent, { type: 'accepted' }>, by: string) {
  const d = event.case.department
  const now = new Date()
  return {
    case_id: caseId,
    jurisdiction: d.jurisdiction,
    department_code: d.code,
    department_name: d.name,
    power_item_code: event.case.powerItem.code,
    serial_number: event.case.serialNumber,
    name: event.case.name,
    status: 'open',
    head_hash: genesisHash(caseId),
    alerts: '[]',
    created_by: by,
    created_at: now,
    updated_at: now,
  }
}

/** The answer for a case that does not exist, and for one outside the caller's scope. */
const caseNotFound = (caseId: string) =>
  new ServiceError(404, {
    code: 'CASE_NOT_FOUND',
    zh: `没有办件 ${caseId}；办件的第一个事件必须是受理（accepted）`,
    en: `no case ${caseId}; a case starts with an "accepted" event`,
  })

/** A case opened by its `accepted` event, within the token's scope; any other first event is 404. */
async function openNewCase(
  trx: Parameters<typeof openCase>[0],
  principal: Principal,
  caseId: string,
  event: CaseEvent,
  by: string,
): Promise<CaseLock> {
  if (event.type !== 'accepted') {
    throw caseNotFound(caseId)
  }
  const d = event.case.department
  if (!canWriteCase(principal, { jurisdiction: d.jurisdiction, department: d.code }, event.type)) {
    throw forbidden(
      `无权为 ${d.name}（${d.jurisdiction}）受理办件`,
      `this token may not open cases for ${d.code} (${d.jurisdiction})`,
    )
  }
  return openCase(trx, caseRow(caseId, event, by))
}

/** The answer to an event id already stored: the same content is a retry (nothing written), other content is 409. */
function duplicateOf(
  caseId: string,
  event: CaseEvent,
  earlier: NonNullable<Awaited<ReturnType<typeof storedEvent>>>,
): AppendResult {
  if (canonicalJson(earlier.body) !== canonicalJson(JSON.parse(JSON.stringify(event)))) {
    throw new ServiceError(409, {
      code: 'EVENT_ID_CONFLICT',
      zh: `事件编号 ${event.id} 已用于办件 ${caseId} 的第 ${earlier.sequence} 个事件，内容不同；更正请以新的事件编号录入`,
      en: `event id ${event.id} was already used for event ${earlier.sequence} of case ${caseId} with other content; record a correction under a new event id`,
      pointer: '/id',
    })
  }
  const e = earlier.evaluation
  return {
    caseId,
    sequence: earlier.sequence,
    eventId: event.id,
    duplicate: true,
    level: (e?.level ?? 'none') as CaseLevel,
    evaluationSeq: e?.chain_seq ?? null,
    nextChangeAt: e?.next_change_at ?? null,
    notices: [],
  }
}
