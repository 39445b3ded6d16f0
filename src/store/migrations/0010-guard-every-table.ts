/** Migration 0010: every table that matters guarded — tokens (with expiry) and their revocations, checkpoints, cases' header. */
import { sql, type Kysely } from 'kysely'

/** Tables whose rows are never updated, deleted or truncated. */
const APPEND_ONLY = ['token_revocations', 'checkpoints'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // tokens: a lifetime; TRUNCATE refused as UPDATE and DELETE already are
  await db.schema.alterTable('access_tokens').addColumn('expires_at', 'timestamptz').execute()
  await sql`create trigger access_tokens_no_truncate before truncate on access_tokens for each statement execute function xq_refuse_change()`.execute(
    db,
  )

  // a revocation is a record of its own: one per token, never withdrawn
  await db.schema
    .createTable('token_revocations')
    .addColumn('token_id', 'text', (c) => c.primaryKey().references('access_tokens.id'))
    .addColumn('revoked_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute()

  // signed checkpoints: the document an auditor copies away, and the leaves its Merkle root was computed over
  await db.schema
    .createTable('checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('leaves', 'jsonb', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('checkpoints_taken_at').on('checkpoints').column('taken_at').execute()

  for (const t of APPEND_ONLY) {
    await sql`create trigger ${sql.raw(`${t}_no_change`)} before update or delete on ${sql.table(t)} for each row execute function xq_refuse_change()`.execute(
      db,
    )
    await sql`create trigger ${sql.raw(`${t}_no_truncate`)} before truncate on ${sql.table(t)} for each statement execute function xq_refuse_change()`.execute(
      db,
    )
  }

  // a case is never deleted; its header (what the accepted event says) never changes; its chain head only moves on;
  // its projection is always what its latest evaluation says
  await sql`
    create function xq_case_guard() returns trigger language plpgsql as $$
    declare
      e record;
    begin
      if tg_op = 'DELETE' then
        raise exception 'xingquan: DELETE on cases is refused: a case is never deleted (阿坝州办法第三十一条)' using errcode = 'restrict_violation';
      end if;
      if (new.case_id, new.jurisdiction, new.department_code, new.department_name, new.power_item_code, new.serial_number,
          new.name, new.created_by, new.created_at)
         is distinct from
         (old.case_id, old.jurisdiction, old.department_code, old.department_name, old.power_item_code, old.serial_number,
          old.name, old.created_by, old.created_at) then
        raise exception 'xingquan: the header of case % is refused a change: it is what the accepted event recorded', old.case_id
          using errcode = 'restrict_violation';
      end if;
      if new.head_seq < old.head_seq then
        raise exception 'xingquan: the chain head of case % may not move back (row % to row %)', old.case_id, old.head_seq, new.head_seq
          using errcode = 'restrict_violation';
      end if;
      if (new.status, new.level, new.overdue, new.event_count, new.next_change_at, new.alerts, new.last_evaluation_seq)
         is distinct from
         (old.status, old.level, old.overdue, old.event_count, old.next_change_at, old.alerts, old.last_evaluation_seq) then
        select chain_seq, sequence, level, next_change_at, facts, firings into e
          from evaluations where case_id = new.case_id and chain_seq = new.last_evaluation_seq;
        if not found or exists (select 1 from evaluations where case_id = new.case_id and chain_seq > new.last_evaluation_seq) then
          raise exception 'xingquan: the projection of case % must come from its latest evaluation (row % is not)', old.case_id, new.last_evaluation_seq
            using errcode = 'restrict_violation';
        end if;
        if new.level <> e.level
           or new.next_change_at is distinct from e.next_change_at::timestamptz
           or new.event_count <> e.sequence
           or new.status is distinct from e.facts->>'caseStatus'
           or new.overdue <> coalesce((e.facts->>'statutoryOverdue')::boolean or (e.facts->>'promisedOverdue')::boolean
                                      or (e.facts->>'stepOverdue')::boolean, false)
           or new.alerts <> (select coalesce(jsonb_agg(f - 'trace' order by n), '[]'::jsonb)
                               from jsonb_array_elements(e.firings) with ordinality as t(f, n)) then
          raise exception 'xingquan: the projection of case % differs from its latest evaluation (row %)', old.case_id, e.chain_seq
            using errcode = 'restrict_violation';
        end if;
      end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger cases_guard before update or delete on cases for each row execute function xq_case_guard()`.execute(
    db,
  )
  await sql`create trigger cases_no_truncate before truncate on cases for each statement execute function xq_refuse_change()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger cases_no_truncate on cases`.execute(db)
  await sql`drop trigger cases_guard on cases`.execute(db)
  await sql`drop function xq_case_guard()`.execute(db)
  await db.schema.dropTable('checkpoints').execute()
  await db.schema.dropTable('token_revocations').execute()
  await sql`drop trigger access_tokens_no_truncate on access_tokens`.execute(db)
  await db.schema.alterTable('access_tokens').dropColumn('expires_at').execute()
}
