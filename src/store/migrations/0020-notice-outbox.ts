/**
 * Migration 0020: notices leave the sweep's transaction. The sweep records, with its evaluation, one outbox entry per
 * notice to make (the firing, and the number taken from the organ's counter); a renderer makes the notice after the
 * commit and records it in the case's chain (`notices`), once: a notice row is unique on its evaluation and rule, which
 * is what identifies its outbox entry. A render that fails is an attempt recorded with its error, retried later. All
 * three tables are append-only: UPDATE, DELETE and TRUNCATE are refused (阿坝州办法第三十一条).
 */
import { sql, type Kysely } from 'kysely'

const APPEND_ONLY = ['notice_outbox', 'notice_attempts'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // organ: the organ id whose counter numbered the notice (null: a notice without a number, or a plan that failed
  // before its number could be known: the renderer then takes the number when it makes the notice)
  await sql`
    create table notice_outbox (
      id bigint generated always as identity primary key,
      case_id text not null,
      evaluation_seq integer not null,
      rule_id text not null,
      organ text,
      year integer not null,
      sequence integer,
      recorded_by text not null,
      stored_at timestamptz not null,
      constraint notice_outbox_once unique (case_id, evaluation_seq, rule_id)
    )`.execute(db)
  await sql`
    create table notice_attempts (
      outbox_id bigint not null references notice_outbox (id),
      attempt integer not null,
      code text not null,
      zh text not null,
      en text not null,
      at timestamptz not null,
      constraint notice_attempts_pk primary key (outbox_id, attempt)
    )`.execute(db)
  // one notice per evaluation and rule: an outbox entry is rendered once, whichever process renders it
  await sql`create unique index notices_once on notices (case_id, evaluation_seq, rule_id)`.execute(db)
  for (const t of APPEND_ONLY) {
    await sql`create trigger ${sql.raw(`${t}_no_change`)} before update or delete on ${sql.table(t)} for each row execute function xq_refuse_change()`.execute(
      db,
    )
    await sql`create trigger ${sql.raw(`${t}_no_truncate`)} before truncate on ${sql.table(t)} for each statement execute function xq_refuse_change()`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index notices_once`.execute(db)
  await sql`drop table notice_attempts`.execute(db)
  await sql`drop table notice_outbox`.execute(db)
}
