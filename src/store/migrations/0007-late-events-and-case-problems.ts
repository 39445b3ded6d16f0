/** Migration 0007: a moment evaluated again after a late event is a new evaluation (keyed by event count); a case the sweep cannot evaluate gets a recorded problem. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // One sweep evaluation per case, moment and event count: a late-recorded event (count n + 1) may change the facts of
  // a moment already evaluated with n events, and that moment is then evaluated again; the same deadline with the same
  // events still never fires twice.
  await sql`drop index evaluations_sweep_once`.execute(db)
  await sql`create unique index evaluations_sweep_once on evaluations (case_id, at, sequence) where cause = 'sweep'`.execute(
    db,
  )

  // The problems that set a case aside from a sweep, append-only; the projection shows the open one.
  await db.schema
    .createTable('case_problems')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('zh', 'text', (c) => c.notNull())
    .addColumn('en', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create trigger case_problems_no_change before update or delete on case_problems for each row execute function xq_refuse_change()`.execute(
    db,
  )
  await sql`create trigger case_problems_no_truncate before truncate on case_problems for each statement execute function xq_refuse_change()`.execute(
    db,
  )
  await db.schema.alterTable('cases').addColumn('problem', 'jsonb').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('problem').execute()
  await db.schema.dropTable('case_problems').execute()
  await sql`drop index evaluations_sweep_once`.execute(db)
  await sql`create unique index evaluations_sweep_once on evaluations (case_id, at) where cause = 'sweep'`.execute(db)
}
