/**
 * Every statement of the notice outbox (migration 0020): the sweep writes an entry per notice to make, with its
 * evaluation and in its transaction; the renderer claims pending entries (FOR UPDATE SKIP LOCKED), records each notice
 * made in the case's chain, once, or the failed attempt with its error. Append-only: nothing here is updated or deleted.
 */
import { wholeRows } from './unchanged-evaluations.js'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './database.js'
import { linkRecord, type ChainHead, type RecordContent } from './record-writer.js'

type Db = Kysely<Database> | Transaction<Database>

/** One notice to make: the firing of an evaluation, and the number taken for it (organ id, year, sequence). */
export interface OutboxEntry {
  readonly caseId: string
  readonly evaluationSeq: number
  readonly ruleId: string
  /** The organ whose counter numbered it; null without a number (or when the plan failed before the number was known). */
  readonly organ: string | null
  readonly year: number
  readonly sequence: number | null
  readonly by: string
}

/** An entry as stored, with the attempts made to render it so far. */
export interface StoredEntry extends OutboxEntry {
  readonly id: string
  readonly attempts: number
}

/**
 * The statement that inserts a batch's outbox entries, for the writer to run in its transaction; undefined for none.
 * @example const q = outboxInsert(entries, new Date()); if (q) await q.execute(trx)
 */
export function outboxInsert(entries: readonly OutboxEntry[], storedAt: Date) {
  if (entries.length === 0) return undefined
  const rows = JSON.stringify(
    entries.map((e) => ({
      case_id: e.caseId,
      evaluation_seq: e.evaluationSeq,
      rule_id: e.ruleId,
      organ: e.organ,
      year: e.year,
      sequence: e.sequence,
      recorded_by: e.by,
    })),
  )
  return sql<{ id: string }>`
    insert into notice_outbox (case_id, evaluation_seq, rule_id, organ, year, sequence, recorded_by, stored_at)
    select case_id, evaluation_seq, rule_id, organ, year, sequence, recorded_by, ${storedAt}::timestamptz
    from jsonb_to_recordset(${rows}::jsonb)
      as r (case_id text, evaluation_seq integer, rule_id text, organ text, year integer, sequence integer, recorded_by text)
    returning id::text as id`
}

/** An outbox entry `o` whose notice is not recorded (yet): what every reader of the waiting entries means by it. */
const NOT_RENDERED = sql`not exists (select 1 from notices n where n.case_id = o.case_id and n.evaluation_seq = o.evaluation_seq and n.rule_id = o.rule_id)`

/** The key of an outbox entry and of the notice made from it. */
export const entryKey = (e: { readonly caseId: string; readonly evaluationSeq: number; readonly ruleId: string }) =>
  `${e.caseId}\u0000${e.evaluationSeq}\u0000${e.ruleId}`

/**
 * The ids of entries to render now: every entry not rendered (or only those that failed before) whose attempts are
 * fewer than `maxAttempts` and whose last failure is older than its backoff (`backoffMinutes[attempts - 1]`, the
 * last figure beyond), at most `limit` of them, oldest first. No lock: the claim takes the locks.
 * @example const ids = await pendingEntries(db, { now: new Date(), maxAttempts: 8, backoffMinutes: [1, 5], limit: 500 })
 */
export async function pendingEntries(
  db: Db,
  options: {
    /** Only entries that failed at least once (a retry; cheap: the attempts are few). */
    readonly failedOnly?: boolean
    /**
     * Only entries never tried, after the entry `afterId` and stored before `storedBefore`: what a process that
     * crashed after its sweep committed left (cheap: the ids after a recent one).
     */
    readonly untried?: { readonly afterId: string; readonly storedBefore: Date }
    readonly now: Date
    readonly maxAttempts: number
    readonly backoffMinutes: readonly number[]
    readonly limit: number
  },
): Promise<string[]> {
  const backoff = JSON.stringify(options.backoffMinutes)
  const u = options.untried
  const only = options.failedOnly
    ? sql`and o.id = any(select distinct outbox_id from notice_attempts)`
    : u
      ? sql`and o.id > ${u.afterId}::bigint and o.stored_at < ${u.storedBefore}::timestamptz and a.n = 0`
      : sql``
  const { rows } = await sql<{ id: string }>`
    select o.id::text as id from notice_outbox o
    left join lateral (select count(*)::integer as n, max(at) as last from notice_attempts a where a.outbox_id = o.id) a on true
    where ${NOT_RENDERED}
      and a.n < ${options.maxAttempts}
      and (a.n = 0 or a.last + (coalesce((${backoff}::jsonb ->> (a.n - 1))::integer, (${backoff}::jsonb ->> -1)::integer) * interval '1 minute') <= ${options.now}::timestamptz)
      ${only}
    order by o.id
    limit ${options.limit}`.execute(db)
  return rows.map((r) => r.id)
}

/**
 * Locks the entries given that no other renderer holds (FOR UPDATE SKIP LOCKED), with their attempts so far.
 * @example const entries = await claimEntries(trx, ids)
 */
export async function claimEntries(trx: Transaction<Database>, ids: readonly string[]): Promise<StoredEntry[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<{
    id: string
    case_id: string
    evaluation_seq: number
    rule_id: string
    organ: string | null
    year: number
    sequence: number | null
    recorded_by: string
  }>`
    select id::text as id, case_id, evaluation_seq, rule_id, organ, year, sequence, recorded_by from notice_outbox
    where id = any(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)
    order by id
    for update skip locked`.execute(trx)
  if (rows.length === 0) return []
  const counts = await sql<{ outbox_id: string; n: number }>`
    select outbox_id::text as outbox_id, max(attempt)::integer as n from notice_attempts
    where outbox_id = any(select jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.id))}::jsonb)::bigint)
    group by outbox_id`.execute(trx)
  const attempts = new Map(counts.rows.map((c) => [c.outbox_id, c.n]))
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    evaluationSeq: r.evaluation_seq,
    ruleId: r.rule_id,
    organ: r.organ,
    year: r.year,
    sequence: r.sequence,
    by: r.recorded_by,
    attempts: attempts.get(r.id) ?? 0,
  }))
}

/**
 * Locks the cases' rows (in case id order) and reads where each chain stands and how many events it has.
 * @example const heads = await lockHeads(trx, ['c1', 'c2'])
 */
export async function lockHeads(
  trx: Transaction<Database>,
  caseIds: readonly string[],
): Promise<Map<string, ChainHead & { readonly eventCount: number }>> {
  const { rows } = await sql<{ case_id: string; head_seq: number; head_hash: string; event_count: number }>`
    select case_id, head_seq, head_hash, event_count from cases
    where case_id = any(select jsonb_array_elements_text(${JSON.stringify([...new Set(caseIds)].sort())}::jsonb))
    order by case_id
    for update`.execute(trx)
  return new Map(
    rows.map((r) => [r.case_id, { caseId: r.case_id, seq: r.head_seq, hash: r.head_hash, eventCount: r.event_count }]),
  )
}

/**
 * The keys (entryKey) of the entries given whose notice is recorded already: read after the cases are locked, so a
 * notice another renderer recorded before is seen.
 * @example const done = await renderedKeys(trx, entries)
 */
export async function renderedKeys(trx: Transaction<Database>, entries: readonly OutboxEntry[]): Promise<Set<string>> {
  if (entries.length === 0) return new Set()
  const keys = JSON.stringify(entries.map((e) => ({ c: e.caseId, s: e.evaluationSeq, r: e.ruleId })))
  const { rows } = await sql<{ case_id: string; evaluation_seq: number; rule_id: string }>`
    select n.case_id, n.evaluation_seq, n.rule_id from notices n
    join jsonb_to_recordset(${keys}::jsonb) as k (c text, s integer, r text)
      on n.case_id = k.c and n.evaluation_seq = k.s and n.rule_id = k.r`.execute(trx)
  return new Set(rows.map((r) => entryKey({ caseId: r.case_id, evaluationSeq: r.evaluation_seq, ruleId: r.rule_id })))
}

/** A stored evaluation as the renderer reads it back (when it is not in memory). */
export interface StoredEvaluation {
  readonly caseId: string
  readonly chainSeq: number
  /** The events the evaluated state folded. */
  readonly eventCount: number
  readonly eventId: string | null
  readonly at: string
  readonly packs: unknown
  readonly facts: Record<string, unknown>
  readonly firings: unknown[]
  readonly extra: Record<string, unknown> | null
}

/**
 * The evaluations named (case, chain position), as stored.
 * @example const evaluations = await storedEvaluations(trx, [{ caseId: 'c1', evaluationSeq: 4 }])
 */
export async function storedEvaluations(
  db: Db,
  keys: readonly { readonly caseId: string; readonly evaluationSeq: number }[],
): Promise<Map<string, StoredEvaluation>> {
  if (keys.length === 0) return new Map()
  const wanted = JSON.stringify(keys.map((k) => ({ c: k.caseId, s: k.evaluationSeq })))
  const { rows } = await sql<{
    case_id: string
    chain_seq: number
    sequence: number | null
    event_id: string | null
    at: string
    packs: unknown
    facts: Record<string, unknown>
    firings: unknown[]
    extra: Record<string, unknown> | null
    same_as: number | null
  }>`
    select e.case_id, e.chain_seq, e.sequence, e.event_id, e.at, e.packs, e.facts, e.firings, e.extra, e.same_as
    from evaluations e
    join jsonb_to_recordset(${wanted}::jsonb) as k (c text, s integer) on e.case_id = k.c and e.chain_seq = k.s`.execute(
    db,
  )
  // a notice belongs to a whole evaluation (a firing that appeared); an unchanged row is read whole all the same
  return new Map(
    (await wholeRows(db, rows)).map((r) => [
      `${r.case_id}\u0000${r.chain_seq}`,
      {
        caseId: r.case_id,
        chainSeq: r.chain_seq,
        eventCount: r.sequence ?? 0,
        eventId: r.event_id,
        at: r.at,
        packs: r.packs,
        facts: r.facts,
        firings: r.firings,
        extra: r.extra,
      },
    ]),
  )
}

/** A notice made from an entry: what its record holds. */
export type MadeNotice = Omit<RecordContent['notices'], 'recorded_by'> & {
  readonly caseId: string
  readonly by: string
}

/** A failed render of an entry: its attempt number and error. */
export interface FailedAttempt {
  readonly outboxId: string
  readonly attempt: number
  readonly problem: { readonly code: string; readonly zh: string; readonly en: string }
}

/**
 * Records the notices made, each linked at the head of its (locked) case's chain, in one insert, and moves the heads
 * in one update; then the failed attempts (at `attemptAt`, the service's clock: the backoff counts from it) in one
 * insert. Returns the chain position of each notice, in order.
 * @example const seqs = await recordRenders(trx, heads, made, failed, new Date(), new Date())
 */
export async function recordRenders(
  trx: Transaction<Database>,
  heads: ReadonlyMap<string, ChainHead>,
  made: readonly MadeNotice[],
  failed: readonly FailedAttempt[],
  at: Date,
  attemptAt: Date,
): Promise<number[]> {
  const moved = new Map<string, ChainHead>()
  const rows: Record<string, unknown>[] = []
  const seqs: number[] = []
  for (const { caseId, by, ...content } of made) {
    const head = moved.get(caseId) ?? heads.get(caseId)
    if (!head) throw new Error(`notice outbox: case ${caseId} is not locked`)
    const linked = linkRecord(head, 'notices', { ...content, recorded_by: by }, at)
    rows.push(linked.row)
    moved.set(caseId, linked.next)
    seqs.push(linked.next.seq)
  }
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('notices')
      .values(rows.slice(i, i + 200) as never)
      .execute()
  if (moved.size > 0) {
    const newHeads = JSON.stringify([...moved.values()].map((h) => ({ c: h.caseId, s: h.seq, h: h.hash })))
    await sql`
      update cases set head_seq = v.s, head_hash = v.h
      from jsonb_to_recordset(${newHeads}::jsonb) as v (c text, s integer, h text)
      where cases.case_id = v.c`.execute(trx)
  }
  if (failed.length > 0) {
    const attempts = JSON.stringify(
      failed.map((f) => ({ o: f.outboxId, n: f.attempt, code: f.problem.code, zh: f.problem.zh, en: f.problem.en })),
    )
    await sql`
      insert into notice_attempts (outbox_id, attempt, code, zh, en, at)
      select o::bigint, n, code, zh, en, ${attemptAt}::timestamptz
      from jsonb_to_recordset(${attempts}::jsonb) as r (o text, n integer, code text, zh text, en text)`.execute(trx)
  }
  return seqs
}

/**
 * The last entry stored before `settledBefore` (after `afterId`), or `afterId` when there is none: every entry up to it
 * is committed (no sweep's transaction lasts that long), so a later scan for entries never tried can start after it.
 * @example lowWater = await settledOutboxId(db, lowWater, new Date(Date.now() - 10 * 60_000))
 */
export async function settledOutboxId(db: Db, afterId: string, settledBefore: Date): Promise<string> {
  const { rows } = await sql<{ id: string | null }>`
    select max(id)::text as id from notice_outbox where id > ${afterId}::bigint and stored_at < ${settledBefore}::timestamptz`.execute(
    db,
  )
  return rows[0]?.id ?? afterId
}

/** An entry not rendered (yet), with its last error if an attempt failed. */
export interface UnrenderedNotice {
  readonly id: string
  readonly caseId: string
  readonly evaluationSeq: number
  readonly ruleId: string
  readonly attempts: number
  readonly lastError: { readonly code: string; readonly zh: string; readonly en: string; readonly at: Date } | null
}

/**
 * The entries of a case (or of all cases) not rendered, oldest first, with their last failed attempt: what an
 * administrator is shown.
 * @example const waiting = await unrenderedNotices(db, 'c1')
 */
export async function unrenderedNotices(db: Db, caseId?: string): Promise<UnrenderedNotice[]> {
  const only = caseId === undefined ? sql`` : sql`and o.case_id = ${caseId}`
  const { rows } = await sql<{
    id: string
    case_id: string
    evaluation_seq: number
    rule_id: string
    n: number
    code: string | null
    zh: string | null
    en: string | null
    at: Date | null
  }>`
    select o.id::text as id, o.case_id, o.evaluation_seq, o.rule_id, coalesce(a.attempt, 0)::integer as n, a.code, a.zh, a.en, a.at
    from notice_outbox o
    left join lateral (select attempt, code, zh, en, at from notice_attempts a where a.outbox_id = o.id order by attempt desc limit 1) a on true
    where ${NOT_RENDERED}
      ${only}
    order by o.id`.execute(db)
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    evaluationSeq: r.evaluation_seq,
    ruleId: r.rule_id,
    attempts: r.n,
    lastError:
      r.code === null
        ? null
        : { code: r.code, zh: r.zh!, en: r.en!, at: r.at instanceof Date ? r.at : new Date(r.at!) },
  }))
}

/**
 * The number of entries whose rendering failed and that are not rendered since, of each case that has any, for a query
 * to join on `case_id` (the board joins it to the cases in a reader's scope). It starts from the failed attempts, which
 * are few, not from the outbox, which grows with every notice ever made: an entry not tried yet is seconds old (the
 * sweep hands it to the renderer as it commits) and shows on its case's page, not here.
 * @example db.selectFrom('cases').innerJoin(failedUnrenderedCounts().as('w'), 'w.case_id', 'cases.case_id')
 */
export const failedUnrenderedCounts = () => sql<{ case_id: string; notices: number }>`(
  select o.case_id, count(*)::integer as notices from notice_outbox o
  where o.id in (select distinct outbox_id from notice_attempts) and ${NOT_RENDERED}
  group by o.case_id)`
