/**
 * Impact jobs kept in the database, append-only: the job, its progress rows, its result; what a job is now is read
 * from them. Their times are the database's clock, so processes on hosts whose clocks differ judge them alike.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from './database.js'
import { jsonColumn } from './hash-chain.js'

export interface ImpactJobFilter {
  readonly jurisdictionPrefix: string
  readonly department?: string
}

export interface StoredImpactJob {
  readonly id: string
  readonly draftId: string
  readonly at: string
  /** The cases replayed; null: none the starter could see. */
  readonly filter: ImpactJobFilter | null
  readonly startedBy: string
  readonly process: string
  readonly startedAt: string
  /** The latest progress row: cases done of the total, and when it was written. */
  readonly progress: { readonly done: number; readonly total: number; readonly at: string } | null
  /** The database's clock as the job was read: what its rows' times are compared with (every process's rows use it). */
  readonly readAt: string
  readonly result: {
    readonly status: 'done' | 'failed'
    readonly report: unknown
    readonly error: string | null
    readonly at: string
  } | null
}

/**
 * Records a job as started.
 * @example await recordImpactJob(db, { id, draftId, at, filter, startedBy: 'zhang', process: 'host:123:ab' })
 */
export async function recordImpactJob(
  db: Kysely<Database>,
  job: {
    id: string
    draftId: string
    at: string
    filter: ImpactJobFilter | null
    startedBy: string
    process: string
  },
): Promise<void> {
  await db
    .insertInto('impact_jobs')
    .values({
      id: job.id,
      draft_id: job.draftId,
      at: job.at,
      filter: jsonColumn(job.filter),
      started_by: job.startedBy,
      process: job.process,
      started_at: sql<Date>`now()`,
    })
    .execute()
}

/**
 * Appends a progress row: cases done of the total, now.
 * @example await recordImpactProgress(db, id, 256, 1000)
 */
export async function recordImpactProgress(
  db: Kysely<Database>,
  jobId: string,
  done: number,
  total: number,
): Promise<void> {
  await db.insertInto('impact_job_progress').values({ job_id: jobId, done, total, at: sql<Date>`now()` }).execute()
}

/**
 * Records the job's one result (a second is refused by the key).
 * @example await recordImpactResult(db, id, { status: 'done', report })
 */
export async function recordImpactResult(
  db: Kysely<Database>,
  jobId: string,
  result: { status: 'done'; report: unknown } | { status: 'failed'; error: string },
): Promise<void> {
  await db
    .insertInto('impact_job_results')
    .values({
      job_id: jobId,
      status: result.status,
      report: result.status === 'done' ? jsonColumn(result.report) : null,
      error: result.status === 'failed' ? result.error : null,
      at: sql<Date>`now()`,
    })
    .execute()
}

/**
 * A job with its latest progress and its result, or undefined.
 * @example const job = await readImpactJob(db, 'i-…')
 */
export async function readImpactJob(db: Kysely<Database>, id: string): Promise<StoredImpactJob | undefined> {
  const job = await db.selectFrom('impact_jobs').selectAll().where('id', '=', id).executeTakeFirst()
  if (!job) return undefined
  const [progress, result, clock] = await Promise.all([
    db
      .selectFrom('impact_job_progress')
      .select(['done', 'total', 'at'])
      .where('job_id', '=', id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('impact_job_results').selectAll().where('job_id', '=', id).executeTakeFirst(),
    sql<{ now: Date }>`select now() as now`.execute(db),
  ])
  return {
    id: job.id,
    draftId: job.draft_id,
    at: job.at,
    filter: (job.filter as ImpactJobFilter | null) ?? null,
    startedBy: job.started_by,
    process: job.process,
    startedAt: job.started_at.toISOString(),
    readAt: new Date(clock.rows[0]!.now).toISOString(),
    progress: progress ? { done: progress.done, total: progress.total, at: progress.at.toISOString() } : null,
    result: result
      ? { status: result.status, report: result.report, error: result.error, at: result.at.toISOString() }
      : null,
  }
}
