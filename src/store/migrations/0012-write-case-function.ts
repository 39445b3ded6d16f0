/** Migration 0012: one statement writes an appended event's records and the case projection, under the case's lock, when the chain head is where the writer found it. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // p: { caseId, seq, count, rows: [{ t: table, r: row }], projection: { status, level, overdue, next_change_at, alerts, last_evaluation_seq } }
  // Returns 0 when written; 1 when the case does not exist; 2 when its chain head or event count moved (another writer
  // came first: the caller reads the case again). Every row still passes the chain trigger.
  await sql`
    create function xq_write_case(p jsonb) returns integer language plpgsql as $$
    declare
      h_seq integer;
      h_count integer;
      item jsonb;
    begin
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
                       last_evaluation_seq = (p->'projection'->>'last_evaluation_seq')::integer, problem = null, updated_at = now()
      where case_id = p->>'caseId';
      return 0;
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function xq_write_case(jsonb)`.execute(db)
}
