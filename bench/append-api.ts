/**
 * Appends through the HTTP API, the load generator in a process of its own: events/s on PGlite or PostgreSQL (the
 * server in this process), and the resident memory of the server as `npm start` runs it: the compiled CLI
 * (dist/, rebuilt first as npm start does) in a process of its own on a fresh data directory or database, seeded, after
 * the start and under the same load. Standalone: `tsx bench/append-api.ts [--pglite]` (PostgreSQL from
 * BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL; fresh databases are made and dropped).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, type RunningServer } from '../src/service/serve.js'
import { issueToken } from '../src/service/tokens.js'
import { scratchDatabase } from '../src/store/scratch-database.js'
import { buildServer, COMPILED_CLI, startServeProcess } from '../test/support/serve-process.js'
import { DEPARTMENT } from './bench-events.js'
import { backends, backendsMsSince } from './process-cpu.js'

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
 * Runs bench/load-client.ts in a child process against the server and returns what it measured; `onMeasuring` is
 * called when its warm-up is over and the counted load begins.
 * @example const load = await runLoadClient(server.url, token, 400, 8)
 */
async function runLoadClient(
  url: string,
  token: string,
  cases: number,
  clients: number,
  prefix = 'bench-api',
  onMeasuring: () => void | Promise<void> = () => {},
): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./load-client.ts', import.meta.url))
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))
  const child = spawn(process.execPath, [tsx, script, url, token, String(cases), String(clients), prefix], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  let measuring: void | Promise<void> | undefined
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    if (measuring === undefined && out.includes('{"phase":"measuring"}')) measuring = onMeasuring()
  })
  const code = await new Promise<number | null>((done) => child.on('close', done))
  await measuring
  if (code !== 0) throw new Error(`bench: the load generator exited with ${code}`)
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult
}

/** Resident memory (MiB) of a process now (VmRSS in /proc/<pid>/status); 0 once it is gone. */
function rssMiBOf(pid: number): number {
  try {
    const kB = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return Math.round(Number(kB ?? 0) / 1024)
  } catch {
    return 0
  }
}

/** The resident memory (MiB) of the server as `npm start` runs it. */
interface ServerMemory {
  /** Once it has started (seeded, swept, printed its token). */
  readonly afterStartMiB: number
  /** After the load, and the most it held while serving the load (sampled every 100 ms). */
  readonly servingMiB: number
  readonly servingPeakMiB: number
}

/**
 * Starts the compiled CLI's `start` (as `npm start` does, after an incremental build) on `database` in a process of its
 * own, reads its resident memory once it serves, issues an officer token with the token it prints, and runs the load
 * generator against it.
 * @example const { afterStartMiB } = await serverMemory(['--data-dir', dir], 400, 8)
 */
async function serverMemory(database: readonly string[], cases: number, clients: number): Promise<ServerMemory> {
  const built = buildServer()
  if (built.status !== 0) throw new Error(`bench: the server does not build: ${built.output}`)
  let adminToken: string | undefined
  const onLine = (line: string) => {
    adminToken ??= /Authorization: Bearer (xq_\S+)"/.exec(line)?.[1]
  }
  const { child, url } = await startServeProcess([COMPILED_CLI, 'start', ...database, '--port', '0'], { onLine })
  try {
    // the start prints its lines in one write: the token is read with the address
    await new Promise((done) => setTimeout(done, 100))
    const afterStartMiB = rssMiBOf(child.pid!)
    if (!adminToken) throw new Error('bench: the server printed no token to try')
    const res = await fetch(`${url}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'bench',
        role: 'officer',
        jurisdiction: DEPARTMENT.jurisdiction,
        department: DEPARTMENT.code,
      }),
    })
    if (res.status !== 201) throw new Error(`bench: POST /tokens answered ${res.status}: ${await res.text()}`)
    const { token } = (await res.json()) as { token: string }
    let servingPeakMiB = afterStartMiB
    const sampler = setInterval(() => (servingPeakMiB = Math.max(servingPeakMiB, rssMiBOf(child.pid!))), 100)
    try {
      await runLoadClient(url, token, cases, clients, 'bench-rss')
    } finally {
      clearInterval(sampler)
    }
    const servingMiB = rssMiBOf(child.pid!)
    return { afterStartMiB, servingMiB, servingPeakMiB: Math.max(servingPeakMiB, servingMiB) }
  } finally {
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGTERM')
    await exited
  }
}

/** serverMemory on a new PGlite data directory, or on a new database of the PostgreSQL server at `url`; removed after. */
async function freshServerMemory(url: string | undefined, cases: number, clients: number): Promise<ServerMemory> {
  if (url) {
    const db = await scratchDatabase(url, 'xingquan_rss')
    try {
      return await serverMemory(['--database-url', db.url], cases, clients)
    } finally {
      await db.drop()
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-bench-rss-'))
  try {
    return await serverMemory(['--data-dir', dir], cases, clients)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface AppendBench {
  readonly database: 'PGlite' | 'PostgreSQL'
  readonly eventsPerSecond: number
  readonly events: number
  readonly clients: number
  readonly p50Ms: number
  readonly p99Ms: number
  /**
   * The resident memory (MiB) of the server as `npm start` runs it (the compiled CLI in a process of its own on a
   * fresh data directory or database, seeded): after start, after serving the same appends, and the most it held
   * while serving them.
   */
  readonly rssAfterStartMiB: number
  readonly rssServingMiB: number
  readonly rssServingPeakMiB: number
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
  const cases = options.cases ?? Number(process.env.BENCH_SERVICE_CASES ?? 1000)
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
    const { token } = await issueToken(
      server.runtime.db,
      { subject: 'bench', role: 'officer', jurisdiction: DEPARTMENT.jurisdiction, department: DEPARTMENT.code },
      'bench',
    )
    // the server's and PostgreSQL's CPU time counted from the end of the load generator's warm-up, as its own is
    let cpu0 = process.cpuUsage()
    let pg0 = new Map<number, number>()
    const db = server.runtime.db
    const load = await runLoadClient(server.url, token, cases, clients, 'bench-api', async () => {
      cpu0 = process.cpuUsage()
      if (pgDb) pg0 = await backends(db)
    })
    const cpu = process.cpuUsage(cpu0)
    let pgMs = 0
    if (pgDb) pgMs = await backendsMsSince(server.runtime.db, pg0)
    const perEvent = (ms: number) => Math.round((ms / load.events) * 1000) / 1000
    await server.close()
    server = undefined
    const memory = await freshServerMemory(serverUrl, cases, clients)
    return {
      database: pgDb ? 'PostgreSQL' : 'PGlite',
      eventsPerSecond: load.eventsPerSecond,
      events: load.events,
      clients,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      rssAfterStartMiB: memory.afterStartMiB,
      rssServingMiB: memory.servingMiB,
      rssServingPeakMiB: memory.servingPeakMiB,
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
