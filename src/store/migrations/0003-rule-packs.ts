/** Migration 0003: rule packs kept by content hash, and who activated which version when; both append-only. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rule_packs')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('pack_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('stored_by', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('pack_activations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('pack_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull().references('rule_packs.version'))
    .addColumn('activated_by', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('pack_activations_pack').on('pack_activations').columns(['pack_id', 'id']).execute()
  for (const t of ['rule_packs', 'pack_activations']) {
    await sql`create trigger ${sql.raw(`${t}_no_change`)} before update or delete on ${sql.table(t)} for each row execute function xq_refuse_change()`.execute(
      db,
    )
    await sql`create trigger ${sql.raw(`${t}_no_truncate`)} before truncate on ${sql.table(t)} for each statement execute function xq_refuse_change()`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pack_activations').execute()
  await db.schema.dropTable('rule_packs').execute()
}
