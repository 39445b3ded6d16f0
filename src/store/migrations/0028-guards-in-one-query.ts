/**
 * Migration 0028: the chain and case guards check what they checked before, each in fewer queries.
 *
 * - xq_chain_link (0014) read the case's head, then asked up to three tables whether the row before existed and three
 *   more whether the position was taken: up to eight queries a record row. It now asks once: the head (locked, as
 *   before), whether the position is taken in any record table, and, when the row is not right after the head, whether
 *   the row before it exists with the hash it links to.
 * - xq_case_guard (0027) read the latest evaluation, asked whether a later one existed, and rebuilt the alerts in a
 *   third query. It now reads them in one; the head's row is one question over the three tables. The fast path of 0027
 *   for a day that changes nothing is kept as it was.
 * - evaluations keep a row of up to 8 kB in the table, uncompressed (`toast_tuple_target`): an evaluation (about 4 kB)
 *   was compressed when written and decompressed again by the case guard in the same statement. Rows already stored
 *   are not touched.
 *
 * The errors, their SQLSTATEs and their wording are those of 0014 and 0027.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function xq_chain_link() returns trigger language plpgsql as $$
    declare
      h record;
    begin
      select c.head_seq, c.head_hash,
             exists (select 1 from case_events x where x.case_id = new.case_id and x.chain_seq = new.chain_seq
                     union all select 1 from evaluations x where x.case_id = new.case_id and x.chain_seq = new.chain_seq
                     union all select 1 from notices x where x.case_id = new.case_id and x.chain_seq = new.chain_seq) as taken,
             case when new.chain_seq > c.head_seq + 1 then
               exists (select 1 from case_events x where x.case_id = new.case_id and x.chain_seq = new.chain_seq - 1 and x.hash = new.prev_hash
                       union all select 1 from evaluations x where x.case_id = new.case_id and x.chain_seq = new.chain_seq - 1 and x.hash = new.prev_hash
                       union all select 1 from notices x where x.case_id = new.case_id and x.chain_seq = new.chain_seq - 1 and x.hash = new.prev_hash)
             else false end as after_row
        into h from cases c where c.case_id = new.case_id for update of c;
      if not found then
        raise exception 'xingquan: case % does not exist', new.case_id using errcode = 'foreign_key_violation';
      end if;
      if not ((new.chain_seq = h.head_seq + 1 and new.prev_hash = h.head_hash) or h.after_row) then
        raise exception 'xingquan: % row % of case % does not continue its chain (head is row %)', tg_table_name, new.chain_seq, new.case_id, h.head_seq
          using errcode = 'integrity_constraint_violation';
      end if;
      if h.taken then
        raise exception 'xingquan: % row % of case % does not continue its chain (the position is taken)', tg_table_name, new.chain_seq, new.case_id
          using errcode = 'integrity_constraint_violation';
      end if;
      return new;
    end $$`.execute(db)

  await sql`
    create or replace function xq_case_guard() returns trigger language plpgsql as $$
    declare
      e record;
      o record;
      f_facts jsonb;
      f_alerts jsonb;
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
         and (new.head_seq = old.head_seq or not exists (
                 select 1 from evaluations x where x.case_id = new.case_id and x.chain_seq = new.head_seq and x.hash = new.head_hash
                 union all select 1 from notices x where x.case_id = new.case_id and x.chain_seq = new.head_seq and x.hash = new.head_hash
                 union all select 1 from case_events x where x.case_id = new.case_id and x.chain_seq = new.head_seq and x.hash = new.head_hash)) then
        raise exception 'xingquan: the chain head of case % must be a row of its chain (row %)', old.case_id, new.head_seq
          using errcode = 'restrict_violation';
      end if;
      if (new.status, new.level, new.overdue, new.event_count, new.next_change_at, new.alerts, new.last_evaluation_seq)
         is distinct from
         (old.status, old.level, old.overdue, old.event_count, old.next_change_at, old.alerts, old.last_evaluation_seq) then
        -- the latest evaluation, whether a later one exists, and its alerts (its firings without their traces)
        select x.chain_seq, x.sequence, x.level, x.next_change_at, x.facts, x.same_as,
               (select coalesce(jsonb_agg(f - 'trace' order by n), '[]'::jsonb)
                  from jsonb_array_elements(x.firings) with ordinality as t(f, n)) as alerts,
               exists (select 1 from evaluations l where l.case_id = new.case_id and l.chain_seq > new.last_evaluation_seq) as later
          into e from evaluations x where x.case_id = new.case_id and x.chain_seq = new.last_evaluation_seq;
        if not found or e.later then
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
        f_alerts := e.alerts;
        if e.same_as is not null then
          select b.facts || e.facts,
                 (select coalesce(jsonb_agg(f - 'trace' order by n), '[]'::jsonb)
                    from jsonb_array_elements(b.firings) with ordinality as t(f, n))
            into f_facts, f_alerts
            from evaluations b where b.case_id = new.case_id and b.chain_seq = e.same_as;
        end if;
        if new.level <> e.level
           or new.next_change_at is distinct from e.next_change_at::timestamptz
           or new.event_count <> e.sequence
           or new.status is distinct from f_facts->>'caseStatus'
           or new.overdue <> coalesce((f_facts->>'statutoryOverdue')::boolean or (f_facts->>'promisedOverdue')::boolean
                                      or (f_facts->>'stepOverdue')::boolean, false)
           or new.alerts <> f_alerts then
          raise exception 'xingquan: the projection of case % differs from its latest evaluation (row %)', old.case_id, e.chain_seq
            using errcode = 'restrict_violation';
        end if;
      end if;
      return new;
    end $$`.execute(db)

  await sql`alter table evaluations set (toast_tuple_target = 8160)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error(
    'migration 0028 is not reversible: it replaces the chain and case guards of 0014 and 0027 with ones that check the same',
  )
}
