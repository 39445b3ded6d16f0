/**
 * Appends through the HTTP API, the load generator in a process of its own: events/s on PGlite or PostgreSQL, and the
 * server's resident memory. Standalone: `tsx bench/append-api.ts [--pglite]` (PostgreSQL from BENCH_DATABASE_URL,
 * DATABASE_URL or TEST_DATABASE_URL; a fresh database is made and dropped).
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'
import { fileURLToPath } from 'node:url'
import { startServer, type RunningServer } from '../src/service/serve.js'
import { issueToken } from '../src/service/tokens.js'
import type { Database } from '../src/store/database.js'
import { scratchDatabase } from '../src/store/scratch-database.js'
import { DEPARTMENT } from './bench-events.js'

/** What the load generator reports. */
interface LoadResult {
  readonly events: number
  readonly seconds: number
  readonly eventsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** The load generator's own CPU time (ms), user and system. */
  readonly cpuMs: number
}

/**
 * CPU time (ms) used so far by these processes (Linux /proc; 0 for one that is gone or elsewhere): the backends of the
 * bench's database, so that other databases on a shared server do not count.
 */
function cpuMsOf(pids: readonly number[]): number {
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

/** The PostgreSQL backends serving the bench's database now, with their CPU time so far (ms). */
async function backends(db: Kysely<Database>): Promise<Map<number, number>> {
  const { rows } = await sql<{
    pid: number
  }>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(db)
  return new Map(rows.map((r) => [r.pid, cpuMsOf([r.pid])]))
}

/**
 * Runs bench/load-client.ts in a child process against the server and returns what it measured.
 * @example const load = await runLoadClient(server.url, token, 400, 8)
 */
async function runLoadClient(
  url: string,
  token: string,
  cases: number,
  clients: number,
  prefix = 'bench-api',
): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./load-client.ts', import.meta.url))
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))
  const child = spawn(process.execPath, [tsx, script, url, token, String(cases), String(clients), prefix], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  if (code !== 0) throw new Error(`bench: the load generator exited with ${code}`)
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult
}

export interface AppendBench {
  readonly database: 'PGlite' | 'PostgreSQL'
  readonly eventsPerSecond: number
  readonly events: number
  readonly clients: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** The server process's resident memory (MiB) after start and after the appends. */
  readonly rssAfterStartMiB: number
  readonly rssServingMiB: number
  /** CPU time per append (ms): the server process, the load generator, and the PostgreSQL backends of its database. */
  readonly cpuMsPerEvent: { readonly server: number; readonly client: number; readonly postgres: number }
}

/**
 * Runs `cases` cases of 5 events each from `clients` concurrent clients.
 * @example const { eventsPerSecond } = await benchAppends({ pglite: false, cases: 400, clients: 8 })
 */
export async function benchAppends(options: {
  readonly pglite: boolean
  readonly cases?: number
  readonly clients?: number
}): Promise<AppendBench> {
  const cases = options.cases ?? Number(process.env.BENCH_SERVICE_CASES ?? 400)
  const clients = options.clients ?? Number(process.env.BENCH_SERVICE_CLIENTS ?? 8)
  const serverUrl = options.pglite
    ? undefined
    : (process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL)
  if (!options.pglite && !serverUrl)
    throw new Error('bench: no PostgreSQL URL (BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL)')
  const pgDb = serverUrl ? await scratchDatabase(serverUrl, 'xingquan_perf') : undefined
  let server: RunningServer | undefined
  try {
    server = await startServer(
      { ...(pgDb ? { url: pgDb.url } : { dataDir: 'memory' }), poolSize: clients + 4 },
      { port: 0 },
    )
    const rssAfterStartMiB = Math.round(process.memoryUsage().rss / 2 ** 20)
    const { token } = await issueToken(
      server.runtime.db,
      { subject: 'bench', role: 'officer', jurisdiction: DEPARTMENT.jurisdiction, department: DEPARTMENT.code },
      'bench',
    )
    const cpu0 = process.cpuUsage()
    const pg0 = pgDb ? await backends(server.runtime.db) : new Map<number, number>()
    const load = await runLoadClient(server.url, token, cases, clients)
    const cpu = process.cpuUsage(cpu0)
    let pgMs = 0
    if (pgDb) for (const [pid, ms] of await backends(server.runtime.db)) pgMs += ms - (pg0.get(pid) ?? 0)
    const perEvent = (ms: number) => Math.round((ms / load.events) * 1000) / 1000
    return {
      database: pgDb ? 'PostgreSQL' : 'PGlite',
      eventsPerSecond: load.eventsPerSecond,
      events: load.events,
      clients,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      rssAfterStartMiB,
      rssServingMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      cpuMsPerEvent: {
        server: perEvent((cpu.user + cpu.system) / 1000),
        client: perEvent(load.cpuMs),
        postgres: perEvent(pgMs),
      },
    }
  } finally {
    await server?.close()
    await pgDb?.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchAppends({ pglite: process.argv.includes('--pglite') })))
}
