/** Migration 0002: the case projection and the three hash-chained, append-only record tables of a case. */
import { sql, type Kysely } from 'kysely'

const RECORD_TABLES = ['case_events', 'evaluations', 'notices'] as const

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text', (c) => c.notNull())
    .addColumn('department_name', 'text', (c) => c.notNull())
    .addColumn('power_item_code', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('head_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('next_change_at', 'timestamptz')
    .addColumn('alerts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('last_evaluation_seq', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  // The sweep's index: only cases with a pending change are in it.
  await sql`create index cases_due on cases (next_change_at) where next_change_at is not null`.execute(db)
  await db.schema
    .createIndex('cases_department')
    .on('cases')
    .columns(['jurisdiction', 'department_code', 'level'])
    .execute()

  const chain = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
    t
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
      .addColumn('chain_seq', 'integer', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('stored_at', 'timestamptz', (c) => c.notNull())

  await chain(db.schema.createTable('case_events'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'sequence'])
    .addUniqueConstraint('case_events_event_id', ['case_id', 'event_id'])
    .addUniqueConstraint('case_events_chain', ['case_id', 'chain_seq'])
    .execute()

  await chain(db.schema.createTable('evaluations'))
    .addColumn('cause', 'text', (c) => c.notNull().check(sql`cause in ('event', 'sweep')`))
    .addColumn('sequence', 'integer')
    .addColumn('event_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('packs', 'jsonb', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('firings', 'jsonb', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('next_change_at', 'text')
    .addPrimaryKeyConstraint('evaluations_pk', ['case_id', 'chain_seq'])
    .execute()
  // The same deadline never fires twice: one sweep evaluation per case and due moment.
  await sql`create unique index evaluations_sweep_once on evaluations (case_id, at) where cause = 'sweep'`.execute(db)

  await chain(db.schema.createTable('notices'))
    .addColumn('evaluation_seq', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('organ', 'text')
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notices_pk', ['case_id', 'chain_seq'])
    .execute()
  // A notice number is never given twice by one organ.
  await sql`create unique index notices_number_once on notices (organ, number) where number is not null`.execute(db)

  // Every record row must continue its case's chain: the next position, and the previous row's hash.
  await sql`
    create function xq_chain_link() returns trigger language plpgsql as $$
    declare
      h_seq integer;
      h_hash text;
    begin
      select head_seq, head_hash into h_seq, h_hash from cases where case_id = new.case_id for update;
      if not found then
        raise exception 'xingquan: case % does not exist', new.case_id using errcode = 'foreign_key_violation';
      end if;
      if new.chain_seq <> h_seq + 1 or new.prev_hash <> h_hash then
        raise exception 'xingquan: % row % of case % does not continue its chain (head is row %)', tg_table_name, new.chain_seq, new.case_id, h_seq
          using errcode = 'integrity_constraint_violation';
      end if;
      update cases set head_seq = new.chain_seq, head_hash = new.hash where case_id = new.case_id;
      return new;
    end $$`.execute(db)

  for (const t of RECORD_TABLES) {
    await sql`create trigger ${sql.raw(`${t}_chain`)} before insert on ${sql.table(t)} for each row execute function xq_chain_link()`.execute(
      db,
    )
    await sql`create trigger ${sql.raw(`${t}_no_change`)} before update or delete on ${sql.table(t)} for each row execute function xq_refuse_change()`.execute(
      db,
    )
    await sql`create trigger ${sql.raw(`${t}_no_truncate`)} before truncate on ${sql.table(t)} for each statement execute function xq_refuse_change()`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [...RECORD_TABLES].reverse()) await db.schema.dropTable(t).execute()
  await sql`drop function xq_chain_link()`.execute(db)
  await db.schema.dropTable('cases').execute()
}
