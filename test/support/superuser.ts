/** Tampering as a superuser would: statements run with the triggers switched off (session_replication_role = replica). */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/store/database.js'

export async function asSuperuser(
  db: Kysely<Database>,
  run: (trx: Kysely<Database>) => Promise<unknown>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx)
    await run(trx)
  })
}
