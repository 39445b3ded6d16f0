/**
 * Migration 0031: the problem a case shows is the one recorded for it. A case the sweep sets aside shows its problem on
 * its projection (a red alert on the board), and the problem is recorded, append-only, in `case_problems`. Until now
 * the projection's problem could be set or cleared by any update. Now a problem may appear on the projection only as
 * the case's latest recorded problem (its code, texts and moment, nothing more), and may be cleared only by the
 * update that writes the case's next evaluation.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function xq_case_problem_recorded() returns trigger language plpgsql as $$
    begin
      if new.problem is null then
        if new.last_evaluation_seq is not distinct from old.last_evaluation_seq then
          raise exception 'xingquan: the problem shown on case % may only be cleared by its next evaluation', old.case_id
            using errcode = 'restrict_violation';
        end if;
      elsif not exists (
          select 1 from (select code, zh, en, stored_at from case_problems where case_id = new.case_id order by id desc limit 1) p
          where jsonb_typeof(new.problem) = 'object'
            and new.problem = jsonb_build_object('code', p.code, 'zh', p.zh, 'en', p.en, 'since', new.problem->>'since')
            and (new.problem->>'since')::timestamptz = p.stored_at) then
        raise exception 'xingquan: the problem shown on case % must be its latest recorded problem', old.case_id
          using errcode = 'restrict_violation';
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger cases_problem_recorded before update on cases for each row
    when (new.problem is distinct from old.problem) execute function xq_case_problem_recorded()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger cases_problem_recorded on cases`.execute(db)
  await sql`drop function xq_case_problem_recorded()`.execute(db)
}
