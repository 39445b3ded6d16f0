/**
 * Migration 0021: a sweep batch is written in one statement: xq_write_sweep inserts the batch's evaluations (each
 * linked in its case's chain, checked by the chain triggers as any row), moves the projections with their chain heads,
 * takes the notices' numbers from the organs' counters (one move of each counter for the batch) and leaves one outbox
 * entry per notice. Should the database refuse a row (a value or a constraint: SQLSTATE classes 22 and 23), nothing of
 * the batch is kept (the block is a subtransaction) and the refusal is returned: the writer then writes the cases apart.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // rows: [evaluation rows]; projections: [{ case_id, status, level, overdue, event_count, next_change_at, alerts,
  // last_evaluation_seq, head_seq, head_hash }]; notices: [{ ord, case_id, evaluation_seq, rule_id, organ, year,
  // recorded_by }]. json, not jsonb: the text is only checked here, and each jsonb column parsed once as it is stored.
  // Returns { ids: [outbox ids] } when written; { refused: { code, message } } when a row is refused.
  await sql`
    create function xq_write_sweep(at timestamptz, rows json, projections json, notices json) returns jsonb
    language plpgsql as $$
    declare
      firsts jsonb := '{}'::jsonb;
      g record;
      l integer;
      ids jsonb;
    begin
      begin
        insert into evaluations select * from json_populate_recordset(null::evaluations, rows);
        update cases set status = v.status, level = v.level, overdue = v.overdue, event_count = v.event_count,
                         next_change_at = v.next_change_at, alerts = v.alerts, last_evaluation_seq = v.last_evaluation_seq,
                         problem = null, updated_at = at, head_seq = v.head_seq, head_hash = v.head_hash
        from json_to_recordset(projections) as v (case_id text, status text, level text, overdue boolean,
               event_count integer, next_change_at timestamptz, alerts jsonb, last_evaluation_seq integer, head_seq integer,
               head_hash text)
        where cases.case_id = v.case_id;
        for g in select x.organ, x.year, count(*)::integer as n
                 from json_to_recordset(notices) as x (organ text, year integer)
                 where x.organ is not null group by x.organ, x.year order by x.organ, x.year loop
          insert into notice_counters as c (organ, year, last) values (g.organ, g.year, g.n)
            on conflict (organ, year) do update set last = c.last + g.n
            returning c.last into l;
          firsts := firsts || jsonb_build_object(g.year || ':' || g.organ, l - g.n);
        end loop;
        with made as (
          insert into notice_outbox (case_id, evaluation_seq, rule_id, organ, year, sequence, recorded_by, stored_at)
          select x.case_id, x.evaluation_seq, x.rule_id, x.organ, x.year,
                 case when x.organ is null then null
                      else (firsts->>(x.year || ':' || x.organ))::integer
                           + (row_number() over (partition by x.organ, x.year order by x.ord))::integer end,
                 x.recorded_by, at
          from json_to_recordset(notices) as x (ord integer, case_id text, evaluation_seq integer, rule_id text,
                 organ text, year integer, recorded_by text)
          order by x.ord
          returning id
        )
        select coalesce(jsonb_agg(id::text), '[]'::jsonb) into ids from made;
      exception when data_exception or integrity_constraint_violation then
        return jsonb_build_object('refused', jsonb_build_object('code', sqlstate, 'message', sqlerrm));
      end;
      return jsonb_build_object('ids', ids);
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function xq_write_sweep(timestamptz, json, json, json)`.execute(db)
}
