/** Appends one event to a case in one transaction: the event, its evaluation, its notices, and the case projection. */
import { sql } from 'kysely'
import { XingquanError } from '../errors/xingquan-error.js'
import { evaluateEvent } from '../evaluation/evaluation.js'
import { canonicalJson } from '../rules/pack-version.js'
import { validate } from '../schema/validator.js'
import { genesisHash, jsonColumn } from '../store/hash-chain.js'
import { appendRecord } from '../store/record-writer.js'
import type { CaseEvent } from '../types/generated.js'
import { recordEvaluation, type CaseLevel, type NoticeSummary } from './case-records.js'
import { loadState } from './case-state-loader.js'
import { canRead, canWriteCase, recordedBy, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { forbidden, ServiceError } from './service-error.js'

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

/** The answer for a case that does not exist, and for one outside the caller's scope. */
const caseNotFound = (caseId: string) =>
  new ServiceError(404, { code: 'CASE_NOT_FOUND', zh: `没有办件 ${caseId}；办件的第一个事件必须是受理（accepted）`, en: `no case ${caseId}; a case starts with an "accepted" event` })

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/**
 * Validates the event against schemas/case-event.schema.json and appends it; a retried event (same id, same
 * content) is stored once. Throws ServiceError: 400 invalid, 403 a case it may read but not write to, 404 no case (or
 * one outside the scope), 409 id reused with other content, 422 refused by the rules.
 * @example await appendEvent(rt, officer, 'lx-2025-000123', event)
 */
export async function appendEvent(rt: Runtime, principal: Principal, caseId: string, input: unknown): Promise<AppendResult> {
  if (!CASE_ID.test(caseId)) {
    throw new ServiceError(400, { code: 'CASE_ID_INVALID', zh: '办件编号只能含字母、数字和 . _ : -，最长 128 个字符', en: 'a case id has letters, digits and . _ : - only, at most 128 characters', pointer: '/caseId' })
  }
  const problems = validate('case-event', input)
  if (problems.length > 0) throw new ServiceError(400, problems)
  const event = input as CaseEvent
  const env = rt.env()
  const by = recordedBy(principal)

  const outcome = await rt.db.transaction().execute(async (trx) => {
    // only what the append reads: the scope, the event count and the chain's head (not the alerts, which can be long)
    const columns = ['jurisdiction', 'department_code', 'event_count', 'head_seq', 'head_hash'] as const
    const fired = sql<string[]>`jsonb_path_query_array(alerts, '$[*].ruleId')`.as('fired')
    const lockCase = () => trx.selectFrom('cases').select(columns).select(fired).where('case_id', '=', caseId).forUpdate().executeTakeFirst()
    let row = await lockCase()
    if (!row) {
      if (event.type !== 'accepted') {
        throw caseNotFound(caseId)
      }
      const d = event.case.department
      if (!canWriteCase(principal, { jurisdiction: d.jurisdiction, department: d.code }, event.type)) {
        throw forbidden(`无权为 ${d.name}（${d.jurisdiction}）受理办件`, `this token may not open cases for ${d.code} (${d.jurisdiction})`)
      }
      const now = new Date()
      // the inserted row comes back (and is ours until commit); a case made meanwhile by another append is locked instead
      row = await trx
        .insertInto('cases')
        .values({
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
        })
        .onConflict((oc) => oc.column('case_id').doNothing())
        .returning(columns)
        .returning(fired)
        .executeTakeFirst()
      row ??= await lockCase()
      if (!row) throw new Error(`case ${caseId} vanished while it was being created`)
    }
    const placement = { jurisdiction: row.jurisdiction, department: row.department_code }
    // a case outside the token's scope is answered exactly as one that does not exist: a 403 would say it exists
    if (!canRead(principal, placement)) throw caseNotFound(caseId)
    if (!canWriteCase(principal, placement, event.type)) {
      throw forbidden(`无权在办件 ${caseId} 中记录“${event.type}”事件`, `this token may not record "${event.type}" events in case ${caseId}`)
    }

    // The state folding all the case's stored events, when it is in memory: its event ids are all the stored ones, so
    // an id it lacks was never stored and the database need not be asked. A case without events has none to ask for.
    const cached = row.event_count > 0 ? rt.states.get(caseId, row.event_count) : undefined
    const mayBeStored = row.event_count > 0 && (cached === undefined || cached.eventIds.has(event.id))
    const earlier = mayBeStored ? await trx.selectFrom('case_events').select(['sequence', 'body']).where('case_id', '=', caseId).where('event_id', '=', event.id).executeTakeFirst() : undefined
    if (earlier) {
      if (canonicalJson(earlier.body) !== canonicalJson(JSON.parse(JSON.stringify(event)))) {
        throw new ServiceError(409, {
          code: 'EVENT_ID_CONFLICT',
          zh: `事件编号 ${event.id} 已用于办件 ${caseId} 的第 ${earlier.sequence} 个事件，内容不同；更正请以新的事件编号录入`,
          en: `event id ${event.id} was already used for event ${earlier.sequence} of case ${caseId} with other content; record a correction under a new event id`,
          pointer: '/id',
        })
      }
      const evaluation = await trx.selectFrom('evaluations').select(['chain_seq', 'level', 'next_change_at']).where('case_id', '=', caseId).where('cause', '=', 'event').where('event_id', '=', event.id).executeTakeFirst()
      return { duplicate: true as const, sequence: earlier.sequence, evaluation }
    }

    const before = cached ?? (await loadState(trx, rt.states, caseId, row.event_count))
    const sequence = row.event_count + 1
    let evaluated: ReturnType<typeof evaluateEvent>
    try {
      evaluated = evaluateEvent(env, before, event, caseId, sequence)
    } catch (err) {
      if (err instanceof XingquanError) throw new ServiceError(422, err.problems)
      throw err
    }
    let head = { caseId, seq: row.head_seq, hash: row.head_hash }
    head = await appendRecord(trx, head, 'case_events', { sequence, event_id: event.id, event_type: event.type, body: jsonColumn(event), recorded_by: by })
    await rt.faults.afterEventStored?.(caseId)
    const recorded = await recordEvaluation(trx, {
      env,
      notices: rt.notices,
      head,
      state: evaluated.state,
      evaluation: evaluated.evaluation,
      cause: 'event',
      eventCount: sequence,
      by,
      firedBefore: new Set(row.fired),
      ...(rt.faults.afterEvaluationStored ? { afterEvaluationStored: () => rt.faults.afterEvaluationStored!(caseId) } : {}),
    })
    return { duplicate: false as const, sequence, state: evaluated.state, recorded }
  })

  if (outcome.duplicate) {
    return {
      caseId,
      sequence: outcome.sequence,
      eventId: event.id,
      duplicate: true,
      level: (outcome.evaluation?.level ?? 'none') as CaseLevel,
      evaluationSeq: outcome.evaluation?.chain_seq ?? null,
      nextChangeAt: outcome.evaluation?.next_change_at ?? null,
      notices: [],
    }
  }
  rt.states.set(caseId, outcome.sequence, outcome.state)
  const { recorded } = outcome
  return { caseId, sequence: outcome.sequence, eventId: event.id, duplicate: false, level: recorded.level, evaluationSeq: recorded.evaluationSeq, nextChangeAt: recorded.nextChangeAt, notices: recorded.notices }
}

