/**
 * Migration 0014: the chain head moves with the projection, in the writer's one update of the case row under its lock,
 * instead of one lock and one update of the case row per record row. The guards stay: a record row must still continue
 * its case's chain (checked as it is inserted, without writing the case row), one position holds one row, and the
 * case row's head may only move forward onto the chain's last row; UPDATE, DELETE and TRUNCATE stay refused.
 * xq_write_case also opens a case (its accepted event), so a new case is one statement too.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // a row continues the chain: right after the head, linked to its hash; or after rows of the same write, linked to
  // the row before it; and no other record table holds its position
  await sql`
    create or replace function xq_chain_link() returns trigger language plpgsql as $$
    declare
      h_seq integer;
      h_hash text;
    begin
      select head_seq, head_hash into h_seq, h_hash from cases where case_id = new.case_id for update;
      if not found then
        raise exception 'xingquan: case % does not exist', new.case_id using errcode = 'foreign_key_violation';
      end if;
      if not (
           (new.chain_seq = h_seq + 1 and new.prev_hash = h_hash)
        or (new.chain_seq > h_seq + 1 and (
                 exists (select 1 from case_events where case_id = new.case_id and chain_seq = new.chain_seq - 1 and hash = new.prev_hash)
              or exists (select 1 from evaluations where case_id = new.case_id and chain_seq = new.chain_seq - 1 and hash = new.prev_hash)
              or exists (select 1 from notices where case_id = new.case_id and chain_seq = new.chain_seq - 1 and hash = new.prev_hash)))) then
        raise exception 'xingquan: % row % of case % does not continue its chain (head is row %)', tg_table_name, new.chain_seq, new.case_id, h_seq
          using errcode = 'integrity_constraint_violation';
      end if;
      if exists (select 1 from case_events where case_id = new.case_id and chain_seq = new.chain_seq)
         or exists (select 1 from evaluations where case_id = new.case_id and chain_seq = new.chain_seq)
         or exists (select 1 from notices where case_id = new.case_id and chain_seq = new.chain_seq) then
        raise exception 'xingquan: % row % of case % does not continue its chain (the position is taken)', tg_table_name, new.chain_seq, new.case_id
          using errcode = 'integrity_constraint_violation';
      end if;
      return new;
    end $$`.execute(db)

  // the case guard of 0010, and the head: it moves only forward, onto a row of the chain with that hash
  await sql`
    create or replace function xq_case_guard() returns trigger language plpgsql as $$
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
      if (new.head_seq, new.head_hash) is distinct from (old.head_seq, old.head_hash)
         and (new.head_seq = old.head_seq or not (
                 exists (select 1 from evaluations where case_id = new.case_id and chain_seq = new.head_seq and hash = new.head_hash)
              or exists (select 1 from notices where case_id = new.case_id and chain_seq = new.head_seq and hash = new.head_hash)
              or exists (select 1 from case_events where case_id = new.case_id and chain_seq = new.head_seq and hash = new.head_hash))) then
        raise exception 'xingquan: the chain head of case % must be a row of its chain (row %)', old.case_id, new.head_seq
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

  // p: { caseId, seq, count, open?: the case row to insert (a new case), rows: [{ t, r }], projection: { status, level,
  // overdue, event_count, next_change_at, alerts, last_evaluation_seq, head_seq, head_hash } }
  // Returns 0 when written; 1 when the case does not exist; 2 when its chain head or event count moved, or a case to
  // open exists already (another writer came first: the caller reads the case again).
  await sql`
    create or replace function xq_write_case(p jsonb) returns integer language plpgsql as $$
    declare
      h_seq integer;
      h_count integer;
      item jsonb;
    begin
      if p ? 'open' then
        insert into cases (case_id, jurisdiction, department_code, department_name, power_item_code, serial_number, name, status,
                           head_hash, created_by, created_at, updated_at)
          select case_id, jurisdiction, department_code, department_name, power_item_code, serial_number, name, status,
                 head_hash, created_by, created_at, updated_at
            from jsonb_populate_record(null::cases, p->'open')
          on conflict (case_id) do nothing;
        if not found then
          return 2;
        end if;
      end if;
      select head_seq, event_count into h_seq, h_count from cases where case_id = p->>'caseId' for update;
      if not found then
        return 1;
      end if;
      if h_seq <> (p->>'seq')::integer or h_count <> (p->>'count')::integer then
        return 2;
      end if;
      for item in select value from jsonb_array_elements(p->'rows') loop
        if item->>'t' = 'case_events' then
          insert into case_events select * from jsonb_populate_record(null::case_events, item->'r');
        elsif item->>'t' = 'evaluations' then
          insert into evaluations select * from jsonb_populate_record(null::evaluations, item->'r');
        else
          insert into notices select * from jsonb_populate_record(null::notices, item->'r');
        end if;
      end loop;
      update cases set status = p->'projection'->>'status', level = p->'projection'->>'level',
                       overdue = (p->'projection'->>'overdue')::boolean, event_count = (p->'projection'->>'event_count')::integer,
                       next_change_at = (p->'projection'->>'next_change_at')::timestamptz, alerts = p->'projection'->'alerts',
                       last_evaluation_seq = (p->'projection'->>'last_evaluation_seq')::integer, problem = null, updated_at = now(),
                       head_seq = (p->'projection'->>'head_seq')::integer, head_hash = p->'projection'->>'head_hash'
      where case_id = p->>'caseId';
      return 0;
    end $$`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error(
    'migration 0014 is not reversible: the record rows written since rely on the writer moving the chain head',
  )
}
