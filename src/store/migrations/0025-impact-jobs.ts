/**
 * Migration 0025: impact jobs in the database, so every server process sees a job's progress and its report: the job
 * as it was started, its progress as new rows (each one also says its process is alive), and its one result.
 */
import { sql, type Kysely } from 'kysely'

const TABLES = ['impact_jobs', 'impact_job_progress', 'impact_job_results'] as const

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('impact_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('draft_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('filter', 'jsonb')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('impact_jobs_draft').on('impact_jobs').columns(['draft_id', 'started_at']).execute()
  await db.schema
    .createTable('impact_job_progress')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('impact_jobs.id'))
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('impact_job_progress_job').on('impact_job_progress').columns(['job_id', 'id']).execute()
  await db.schema
    .createTable('impact_job_results')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('impact_jobs.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('done', 'failed')`))
    .addColumn('report', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  for (const t of TABLES) {
    await sql`create trigger ${sql.raw(`${t}_no_change`)} before update or delete on ${sql.table(t)} for each row execute function xq_refuse_change()`.execute(
      db,
    )
    await sql`create trigger ${sql.raw(`${t}_no_truncate`)} before truncate on ${sql.table(t)} for each statement execute function xq_refuse_change()`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [...TABLES].reverse()) await db.schema.dropTable(t).execute()
}
