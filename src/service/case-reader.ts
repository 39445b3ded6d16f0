/** Reading cases within a token's scope: the projection, the derived state, events, evaluations with their trace, notices, alerts. */
import { wholeRows, wholeRowsInOrder } from '../store/unchanged-evaluations.js'
import type { CaseState } from '../case/case-state.js'
import { evaluateAt, evaluateEvent, type Evaluation } from '../evaluation/evaluation.js'
import { applyEvent } from '../case/apply-event.js'
import { canonicalJson } from '../rules/pack-version.js'
import type { Kysely } from 'kysely'
import type { CaseRow, Database } from '../store/database.js'
import { packsByVersion } from '../store/pack-store.js'
import type { CaseEvent, Firing } from '../types/generated.js'
import { alertOfProblem } from './case-problems.js'
import { loadState } from './case-state-loader.js'
import { alertOf, extraOf, LEVELS, type CaseLevel } from '../evaluation/case-outcome.js'
import { catalogByVersion } from '../store/catalog-store.js'
import { canRead, scopeOf, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { waitingNotices } from './waiting-notices.js'
import { forbidden, notFound, ServiceError } from './service-error.js'

/** A case state as JSON: sets and maps as arrays and objects. */
export function stateJson(state: CaseState): Record<string, unknown> {
  return {
    ...state,
    eventIds: [...state.eventIds],
    evidence: Object.fromEntries([...state.evidence.entries()]),
  }
}

export function caseSummary(row: CaseRow) {
  return {
    caseId: row.case_id,
    serialNumber: row.serial_number,
    name: row.name,
    department: { code: row.department_code, name: row.department_name, jurisdiction: row.jurisdiction },
    powerItemCode: row.power_item_code,
    status: row.status,
    level: row.level,
    overdue: row.overdue,
    eventCount: row.event_count,
    nextChangeAt: row.next_change_at?.toISOString() ?? null,
    alerts: row.alerts,
    problem: row.problem,
    chain: { rows: row.head_seq, head: row.head_hash },
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/**
 * The case row, or 404; 403 when the token's scope does not cover it (the answer does not say whether it exists
 * elsewhere: a case outside the scope is reported as not found).
 * @example const row = await readableCase(rt, principal, 'c1')
 */
export async function readableCase(rt: Runtime, p: Principal, caseId: string): Promise<CaseRow> {
  const row = await rt.db.selectFrom('cases').selectAll().where('case_id', '=', caseId).executeTakeFirst()
  if (!row || !canRead(p, { jurisdiction: row.jurisdiction, department: row.department_code })) {
    throw notFound('CASE', `没有办件 ${caseId}，或无权查看`, `no case ${caseId}, or not in this token's scope`)
  }
  return row
}

/**
 * A case with its derived state; with `at`, also its evaluation as of that moment (not recorded).
 * @example await getCase(rt, principal, 'c1', { at: '2025-11-03T09:00:00+08:00' })
 */
export async function getCase(rt: Runtime, p: Principal, caseId: string, options: { at?: string } = {}) {
  const row = await readableCase(rt, p, caseId)
  const state = await loadState(rt.db, rt.states, caseId, row.event_count)
  let asOf: Evaluation | undefined
  if (options.at !== undefined && state) {
    if (Number.isNaN(Date.parse(options.at))) {
      throw new ServiceError(400, {
        code: 'MOMENT_INVALID',
        zh: `时刻“${options.at}”不是 ISO 8601 格式`,
        en: `"${options.at}" is not an ISO 8601 moment`,
        pointer: '/at',
      })
    }
    asOf = evaluateAt(rt.env(), state, options.at)
  }
  return { ...caseSummary(row), state: state ? stateJson(state) : null, ...(asOf ? { asOf } : {}) }
}

/**
 * The cases in the token's scope (and of one department, when given), for a query to go on from.
 * @example await casesInScope(rt.db, principal).select('case_id').execute()
 */
export function casesInScope(db: Kysely<Database>, p: Principal, department?: string) {
  const scope = scopeOf(p)
  let q = db.selectFrom('cases').where('cases.jurisdiction', 'like', `${scope.prefix}%`)
  if (scope.department !== null)
    q = q.where('cases.department_code', '=', scope.department).where('cases.jurisdiction', '=', scope.jurisdiction)
  if (department !== undefined) q = q.where('cases.department_code', '=', department)
  return q
}

export interface CaseFilter {
  readonly department?: string
  readonly level?: string
  readonly overdue?: boolean
  readonly status?: string
  readonly limit?: number
  /** Case id to continue after (keyset paging). */
  readonly after?: string
}

/**
 * Cases in the token's scope, by department, level (at least), overdue and status.
 * @example await listCases(rt, principal, { level: 'yellow', overdue: true })
 */
export async function listCases(rt: Runtime, p: Principal, filter: CaseFilter = {}) {
  let q = casesInScope(rt.db, p, filter.department).selectAll()
  if (filter.level !== undefined) q = q.where('level', 'in', atLeast(filter.level))
  if (filter.overdue !== undefined) q = q.where('overdue', '=', filter.overdue)
  if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  if (filter.after !== undefined) q = q.where('case_id', '>', filter.after)
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000)
  const rows = await q.orderBy('case_id').limit(limit).execute()
  return { cases: rows.map(caseSummary), next: rows.length === limit ? rows[rows.length - 1]!.case_id : null }
}

function atLeast(level: string): CaseLevel[] {
  const i = LEVELS.indexOf(level as CaseLevel)
  if (i < 0)
    throw new ServiceError(400, {
      code: 'LEVEL_INVALID',
      zh: `级别应为 ${LEVELS.join('、')} 之一`,
      en: `level must be one of ${LEVELS.join(', ')}`,
      pointer: '/level',
    })
  return LEVELS.slice(i)
}

/**
 * Open alerts in the token's scope: the yellow and red (or at least `level`) firings of each case's latest evaluation.
 * @example await openAlerts(rt, supervisor, { level: 'red' })
 */
export async function openAlerts(rt: Runtime, p: Principal, filter: { department?: string; level?: string } = {}) {
  const min = filter.level ?? 'yellow'
  const { cases } = await listCases(rt, p, { ...filter, level: min, status: 'open', limit: 1000 })
  const wanted = new Set(atLeast(min))
  // cases the sweep set aside show an alert of their own (red), whatever their last evaluation's level
  const scope = scopeOf(p)
  let q = rt.db
    .selectFrom('cases')
    .select(['case_id', 'department_code', 'serial_number', 'problem'])
    .where('problem', 'is not', null)
    .where('jurisdiction', 'like', `${scope.prefix}%`)
  if (scope.department !== null)
    q = q.where('department_code', '=', scope.department).where('jurisdiction', '=', scope.jurisdiction)
  if (filter.department !== undefined) q = q.where('department_code', '=', filter.department)
  const problems = await q.orderBy('case_id').limit(1000).execute()
  return {
    alerts: [
      ...problems.map((c) => ({
        caseId: c.case_id,
        department: c.department_code,
        serialNumber: c.serial_number,
        ...alertOfProblem(c.problem!),
      })),
      ...cases.flatMap((c) =>
        (c.alerts as { level: CaseLevel }[])
          .filter((a) => wanted.has(a.level))
          .map((a) => ({ caseId: c.caseId, department: c.department, serialNumber: c.serialNumber, ...a })),
      ),
    ],
  }
}

/** The events of a case, in order, with who recorded them and their place in the chain. */
export async function listEvents(rt: Runtime, p: Principal, caseId: string) {
  await readableCase(rt, p, caseId)
  const rows = await rt.db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('sequence')
    .execute()
  return {
    events: rows.map((r) => ({
      sequence: r.sequence,
      event: r.body,
      recordedBy: r.recorded_by,
      storedAt: r.stored_at.toISOString(),
      chainSeq: r.chain_seq,
      hash: r.hash,
    })),
  }
}

/** The evaluations of a case, oldest first, without facts and traces (ask for one to see them). */
export async function listEvaluations(rt: Runtime, p: Principal, caseId: string) {
  await readableCase(rt, p, caseId)
  const rows = wholeRowsInOrder(
    await rt.db
      .selectFrom('evaluations')
      .select([
        'case_id',
        'chain_seq',
        'cause',
        'sequence',
        'event_id',
        'at',
        'packs',
        'level',
        'firings',
        'next_change_at',
        'same_as',
        'stored_at',
        'recorded_by',
      ])
      .where('case_id', '=', caseId)
      .orderBy('chain_seq')
      .execute(),
  )
  return {
    evaluations: rows.map((r) => ({
      chainSeq: r.chain_seq,
      cause: r.cause,
      eventCount: r.sequence,
      eventId: r.event_id,
      at: r.at,
      level: r.level,
      packs: r.packs,
      fired: (r.firings as { ruleId: string; level: string }[]).map((f) => ({ ruleId: f.ruleId, level: f.level })),
      nextChangeAt: r.next_change_at,
      sameAs: r.same_as,
      recordedBy: r.recorded_by,
      storedAt: r.stored_at.toISOString(),
    })),
  }
}

/** One evaluation whole: facts, firings with their condition-by-condition trace, pack versions, chain hashes. */
export async function getEvaluation(rt: Runtime, p: Principal, caseId: string, chainSeq: number) {
  await readableCase(rt, p, caseId)
  const row = await rt.db
    .selectFrom('evaluations')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('chain_seq', '=', chainSeq)
    .executeTakeFirst()
  // an unchanged evaluation is read with the firings, packs and extras of the whole one it repeats
  const r = row && (await wholeRows(rt.db, [row]))[0]!
  if (!r)
    throw notFound(
      'EVALUATION',
      `办件 ${caseId} 没有第 ${chainSeq} 行评估记录`,
      `case ${caseId} has no evaluation at row ${chainSeq}`,
    )
  return {
    caseId,
    chainSeq: r.chain_seq,
    cause: r.cause,
    eventCount: r.sequence,
    eventId: r.event_id,
    at: r.at,
    level: r.level,
    packs: r.packs,
    facts: r.facts,
    firings: r.firings,
    ...((r.extra as object | null) ?? {}),
    nextChangeAt: r.next_change_at,
    ...(r.same_as !== null ? { sameAs: r.same_as } : {}),
    recordedBy: r.recorded_by,
    storedAt: r.stored_at.toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
  }
}

/**
 * Replays a recorded evaluation under the exact pack versions it names and says whether facts and firings are
 * identical.
 * @example (await replayEvaluation(rt, auditor, 'c1', 2)).identical // true
 */
export async function replayEvaluation(rt: Runtime, p: Principal, caseId: string, chainSeq: number) {
  if (p.role === 'officer')
    throw forbidden(
      '回放评估需要监察、审计或管理员角色',
      'replaying an evaluation needs a supervisor, auditor or admin token',
    )
  const stored = await getEvaluation(rt, p, caseId, chainSeq)
  // the packs applied, and those that had lapsed by then (the evaluation says so, and the replay must too)
  const lapsed = ((stored as { lapsedPacks?: { version: string }[] }).lapsedPacks ?? []).map((x) => x.version)
  const versions = [...new Set([...(stored.packs as { version: string }[]).map((x) => x.version), ...lapsed])]
  const { catalog: _now, ...base } = rt.env()
  const readCatalog = (stored as { catalog?: { version: string } }).catalog?.version
  const catalog = readCatalog ? await catalogByVersion(rt.db, readCatalog) : undefined
  const env = { ...base, packs: await packsByVersion(rt.db, versions), ...(catalog ? { catalog } : {}) }
  const count = stored.eventCount ?? 0
  const events = await rt.db
    .selectFrom('case_events')
    .select('body')
    .where('case_id', '=', caseId)
    .where('sequence', '<=', count)
    .orderBy('sequence')
    .execute()
  let state: CaseState | undefined
  let replayed: Evaluation | undefined
  for (const [i, { body }] of events.entries()) {
    const event = body as CaseEvent
    if (stored.cause === 'event' && i === events.length - 1) {
      replayed = evaluateEvent(env, state, event, caseId, i + 1).evaluation
    } else state = applyEvent(state, event, caseId)
  }
  if (stored.cause === 'sweep' && state) replayed = evaluateAt(env, state, stored.at)
  const same = (a: unknown, b: unknown) => canonicalJson(JSON.parse(JSON.stringify(a))) === canonicalJson(b)
  const storedRow = await rt.db
    .selectFrom('evaluations')
    .select(['case_id', 'chain_seq', 'same_as', 'extra'])
    .where('case_id', '=', caseId)
    .where('chain_seq', '=', chainSeq)
    .executeTakeFirstOrThrow()
  const storedExtra = (await wholeRows(rt.db, [storedRow]))[0]!.extra ?? null
  const replayedExtra = replayed ? extraOf(replayed) : null
  // an unchanged evaluation keeps the traces of the row it repeats: its firings are compared without them
  const firings = (list: unknown) => ('sameAs' in stored ? (list as Firing[]).map(alertOf) : list)
  const identical =
    replayed !== undefined &&
    same(replayed.facts, stored.facts) &&
    same(firings(replayed.firings), firings(stored.firings)) &&
    same(replayedExtra, storedExtra)
  return {
    caseId,
    chainSeq,
    packs: stored.packs,
    identical,
    stored: { facts: stored.facts, firings: stored.firings, extra: storedExtra },
    replayed: replayed ? { facts: replayed.facts, firings: replayed.firings, extra: replayedExtra } : null,
  }
}

/** The notices of a case, without their bodies, and those waiting in the outbox (not rendered yet, or failed). */
export async function listNotices(rt: Runtime, p: Principal, caseId: string) {
  await readableCase(rt, p, caseId)
  // the waiting ones read first: one rendered in between is then listed once, as made
  const waiting = await waitingNotices(rt.db, caseId)
  const rows = await rt.db
    .selectFrom('notices')
    .select([
      'chain_seq',
      'evaluation_seq',
      'rule_id',
      'template',
      'organ',
      'number',
      'title',
      'stored_at',
      'recorded_by',
    ])
    .where('case_id', '=', caseId)
    .orderBy('chain_seq')
    .execute()
  const made = new Set(rows.map((r) => `${r.evaluation_seq}\u0000${r.rule_id}`))
  return {
    notices: rows.map(noticeSummary),
    waiting: waiting.filter((w) => !made.has(`${w.evaluationSeq}\u0000${w.ruleId}`)),
  }
}

/** The columns of a notice row that its summary shows. */
interface NoticeSummaryRow {
  readonly chain_seq: number
  readonly evaluation_seq: number
  readonly rule_id: string
  readonly template: string
  readonly organ: string | null
  readonly number: string | null
  readonly title: string
  readonly stored_at: Date
  readonly recorded_by: string
}

/**
 * A notice row as the API shows it, without its bodies (the list, and the head of one notice).
 * @example rows.map(noticeSummary)
 */
export function noticeSummary(r: NoticeSummaryRow) {
  return {
    chainSeq: r.chain_seq,
    evaluationSeq: r.evaluation_seq,
    ruleId: r.rule_id,
    template: r.template,
    organ: r.organ,
    number: r.number,
    title: r.title,
    storedAt: r.stored_at.toISOString(),
    recordedBy: r.recorded_by,
  }
}

/** One notice with its HTML and text. */
export async function getNotice(rt: Runtime, p: Principal, caseId: string, chainSeq: number) {
  await readableCase(rt, p, caseId)
  const r = await rt.db
    .selectFrom('notices')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('chain_seq', '=', chainSeq)
    .executeTakeFirst()
  if (!r)
    throw notFound(
      'NOTICE',
      `办件 ${caseId} 没有第 ${chainSeq} 行文书`,
      `case ${caseId} has no notice at row ${chainSeq}`,
    )
  return r
}
