/** Migration 0008: drafts of rule packs as an append-only log per draft (opened, saved, submitted, approved, rejected). */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('draft_events')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('draft_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('opened', 'saved', 'submitted', 'approved', 'rejected', 'withdrawn')`),
    )
    .addColumn('pack_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('draft_events_seq', ['draft_id', 'seq'])
    .execute()
  await db.schema.createIndex('draft_events_pack').on('draft_events').columns(['pack_id', 'id']).execute()
  await sql`create trigger draft_events_no_change before update or delete on draft_events for each row execute function xq_refuse_change()`.execute(
    db,
  )
  await sql`create trigger draft_events_no_truncate before truncate on draft_events for each statement execute function xq_refuse_change()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('draft_events').execute()
}
