/** Migration 0009: tokens (and so accounts) may carry the role legalOfficer (法制人员), who drafts rule changes. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table access_tokens drop constraint if exists access_tokens_role_check`.execute(db)
  await sql`alter table access_tokens add constraint access_tokens_role_check check (role in ('regionAdmin', 'departmentAdmin', 'officer', 'supervisor', 'auditor', 'legalOfficer'))`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table access_tokens drop constraint if exists access_tokens_role_check`.execute(db)
  await sql`alter table access_tokens add constraint access_tokens_role_check check (role in ('regionAdmin', 'departmentAdmin', 'officer', 'supervisor', 'auditor'))`.execute(
    db,
  )
}
