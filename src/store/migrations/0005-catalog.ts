/** Migration 0005: the power catalog (a projection) and its append-only change log; notice number counters. */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('power_items')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('power_type', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text', (c) => c.notNull())
    .addColumn('department_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended')`))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('catalog_changes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('catalog_changes_item').on('catalog_changes').columns(['item_code', 'id']).execute()
  await sql`create trigger catalog_changes_no_change before update or delete on catalog_changes for each row execute function xq_refuse_change()`.execute(
    db,
  )
  await sql`create trigger catalog_changes_no_truncate before truncate on catalog_changes for each statement execute function xq_refuse_change()`.execute(
    db,
  )

  await db.schema
    .createTable('notice_counters')
    .addColumn('organ', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_counters_pk', ['organ', 'year'])
    .execute()
  // A counter only moves forward, so a number is never given twice.
  await sql`
    create function xq_counter_forward() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.last <= old.last or new.organ <> old.organ or new.year <> old.year then
        raise exception 'xingquan: notice counters only move forward' using errcode = 'restrict_violation';
      end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger notice_counters_forward before update or delete on notice_counters for each row execute function xq_counter_forward()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice_counters').execute()
  await sql`drop function xq_counter_forward()`.execute(db)
  await db.schema.dropTable('catalog_changes').execute()
  await db.schema.dropTable('power_items').execute()
}
