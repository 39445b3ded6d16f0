/** Migration 0004: bearer tokens (only their SHA-256 is kept), each with a role and a scope; append-only. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('regionAdmin', 'departmentAdmin', 'officer', 'supervisor', 'auditor')`),
    )
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create trigger access_tokens_no_change before update or delete on access_tokens for each row execute function xq_refuse_change()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_tokens').execute()
}
