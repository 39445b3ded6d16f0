/**
 * Migration 0030: a case opens empty. Its row in `cases` is inserted before any record of it, so the projection it is
 * inserted with is the one an empty chain derives: the chain head at the case's genesis (row 0), no event counted, no
 * evaluation, status open, level none, not overdue, no alerts, no next change, no problem. Only the header (what the
 * accepted event names) is free; everything else moves later through the case guard, from the records. Until now a row
 * inserted directly could show a red light, alerts or a chain head of its own with no record behind them.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function xq_case_opens_empty() returns trigger language plpgsql as $$
    begin
      if new.head_seq <> 0
         or new.head_hash is distinct from ('sha256:' || encode(sha256(convert_to('xingquan/case/' || new.case_id, 'UTF8')), 'hex')) then
        raise exception 'xingquan: case % must open at the start of its chain (row 0 and its genesis hash)', new.case_id
          using errcode = 'restrict_violation';
      end if;
      if (new.status, new.event_count, new.last_evaluation_seq, new.level, new.overdue, new.alerts, new.next_change_at, new.problem)
         is distinct from ('open', 0, null::integer, 'none', false, '[]'::jsonb, null::timestamptz, null::jsonb) then
        raise exception 'xingquan: case % must open with an empty projection (status open, no event, level none, no alerts, no next change): these come from its evaluations', new.case_id
          using errcode = 'restrict_violation';
      end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger cases_open_empty before insert on cases for each row execute function xq_case_opens_empty()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger cases_open_empty on cases`.execute(db)
  await sql`drop function xq_case_opens_empty()`.execute(db)
}
