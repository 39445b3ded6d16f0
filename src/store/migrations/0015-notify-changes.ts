/**
 * Migration 0015: what every server process on the database must follow is announced on the `xingquan_changes`
 * channel as it commits (LISTEN/NOTIFY): a pack activated, a token revoked, the catalog changed.
 */
import { sql, type Kysely } from 'kysely'

const TABLES = ['pack_activations', 'token_revocations', 'catalog_changes', 'catalog_versions'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // payload: the table, and for a revocation the token's id (each process forgets it at once)
  await sql`
    create function xq_notify_change() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'token_revocations' then
        perform pg_notify('xingquan_changes', 'token_revocations:' || (to_jsonb(new) ->> 'token_id'));
      else
        perform pg_notify('xingquan_changes', tg_table_name);
      end if;
      return null;
    end $$`.execute(db)
  for (const t of TABLES) {
    await sql`create trigger ${sql.raw(`${t}_notify`)} after insert on ${sql.table(t)} for each row execute function xq_notify_change()`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await sql`drop trigger ${sql.raw(`${t}_notify`)} on ${sql.table(t)}`.execute(db)
  await sql`drop function xq_notify_change()`.execute(db)
}
