/**
 * Every statement of a case's write, in one module: lock or open a case, find an event already stored, take notice
 * numbers, write a case's records and projection (an append: one case; a sweep batch: many, in one statement per
 * table), claim due cases, set a case aside. Expected failures come back as values; faults throw.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { XingquanError } from '../errors/xingquan-error.js'
import { alertOf, extraOf, type CaseOutcome } from '../evaluation/case-outcome.js'
import { evaluationSignature, volatileFacts } from '../evaluation/evaluation-signature.js'
import type { HookNotice } from '../notices/service-hook.js'
import type { CaseEvent } from '../types/generated.js'
import type {
  CaseEventsTable,
  CaseProblem,
  CasesTable,
  Database,
  EvaluationsTable,
  NoticesTable,
  RecordTable,
} from './database.js'
import { canonicalJson, keyText } from '../rules/pack-version.js'
import { jsonColumn, rowHash, rowHashOfCanonical } from './hash-chain.js'

type Db = Kysely<Database> | Transaction<Database>

/** Where a case's chain stands: its last position and that row's hash. */
export interface ChainHead {
  readonly caseId: string
  readonly seq: number
  readonly hash: string
}

type Content<T> = Omit<Insertable<T>, 'case_id' | 'chain_seq' | 'prev_hash' | 'hash' | 'stored_at'>

export interface RecordContent {
  case_events: Content<CaseEventsTable>
  evaluations: Content<EvaluationsTable>
  notices: Content<NoticesTable>
}

/**
 * The row as stored: the content at the position after `head`, linked to it, with its own hash; and the head it leaves.
 * @example const { row, next } = linkRecord(head, 'notices', content, new Date())
 */
export function linkRecord<T extends RecordTable>(
  head: ChainHead,
  table: T,
  content: RecordContent[T],
  storedAt: Date,
  canonical = false,
): { row: Record<string, unknown>; next: ChainHead } {
  const row = {
    ...content,
    case_id: head.caseId,
    chain_seq: head.seq + 1,
    prev_hash: head.hash,
    stored_at: storedAt,
  } as Record<string, unknown>
  // the writer's JSON columns are canonical text already: hashed as they are (once), not parsed and serialized again
  const hash = canonical ? rowHashOfCanonical(table, row) : rowHash(table, row)
  row.hash = hash
  return { row, next: { caseId: head.caseId, seq: head.seq + 1, hash } }
}

/**
 * Inserts one record at the head of the chain, moves the case's head onto it and returns the new head (for tests and
 * repairs; the service writes through writeCases). The database refuses a row that does not continue the chain.
 * @example head = await appendRecord(trx, head, 'case_events', { sequence: 1, event_id: 'e1', … })
 */
export async function appendRecord<T extends RecordTable>(
  trx: Transaction<Database>,
  head: ChainHead,
  table: T,
  content: RecordContent[T],
): Promise<ChainHead> {
  const { row, next } = linkRecord(head, table, content, new Date())
  await trx
    .insertInto(table)
    .values(row as never)
    .execute()
  await trx
    .updateTable('cases')
    .set({ head_seq: next.seq, head_hash: next.hash })
    .where('case_id', '=', head.caseId)
    .execute()
  return next
}

/** What an append reads of a locked case: its scope, event count, chain head, and its last evaluation's rule ids. */
export interface CaseLock {
  readonly jurisdiction: string
  readonly department_code: string
  readonly event_count: number
  readonly head_seq: number
  readonly head_hash: string
  readonly fired: readonly string[]
}

const LOCK_COLUMNS = ['jurisdiction', 'department_code', 'event_count', 'head_seq', 'head_hash'] as const
// the rule ids only, not the alerts, which can be long
const fired = sql<string[]>`jsonb_path_query_array(alerts, '$[*].ruleId')`.as('fired')

/**
 * Locks a case's row until the transaction ends and reads what an append needs, or undefined when there is none.
 * @example const lock = await lockCase(trx, 'c1')
 */
export async function lockCase(trx: Transaction<Database>, caseId: string): Promise<CaseLock | undefined> {
  return trx
    .selectFrom('cases')
    .select(LOCK_COLUMNS)
    .select(fired)
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst()
}

/**
 * Opens a case: its row is inserted and locked; a case opened meanwhile by another append is locked instead.
 * @example const lock = await openCase(trx, { case_id: 'c1', … })
 */
export async function openCase(trx: Transaction<Database>, row: Insertable<CasesTable>): Promise<CaseLock> {
  const made = await trx
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning(LOCK_COLUMNS)
    .returning(fired)
    .executeTakeFirst()
  const lock = made ?? (await lockCase(trx, row.case_id))
  if (!lock) throw new Error(`case ${row.case_id} vanished while it was being created`)
  return lock
}

/**
 * An event already stored under this id, with its evaluation, or undefined.
 * @example const earlier = await storedEvent(trx, 'c1', 'e2')
 */
export async function storedEvent(trx: Transaction<Database>, caseId: string, eventId: string) {
  const event = await trx
    .selectFrom('case_events')
    .select(['sequence', 'body'])
    .where('case_id', '=', caseId)
    .where('event_id', '=', eventId)
    .executeTakeFirst()
  if (!event) return undefined
  const evaluation = await trx
    .selectFrom('evaluations')
    .select(['chain_seq', 'level', 'next_change_at'])
    .where('case_id', '=', caseId)
    .where('cause', '=', 'event')
    .where('event_id', '=', eventId)
    .executeTakeFirst()
  return { ...event, evaluation }
}

/**
 * The events of cases as recorded, in order, each case's up to its count (or all of them).
 * @example const events = await caseEvents(trx, [{ caseId: 'c1', eventCount: 3 }])
 */
export async function caseEvents(
  db: Db,
  cases: readonly { readonly caseId: string; readonly eventCount?: number }[],
): Promise<Map<string, CaseEvent[]>> {
  const events = new Map<string, CaseEvent[]>()
  if (cases.length === 0) return events
  const limit = new Map(cases.map((c) => [c.caseId, c.eventCount ?? Number.MAX_SAFE_INTEGER]))
  for (const c of cases) events.set(c.caseId, [])
  const rows = await db
    .selectFrom('case_events')
    .select(['case_id', 'sequence', 'body'])
    .where('case_id', 'in', [...limit.keys()])
    .orderBy('case_id')
    .orderBy('sequence')
    .execute()
  for (const r of rows) if (r.sequence <= limit.get(r.case_id)!) events.get(r.case_id)!.push(r.body as CaseEvent)
  return events
}

/**
 * The next number of an organ in a year: the counter row is created or moved forward under its lock.
 * @example await allocateNumber(trx, '513222.market-regulation', 2025) // 1, then 2, …
 */
export async function allocateNumber(trx: Transaction<Database>, organ: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('notice_counters')
    .values({ organ, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['organ', 'year']).doUpdateSet((eb) => ({ last: eb('notice_counters.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow()
  return row.last
}

/**
 * Notice numbers taken in one transaction without a round trip each: an organ's first number of a year moves its
 * counter in the database (which locks the counter row until the transaction ends); the next ones count on from it;
 * `giveBack` returns the last number taken (a notice that could not be rendered); `flush` writes where each counter
 * stands. Flush before the transaction ends; roll back with it and discard the object.
 * @example const counters = new NumberCounters(trx); await counters.next('lx-scjgj', 2025); …; await counters.flush()
 */
export class NumberCounters {
  private readonly taken = new Map<
    string,
    { readonly organ: string; readonly year: number; readonly first: number; last: number }
  >()
  constructor(private readonly trx: Transaction<Database>) {}

  async next(organ: string, year: number): Promise<number> {
    const key = `${year}\u0000${organ}`
    const counter = this.taken.get(key)
    if (counter) return ++counter.last
    const first = await allocateNumber(this.trx, organ, year)
    this.taken.set(key, { organ, year, first, last: first })
    return first
  }

  giveBack(organ: string, year: number, number: number): void {
    const counter = this.taken.get(`${year}\u0000${organ}`)
    if (counter && counter.last === number) counter.last--
  }

  async flush(): Promise<void> {
    for (const c of this.taken.values()) {
      if (c.last !== c.first)
        await this.trx
          .updateTable('notice_counters')
          .set({ last: c.last })
          .where('organ', '=', c.organ)
          .where('year', '=', c.year)
          .execute()
    }
  }
}

/** One case's write: an event (for an append), its evaluation and notices, and the projection that follows. */
export interface CaseWrite {
  readonly head: ChainHead
  readonly cause: 'event' | 'sweep'
  /** The events the evaluated state folds. */
  readonly eventCount: number
  readonly by: string
  readonly event?: CaseEvent
  readonly outcome: CaseOutcome
  readonly notices: readonly { readonly ruleId: string; readonly notice: HookNotice }[]
  /** The evaluation's signature (evaluationSignature), when the caller has it already. */
  readonly signature?: string
  /**
   * A sweep whose evaluation decided what the case's latest one did (same signature): the position of the whole
   * evaluation that one is or repeats. The row records only the volatile facts (migration 0026).
   */
  readonly sameAs?: number
}

/** Where a case's chain stands after its write, and the positions of its evaluation and notices. */
export interface Written {
  readonly head: ChainHead
  readonly evaluationSeq: number
  readonly noticeSeqs: readonly number[]
}

/** One case's write linked: its rows in chain order, its projection, and where its chain ends. */
interface LinkedCase {
  readonly rows: { readonly table: RecordTable; readonly row: Record<string, unknown> }[]
  readonly projection: Projection
  readonly written: Written
}

/** The case projection's columns after a write. */
type Projection = {
  readonly status: string
  readonly level: string
  readonly overdue: boolean
  readonly event_count: number
  readonly next_change_at: string | null
  /** JSON text of the firings without their traces. */
  readonly alerts: string
  readonly last_evaluation_seq: number
  /** The chain head after the write: moved with the projection, in one update under the case's lock. */
  readonly head_seq: number
  readonly head_hash: string
}

const canonicalTexts = new WeakMap<object, string>()

/** The canonical text of a value shared by many evaluations and never changed (the packs a view applies), encoded once. */
function canonicalOnce(value: object): string {
  let text = canonicalTexts.get(value)
  if (text === undefined) {
    text = canonicalJson(value)
    canonicalTexts.set(value, text)
  }
  return text
}

function linkCase(w: CaseWrite, storedAt: Date): LinkedCase {
  let head = w.head
  const rows: LinkedCase['rows'] = []
  const link = <T extends RecordTable>(table: T, content: RecordContent[T]) => {
    const linked = linkRecord(head, table, content, storedAt, true)
    rows.push({ table, row: linked.row })
    head = linked.next
    return head.seq
  }
  const { evaluation, state } = w.outcome
  if (w.event)
    link('case_events', {
      sequence: w.eventCount,
      event_id: w.event.id,
      event_type: w.event.type,
      body: canonicalJson(w.event),
      recorded_by: w.by,
    })
  const signature = w.signature ?? evaluationSignature(w.outcome)
  const common = {
    cause: w.cause,
    sequence: w.eventCount,
    event_id: evaluation.eventId,
    at: evaluation.at,
    level: w.outcome.level,
    next_change_at: w.outcome.next,
    signature,
    recorded_by: w.by,
  }
  let evaluationSeq: number
  if (w.sameAs !== undefined && w.notices.length === 0) {
    // unchanged: the facts that changed, and the row whose packs, firings and extras it repeats
    const facts = volatileFacts(evaluation.facts)
    const row = { packs: null, facts: canonicalJson(facts), firings: null, extra: null, same_as: w.sameAs }
    evaluationSeq = link('evaluations', { ...common, ...row })
  } else {
    const extra = extraOf(evaluation)
    evaluationSeq = link('evaluations', {
      ...common,
      packs: canonicalOnce(evaluation.packs),
      facts: canonicalJson(evaluation.facts),
      firings: canonicalJson(evaluation.firings),
      extra: extra === null ? null : canonicalJson(extra),
      same_as: null,
    })
  }
  const noticeSeqs = w.notices.map(({ ruleId, notice: n }) =>
    link('notices', {
      evaluation_seq: evaluationSeq,
      rule_id: ruleId,
      template: n.template,
      organ: n.organ,
      number: n.number,
      title: n.title,
      html: n.html,
      text: n.text,
      recorded_by: w.by,
    }),
  )
  const o = w.outcome
  const projection: Projection = {
    status: state.status,
    level: o.level,
    overdue: o.overdue,
    event_count: w.eventCount,
    next_change_at: o.next,
    alerts: jsonColumn(evaluation.firings.map(alertOf)),
    last_evaluation_seq: evaluationSeq,
    head_seq: head.seq,
    head_hash: head.hash,
  }
  return { rows, projection, written: { head, evaluationSeq, noticeSeqs } }
}

/**
 * Writes cases' records (each event, evaluation and notice linked after the one before) and brings their
 * projections up to date: one statement per table for all the cases. Throws what the database refuses.
 * @example const [written] = await writeCases(trx, [{ head, cause: 'event', eventCount: 2, by, event, outcome, notices: [] }])
 */
export async function writeCases(trx: Transaction<Database>, writes: readonly CaseWrite[]): Promise<Written[]> {
  const rows: Record<RecordTable, Record<string, unknown>[]> = { case_events: [], evaluations: [], notices: [] }
  const projections: ReturnType<typeof sql>[] = []
  const storedAt = new Date()
  const linked = writes.map((w) => linkCase(w, storedAt))
  for (const [i, l] of linked.entries()) {
    for (const r of l.rows) rows[r.table].push(r.row)
    const p = l.projection
    projections.push(
      sql`(${writes[i]!.head.caseId}::text, ${p.status}::text, ${p.level}::text, ${p.overdue}::boolean, ${p.event_count}::integer, ${p.next_change_at}::timestamptz, ${p.alerts}::jsonb, ${p.last_evaluation_seq}::integer, ${storedAt}::timestamptz, ${p.head_seq}::integer, ${p.head_hash}::text)`,
    )
  }
  // in this order, so that each case's rows follow each other in its chain; a statement's parameters are limited
  // (65,535): a few hundred rows at a time
  for (const table of ['case_events', 'evaluations', 'notices'] as const) {
    for (let i = 0; i < rows[table].length; i += 200)
      await trx
        .insertInto(table)
        .values(rows[table].slice(i, i + 200) as never)
        .execute()
  }
  for (let i = 0; i < projections.length; i += 200) {
    await sql`
      update cases set status = v.status, level = v.level, overdue = v.overdue, event_count = v.event_count, next_change_at = v.next_change_at,
                       alerts = v.alerts, last_evaluation_seq = v.last_evaluation_seq, problem = null, updated_at = v.updated_at,
                       head_seq = v.head_seq, head_hash = v.head_hash
      from (values ${sql.join(projections.slice(i, i + 200))}) as v (case_id, status, level, overdue, event_count, next_change_at, alerts, last_evaluation_seq, updated_at, head_seq, head_hash)
      where cases.case_id = v.case_id`.execute(trx)
  }
  return linked.map((l) => l.written)
}

const JSON_TEXT_COLUMNS = new Set(['body', 'packs', 'facts', 'firings', 'extra', 'alerts'])

/** A row as JSON text, its JSON columns (already JSON text) spliced in as they are, not encoded a second time. */
function rowJson(row: Readonly<Record<string, unknown>>): string {
  let out = '{'
  for (const key in row) {
    const value = row[key]
    if (value === undefined) continue
    // a moment as JSON.stringify writes it (its ISO text has nothing to escape)
    const text =
      typeof value === 'string'
        ? JSON_TEXT_COLUMNS.has(key)
          ? value
          : JSON.stringify(value)
        : value instanceof Date
          ? `"${value.toISOString()}"`
          : JSON.stringify(value)
    out += out.length === 1 ? `${keyText(key)}${text}` : `,${keyText(key)}${text}`
  }
  return `${out}}`
}

/**
 * One appended event's write in a single statement, outside any transaction (the database function
 * xq_write_case takes the case's lock, checks that its chain head and event count are still those the writer
 * folded, then inserts the rows and updates the projection with the chain head). With `open`, the case row is
 * inserted first (an accepted event). Returns `moved` when another writer came first (or the case to open exists) and
 * `missing` when there is no case: the caller then takes the locked path.
 * @example const r = await writeAppended(db, write, 3); if (r.status === 'written') r.written.evaluationSeq
 */
export async function writeAppended(
  db: Kysely<Database>,
  write: CaseWrite,
  storedCount: number,
  open?: Insertable<CasesTable>,
): Promise<{ status: 'written'; written: Written } | { status: 'moved' | 'missing' }> {
  const l = linkCase(write, new Date())
  const rows = l.rows.map((r) => `{"t":${JSON.stringify(r.table)},"r":${rowJson(r.row)}}`).join(',')
  const opened = open ? `"open":${JSON.stringify(open)},` : ''
  const p = `{"caseId":${JSON.stringify(write.head.caseId)},${opened}"seq":${write.head.seq},"count":${storedCount},"rows":[${rows}],"projection":${rowJson(l.projection)}}`
  const result = await sql<{ r: number }>`select xq_write_case(${p}::jsonb) as r`.execute(db)
  const r = result.rows[0]?.r
  if (r === 0) return { status: 'written', written: l.written }
  return { status: r === 1 ? 'missing' : 'moved' }
}

/**
 * Whether an error comes from one case's data (a refusal, an error thrown by the evaluation or a template, a value or
 * constraint the database refuses: SQLSTATE classes 22 and 23) rather than a fault of the database or the network.
 * @example isCaseDataError(new TypeError('x')) // true
 */
export function isCaseDataError(err: unknown): boolean {
  if (err instanceof XingquanError) return true
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return err instanceof Error
  return /^2[23][0-9A-Z]{3}$/.test(code)
}

/**
 * writeCases for a batch in which one case's records must not stop the others: all together in a savepoint; should
 * the database refuse a row, that savepoint is rolled back and the cases are written one by one, each in its own
 * savepoint. Returns what was written and, as values, the cases the database refused with the error.
 * @example const { written, refused } = await writeCasesApart(trx, writes)
 */
export async function writeCasesApart(
  trx: Transaction<Database>,
  writes: readonly CaseWrite[],
): Promise<{ written: { write: CaseWrite; written: Written }[]; refused: { write: CaseWrite; error: unknown }[] }> {
  const refused: { write: CaseWrite; error: unknown }[] = []
  if (writes.length === 0) return { written: [], refused }
  await sql`savepoint write_group`.execute(trx)
  try {
    const all = await writeCases(trx, writes)
    await sql`release savepoint write_group`.execute(trx)
    return { written: writes.map((write, i) => ({ write, written: all[i]! })), refused }
  } catch (err) {
    if (!isCaseDataError(err)) throw err
    await sql`rollback to savepoint write_group`.execute(trx)
  }
  const written: { write: CaseWrite; written: Written }[] = []
  for (const write of writes) {
    await sql`savepoint write_case`.execute(trx)
    try {
      written.push({ write, written: (await writeCases(trx, [write]))[0]! })
      await sql`release savepoint write_case`.execute(trx)
    } catch (error) {
      if (!isCaseDataError(error)) throw error
      await sql`rollback to savepoint write_case`.execute(trx)
      refused.push({ write, error })
    }
  }
  await sql`release savepoint write_group`.execute(trx)
  return { written, refused }
}

/** A notice a sweep's firing calls for: numbered from the organ's counter (organ id, year), or without a number. */
export interface SweepNotice {
  readonly ruleId: string
  readonly organ: string | null
  readonly year: number
}

/**
 * A sweep batch in one statement (xq_write_sweep, migration 0021): the evaluations linked in their chains, the
 * projections with their chain heads, the notices' numbers taken (in the order given) and one outbox entry each.
 * Returns what was written and the outbox ids, or `refused` (nothing written) when the database refuses one of the
 * rows: the caller then writes the cases apart.
 * @example const r = await writeSweepBatch(trx, writes, writes.map(() => [])); if ('refused' in r) …
 */
export async function writeSweepBatch(
  trx: Transaction<Database>,
  writes: readonly CaseWrite[],
  notices: readonly (readonly SweepNotice[])[],
): Promise<{ written: Written[]; outboxIds: string[] } | { refused: { code: string; message: string } }> {
  const storedAt = new Date()
  const linked = writes.map((w) => linkCase(w, storedAt))
  const rows: string[] = []
  const projections: string[] = []
  const entries: string[] = []
  for (const [i, l] of linked.entries()) {
    const caseId = writes[i]!.head.caseId
    for (const r of l.rows) rows.push(rowJson(r.row))
    projections.push(rowJson({ case_id: caseId, ...l.projection }))
    for (const n of notices[i] ?? [])
      entries.push(
        JSON.stringify({
          ord: entries.length,
          case_id: caseId,
          evaluation_seq: l.written.evaluationSeq,
          rule_id: n.ruleId,
          organ: n.organ,
          year: n.year,
          recorded_by: writes[i]!.by,
        }),
      )
  }
  const result = await sql<{ r: { ids?: string[]; refused?: { code: string; message: string } } }>`
    select xq_write_sweep(${storedAt}::timestamptz, ${`[${rows.join(',')}]`}::json, ${`[${projections.join(',')}]`}::json,
                          ${`[${entries.join(',')}]`}::json) as r`.execute(trx)
  const r = result.rows[0]!.r
  if (r.refused) return { refused: r.refused }
  return { written: linked.map((l) => l.written), outboxIds: r.ids ?? [] }
}

/** A due case as the sweep claims it. */
export interface DueRow {
  readonly case_id: string
  readonly jurisdiction: string
  readonly department_code: string
  readonly event_count: number
  readonly head_seq: number
  readonly head_hash: string
  readonly next_change_at: Date | null
  /** The rule ids of its previous evaluation's firings. */
  readonly fired: readonly string[]
  /** Its latest evaluation's signature (null before migration 0026), and the whole evaluation that one is or repeats. */
  readonly signature: string | null
  readonly basis: number | null
}

const latestSignature = sql<string | null>`(select e.signature from evaluations e
  where e.case_id = cases.case_id and e.chain_seq = cases.last_evaluation_seq)`.as('signature')
const latestBasis = sql<number | null>`(select coalesce(e.same_as, e.chain_seq) from evaluations e
  where e.case_id = cases.case_id and e.chain_seq = cases.last_evaluation_seq)`.as('basis')

/**
 * Claims up to `size` cases due by `now`, earliest first, locking them with FOR UPDATE SKIP LOCKED so that concurrent
 * sweepers take disjoint cases; `skip` leaves out cases this sweep already set aside.
 * @example const due = await claimDue(trx, new Date(), 200, new Set())
 */
export async function claimDue(
  trx: Transaction<Database>,
  now: Date,
  size: number,
  skip: ReadonlySet<string>,
  only?: readonly string[],
): Promise<DueRow[]> {
  let q = trx
    .selectFrom('cases')
    .select(['case_id', 'jurisdiction', 'department_code', 'event_count', 'head_seq', 'head_hash', 'next_change_at'])
    .select(fired)
    .select(latestSignature)
    .select(latestBasis)
    .orderBy('next_change_at')
    .limit(size)
    .forUpdate()
    .skipLocked()
  // `only`: these cases are due now, whatever their next change (the calendar they were counted on changed)
  q = only ? q.where('case_id', 'in', only.length > 0 ? [...only] : ['']) : q.where('next_change_at', '<=', now)
  if (skip.size > 0) q = q.where('case_id', 'not in', [...skip])
  const rows = await q.execute()
  return only ? rows.map((r) => ({ ...r, next_change_at: now })) : rows
}

/**
 * Whether any case is due by `now` (one index probe, no transaction, no lock): the sweep's poll when nothing is due.
 * The earliest next change is read from the due index (min over it is its first entry), never by a scan of the cases:
 * an `exists` over `next_change_at <= now` lets the planner gamble on a sequential scan when its statistics still
 * count the cases due before the last sweep (97 ms over 200,000 open cases instead of 0.2 ms).
 * @example if (!(await anyDue(db, new Date()))) return
 */
export async function anyDue(db: Db, now: Date): Promise<boolean> {
  const { rows } = await sql<{
    due: boolean | null
  }>`select (select min(next_change_at) from cases) <= ${now}::timestamptz as due`.execute(db)
  return rows[0]?.due === true
}

/** A case set aside, and why. */
export interface SetAside {
  readonly caseId: string
  readonly eventCount: number
  readonly dueAt: Date | null
  readonly problem: { readonly code: string; readonly zh: string; readonly en: string }
}

/**
 * Records each case's problem in `case_problems` (append-only) and then shows it on its projection, unless the
 * projection already shows a problem with that code (a case retried every minute is recorded once); the next
 * evaluation written for the case clears the projection's problem. The database lets a projection show only its
 * case's latest recorded problem (migration 0031).
 * @example await setAside(trx, [{ caseId: 'c1', eventCount: 3, dueAt, problem }], new Date())
 */
export async function setAside(trx: Transaction<Database>, items: readonly SetAside[], at: Date): Promise<void> {
  for (const item of items) {
    const shown = await trx
      .selectFrom('cases')
      .select(sql<string | null>`problem->>'code'`.as('code'))
      .where('case_id', '=', item.caseId)
      .executeTakeFirst()
    if (!shown || shown.code === item.problem.code) continue
    await trx
      .insertInto('case_problems')
      .values({
        case_id: item.caseId,
        ...item.problem,
        event_count: item.eventCount,
        due_at: item.dueAt,
        stored_at: at,
      })
      .execute()
    const problem: CaseProblem = { ...item.problem, since: at.toISOString() }
    await trx
      .updateTable('cases')
      .set({ problem: JSON.stringify(problem) })
      .where('case_id', '=', item.caseId)
      .execute()
  }
}
