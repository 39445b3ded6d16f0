/** Migration 0006: what else an evaluation says (findings, lapsed packs, the catalog version read), kept whole; and every catalog version, append-only, so that an evaluation replays against the catalog it read. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluations').addColumn('extra', 'jsonb').execute()
  await db.schema
    .createTable('catalog_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create trigger catalog_versions_no_change before update or delete on catalog_versions for each row execute function xq_refuse_change()`.execute(
    db,
  )
  await sql`create trigger catalog_versions_no_truncate before truncate on catalog_versions for each statement execute function xq_refuse_change()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalog_versions').execute()
  await db.schema.alterTable('evaluations').dropColumn('extra').execute()
}
