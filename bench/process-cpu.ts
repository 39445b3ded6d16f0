/** CPU time of the processes a bench measures: its own, and the PostgreSQL backends of its database. */
import { readFileSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../src/store/database.js'

/**
 * CPU time (ms) used so far by these processes (Linux /proc; 0 for one that is gone or elsewhere): the backends of the
 * bench's database, so that other databases on a shared server do not count.
 * @example cpuMsOf([process.pid])
 */
export function cpuMsOf(pids: readonly number[]): number {
  let ticks = 0
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // the process ended, or the server runs on another machine
    }
  }
  return ticks * 10
}

/**
 * The PostgreSQL backends serving the bench's database now, with their CPU time so far (ms). The one asking is among
 * them: which connection of the pool asks changes from one call to the next, and a backend left out of the first
 * reading would count its whole life in the second.
 * @example const pg0 = await backends(db)
 */
export async function backends(db: Kysely<Database>): Promise<Map<number, number>> {
  const { rows } = await sql<{
    pid: number
  }>`select pid from pg_stat_activity where datname = current_database()`.execute(db)
  return new Map(rows.map((r) => [r.pid, cpuMsOf([r.pid])]))
}

/**
 * The CPU time (ms) the backends of `db` used since `before` (backends started since count from zero).
 * @example const pgMs = await backendsMsSince(db, pg0)
 */
export async function backendsMsSince(db: Kysely<Database>, before: ReadonlyMap<number, number>): Promise<number> {
  let ms = 0
  for (const [pid, now] of await backends(db)) ms += now - (before.get(pid) ?? 0)
  return ms
}
