/** Migration 0013: snapshots of a case's folded state, so a case not in memory is folded from the latest one on; append-only. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_state_snapshots')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('fold_version', 'integer', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('case_state_snapshots_pk', ['case_id', 'fold_version', 'event_count'])
    .execute()
  // derived, but never altered: a snapshot is replaced by a later one, never changed (阿坝州办法第三十一条)
  await sql`create trigger case_state_snapshots_no_change before update or delete on case_state_snapshots for each row execute function xq_refuse_change()`.execute(
    db,
  )
  await sql`create trigger case_state_snapshots_no_truncate before truncate on case_state_snapshots for each statement execute function xq_refuse_change()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_state_snapshots').execute()
}
