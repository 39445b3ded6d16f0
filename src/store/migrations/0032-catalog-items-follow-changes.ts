/**
 * Migration 0032: an item of the power catalog is what its recorded changes made it. `power_items` is the catalog as
 * cases are judged against it; `catalog_changes` is its append-only log. Until now an item could be listed, edited,
 * suspended, resumed or deleted in `power_items` with nothing in the log. Now:
 *
 * - an item is listed only as the log's latest change for its code says (`listed`, with this jurisdiction and item),
 *   its columns being those of the item, and its status suspended exactly when a suspension has no end;
 * - an item changes only by being suspended or resumed, as the log's latest change for it says (阿坝州办法第二十一条):
 *   a suspension from that day for that reason added, or the open one ended on that day; nothing else of it changes;
 * - an item is never deleted (it is suspended), and the table is never truncated.
 *
 * The service writes the change first and the item after it, in one transaction.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function xq_power_item_follows_change() returns trigger language plpgsql as $$
    declare
      c record;
      was jsonb;
      now_ jsonb;
    begin
      if tg_op = 'DELETE' then
        raise exception 'xingquan: DELETE on power_items is refused: a power item is suspended, not deleted (阿坝州办法第二十一条)'
          using errcode = 'restrict_violation';
      end if;
      select change, body into c from catalog_changes where item_code = new.code order by id desc limit 1;
      if tg_op = 'INSERT' then
        if not found or c.change <> 'listed'
           or c.body is distinct from jsonb_build_object('jurisdiction', new.jurisdiction, 'item', new.content)
           or (new.code, new.name, new.power_type, new.department_code, new.department_name) is distinct from
              (new.content->>'code', new.content->>'name', new.content->>'powerType', new.content->'department'->>'code',
               new.content->'department'->>'name')
           or new.status <> (case when exists (select 1 from jsonb_array_elements(coalesce(new.content->'suspensions', '[]'::jsonb)) s
                                               where not s ? 'until') then 'suspended' else 'active' end) then
          raise exception 'xingquan: power item % must be listed as its recorded change (catalog_changes) lists it', new.code
            using errcode = 'restrict_violation';
        end if;
        return new;
      end if;
      was := coalesce(old.content->'suspensions', '[]'::jsonb);
      now_ := coalesce(new.content->'suspensions', '[]'::jsonb);
      if (new.code, new.name, new.power_type, new.jurisdiction, new.department_code, new.department_name, new.content - 'suspensions')
         is distinct from
         (old.code, old.name, old.power_type, old.jurisdiction, old.department_code, old.department_name, old.content - 'suspensions')
         or new.status = old.status
         or not found
         or c.change <> (case new.status when 'suspended' then 'suspended' else 'resumed' end)
         or (new.status = 'suspended' and now_ is distinct from
               was || jsonb_build_array(jsonb_build_object('from', c.body->>'on', 'reason', c.body->'reason')))
         or (new.status = 'active' and (jsonb_array_length(was) = 0 or (was->-1) ? 'until' or now_ is distinct from
               (was - (-1)) || jsonb_build_array((was->-1) || jsonb_build_object('until', c.body->>'on')))) then
        raise exception 'xingquan: power item % may only be suspended or resumed, as its latest recorded change (catalog_changes) says', new.code
          using errcode = 'restrict_violation';
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger power_items_follow_changes before insert or update or delete on power_items for each row
    execute function xq_power_item_follows_change()`.execute(db)
  await sql`create trigger power_items_no_truncate before truncate on power_items for each statement execute function xq_refuse_change()`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger power_items_no_truncate on power_items`.execute(db)
  await sql`drop trigger power_items_follow_changes on power_items`.execute(db)
  await sql`drop function xq_power_item_follows_change()`.execute(db)
}
