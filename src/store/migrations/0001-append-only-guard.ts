/** Migration 0001: the function that refuses UPDATE, DELETE and TRUNCATE on a record table (阿坝州办法 第三十一条). */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function xq_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'xingquan: % on % is refused: records may not be altered or deleted (阿坝州办法第三十一条); record a correction as a new event', tg_op, tg_table_name
        using errcode = 'restrict_violation';
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function xq_refuse_change()`.execute(db)
}
