/**
 * Migration 0029: the chain link takes the case's lock before it looks at the chain.
 *
 * 0028 read the head (locked) and whether the position was taken in one query. A query sees the rows committed when
 * it began, so when it had to wait for the lock, it did not see a row another transaction had just committed at that
 * position in another record table: two rows could hold one position of a chain. The lock is now its own statement,
 * and the look at the chain a second one, begun once the lock is held. The checks, errors and SQLSTATEs are 0028's.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function xq_chain_link() returns trigger language plpgsql as $$
    declare
      h record;
      taken boolean;
      after_row boolean;
    begin
      select c.head_seq, c.head_hash into h from cases c where c.case_id = new.case_id for update;
      if not found then
        raise exception 'xingquan: case % does not exist', new.case_id using errcode = 'foreign_key_violation';
      end if;
      -- a statement of its own, so that it sees what was committed while this one waited for the lock
      select exists (select 1 from case_events x where x.case_id = new.case_id and x.chain_seq = new.chain_seq
                     union all select 1 from evaluations x where x.case_id = new.case_id and x.chain_seq = new.chain_seq
                     union all select 1 from notices x where x.case_id = new.case_id and x.chain_seq = new.chain_seq),
             new.chain_seq > h.head_seq + 1 and
             exists (select 1 from case_events x where x.case_id = new.case_id and x.chain_seq = new.chain_seq - 1 and x.hash = new.prev_hash
                     union all select 1 from evaluations x where x.case_id = new.case_id and x.chain_seq = new.chain_seq - 1 and x.hash = new.prev_hash
                     union all select 1 from notices x where x.case_id = new.case_id and x.chain_seq = new.chain_seq - 1 and x.hash = new.prev_hash)
        into taken, after_row;
      if not ((new.chain_seq = h.head_seq + 1 and new.prev_hash = h.head_hash) or after_row) then
        raise exception 'xingquan: % row % of case % does not continue its chain (head is row %)', tg_table_name, new.chain_seq, new.case_id, h.head_seq
          using errcode = 'integrity_constraint_violation';
      end if;
      if taken then
        raise exception 'xingquan: % row % of case % does not continue its chain (the position is taken)', tg_table_name, new.chain_seq, new.case_id
          using errcode = 'integrity_constraint_violation';
      end if;
      return new;
    end $$`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migration 0029 is not reversible: 0028 let two transactions put two rows at one position of a chain')
}
