/** Migration 0011: people's accounts, their sessions and every sign-in attempt, all append-only (第三十一条). */
import { sql, type Kysely } from 'kysely'

const TABLES = ['account_records', 'sessions', 'session_records', 'sign_in_attempts'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // An account is the fold of its records: created (with its role, scope and password hash), then disabled.
  await db.schema
    .createTable('account_records')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('created', 'disabled')`))
    .addColumn('display_name', 'text')
    .addColumn('role', 'text', (c) =>
      c.check(sql`role in ('regionAdmin', 'departmentAdmin', 'officer', 'supervisor', 'auditor', 'legalOfficer')`),
    )
    .addColumn('jurisdiction', 'text')
    .addColumn('department_code', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('account_records_user').on('account_records').columns(['user_name', 'id']).execute()
  await sql`create unique index account_records_created_once on account_records (user_name) where change = 'created'`.execute(
    db,
  )
  // A session: only the SHA-256 of its cookie is kept; the scope is the account's when it began.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text')
    .addColumn('address', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_name').execute()
  // What happened to a session afterwards: seen (activity, at most every few minutes) or ended (by whom, why).
  await db.schema
    .createTable('session_records')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('seen', 'ended')`))
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('session_records_session')
    .on('session_records')
    .columns(['session_id', 'kind', 'at'])
    .execute()
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'boolean', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('address', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sign_in_attempts_user').on('sign_in_attempts').columns(['user_name', 'at']).execute()
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
