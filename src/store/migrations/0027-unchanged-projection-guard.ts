/**
 * Migration 0027: the case guard (xq_case_guard, as 0026 left it) checks the projection of a day that changes nothing
 * without reading the whole evaluation again.
 *
 * When the latest evaluation is an unchanged row (0026) and the update leaves the projection's status, overdue and
 * alerts as they were, and the projection being replaced came from the same whole evaluation (that row itself, or an
 * unchanged row repeating it), those three values were checked against that evaluation when they were set: the guard
 * then checks the level, the next change and the event count against the new row, and does not read the repeated
 * row's facts and firings (nor rebuild its alerts without their traces). Any other update is checked as before. An
 * unchanged row whose own facts name the status or an overdue flag is always checked in full.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function xq_case_guard() returns trigger language plpgsql as $$
    declare
      e record;
      o record;
      f_facts jsonb;
      f_firings jsonb;
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
        select chain_seq, sequence, level, next_change_at, facts, firings, same_as into e
          from evaluations where case_id = new.case_id and chain_seq = new.last_evaluation_seq;
        if not found or exists (select 1 from evaluations where case_id = new.case_id and chain_seq > new.last_evaluation_seq) then
          raise exception 'xingquan: the projection of case % must come from its latest evaluation (row % is not)', old.case_id, new.last_evaluation_seq
            using errcode = 'restrict_violation';
        end if;
        -- an unchanged row that leaves the status, overdue and alerts as they were, after a projection that came from
        -- the same whole evaluation (that row, or a row repeating it with only day counts over it): those three were
        -- checked against that evaluation when they were set, so only the level, next change and count are checked
        if e.same_as is not null
           and (new.status, new.overdue, new.alerts) is not distinct from (old.status, old.overdue, old.alerts)
           and not (e.facts ?| array['caseStatus', 'statutoryOverdue', 'promisedOverdue', 'stepOverdue']) then
          select chain_seq, same_as, facts ?| array['caseStatus', 'statutoryOverdue', 'promisedOverdue', 'stepOverdue'] as over
            into o from evaluations where case_id = new.case_id and chain_seq = old.last_evaluation_seq;
          if found and coalesce(o.same_as, o.chain_seq) = e.same_as and (o.same_as is null or not o.over) then
            if new.level <> e.level
               or new.next_change_at is distinct from e.next_change_at::timestamptz
               or new.event_count <> e.sequence then
              raise exception 'xingquan: the projection of case % differs from its latest evaluation (row %)', old.case_id, e.chain_seq
                using errcode = 'restrict_violation';
            end if;
            return new;
          end if;
        end if;
        f_facts := e.facts;
        f_firings := e.firings;
        if e.same_as is not null then
          select b.facts || e.facts, b.firings into f_facts, f_firings
            from evaluations b where b.case_id = new.case_id and b.chain_seq = e.same_as;
        end if;
        if new.level <> e.level
           or new.next_change_at is distinct from e.next_change_at::timestamptz
           or new.event_count <> e.sequence
           or new.status is distinct from f_facts->>'caseStatus'
           or new.overdue <> coalesce((f_facts->>'statutoryOverdue')::boolean or (f_facts->>'promisedOverdue')::boolean
                                      or (f_facts->>'stepOverdue')::boolean, false)
           or new.alerts <> (select coalesce(jsonb_agg(f - 'trace' order by n), '[]'::jsonb)
                               from jsonb_array_elements(f_firings) with ordinality as t(f, n)) then
          raise exception 'xingquan: the projection of case % differs from its latest evaluation (row %)', old.case_id, e.chain_seq
            using errcode = 'restrict_violation';
        end if;
      end if;
      return new;
    end $$`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error(
    'migration 0027 is not reversible: it replaces the case guard of migration 0026 with one that checks the same',
  )
}
