/**
 * Migration 0026: a sweep evaluation that changes nothing is recorded as an unchanged row, not as a whole evaluation.
 *
 * Every evaluation carries `signature`: a digest of what it decided (its alerts, packs, findings and other extras,
 * level, status, and its facts but the clock's day counts and the event named). A sweep whose evaluation has the
 * signature of the case's latest evaluation records only what changed: `facts` holds the day counts and the event
 * named, `same_as` the position of the whole evaluation it repeats, and `packs`, `firings` and `extra` are null. Its
 * evaluation is that row's with these facts over it (`facts || row.facts`), which is what every reader takes.
 *
 * The rows already written are not touched (the columns are added empty, nullable); the guards stay. A new trigger
 * checks that an unchanged row names an earlier whole evaluation of its case with its own level, and the case guard
 * (xq_case_guard) takes an unchanged latest evaluation's alerts, status and overdue from the row it repeats.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table evaluations add column signature text, add column same_as integer`.execute(db)
  await sql`alter table evaluations alter column packs drop not null, alter column firings drop not null`.execute(db)
  await sql`
    alter table evaluations add constraint evaluations_unchanged check (
      case when same_as is null then packs is not null and firings is not null
           else packs is null and firings is null and extra is null and signature is not null and cause = 'sweep'
                and same_as < chain_seq end)`.execute(db)

  // an unchanged row repeats an earlier whole evaluation of its case, at the same level
  await sql`
    create function xq_unchanged_base() returns trigger language plpgsql as $$
    declare
      b record;
    begin
      select level, signature, same_as into b from evaluations where case_id = new.case_id and chain_seq = new.same_as;
      if not found or b.same_as is not null then
        raise exception 'xingquan: unchanged evaluation % of case % must repeat a whole evaluation (row % is not one)', new.chain_seq, new.case_id, new.same_as
          using errcode = 'integrity_constraint_violation';
      end if;
      if b.level <> new.level or b.signature is distinct from new.signature then
        raise exception 'xingquan: unchanged evaluation % of case % differs from row % it repeats', new.chain_seq, new.case_id, new.same_as
          using errcode = 'integrity_constraint_violation';
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger evaluations_unchanged_base before insert on evaluations for each row
    when (new.same_as is not null) execute function xq_unchanged_base()`.execute(db)

  // the case guard of 0014, its projection check taking an unchanged evaluation's decisions from the row it repeats
  await sql`
    create or replace function xq_case_guard() returns trigger language plpgsql as $$
    declare
      e record;
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
  throw new Error('migration 0026 is not reversible: unchanged evaluations written since rely on the rows they repeat')
}
