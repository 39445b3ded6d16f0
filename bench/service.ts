/**
 * The service end to end: events/s through the HTTP API into the database with evaluation, records and notices; and
 * the deadline sweep over a table of 1M open cases, of which only the due ones are evaluated.
 * PostgreSQL when BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL is set (a fresh database is made and
 * dropped), else the embedded PGlite in memory. Runs standalone: `tsx bench/service.ts`.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { appendEvent } from '../src/service/append-event.js'
import { scratchDatabase } from '../src/store/scratch-database.js'
import type { Principal } from '../src/service/principal.js'
import { startServer, type RunningServer } from '../src/service/serve.js'
import type { NoticeRenderer } from '../src/service/notice-hook.js'
import { sweepDue } from '../src/service/sweep.js'
import { templateNotices } from '../src/service/template-notices.js'
import { issueToken } from '../src/service/tokens.js'
import { genesisHash } from '../src/store/hash-chain.js'
import { verifyChains } from '../src/store/verify-chains.js'
import { acceptedEvent, DEPARTMENT } from './bench-events.js'

export interface ServiceBench {
  readonly database: string
  /** Events appended through the API per second (each: validation, lock, fold, evaluation, event + evaluation + notice rows, projection). */
  readonly eventsPerSecond: number
  readonly events: number
  readonly clients: number
  /** Median and 99th percentile latency of one append, in ms. */
  readonly appendP50Ms: number
  readonly appendP99Ms: number
  /** Open cases in the table during the sweep. */
  readonly openCases: number
  /** Cases due at the sweep's moment (the rest are not due and must not be evaluated). */
  readonly dueCases: number
  /** Due cases evaluated and recorded per second, two sweepers side by side. */
  readonly sweepRatePerSecond: number
  readonly sweepEvaluated: number
  /** Of the sweep's time per case, what rendering its notice (the shipped templates) took, in ms. */
  readonly sweepNoticeMsPerCase: number
  /** Time to find the due cases among all open ones through the partial index (one SKIP LOCKED claim of 200). */
  readonly dueClaimMs: number
  readonly chainsIntact: boolean
  /** Resident memory of the server's process (MiB) after start, and after the appends and the sweep. */
  readonly rssAfterStartMiB: number
  readonly rssServingMiB: number
}

/** What the load generator reports. */
interface LoadResult {
  readonly events: number
  readonly seconds: number
  readonly eventsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
}

/**
 * Runs bench/load-client.ts in a child process against the server and returns what it measured.
 * @example const load = await runLoadClient(server.url, token, 400, 8)
 */
export async function runLoadClient(url: string, token: string, cases: number, clients: number, prefix = 'bench-api'): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./load-client.ts', import.meta.url))
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))
  const child = spawn(process.execPath, [tsx, script, url, token, String(cases), String(clients), prefix], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  if (code !== 0) throw new Error(`bench: the load generator exited with ${code}`)
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult
}

/**
 * Runs the service bench. Sizes from the environment: BENCH_SERVICE_CASES (API cases, default 400, 5 events each),
 * BENCH_SERVICE_CLIENTS (default 8), BENCH_OPEN_CASES (rows in the sweep's table, default 100,000; 1,000,000 with --full or BENCH_FULL=1),
 * BENCH_DUE_CASES (extra due cases made without HTTP, default 2,000).
 * @example const { eventsPerSecond, sweepRatePerSecond } = await benchService()
 */
export default async function benchService(options: { readonly pglite?: boolean } = {}): Promise<ServiceBench> {
  const apiCases = Number(process.env.BENCH_SERVICE_CASES ?? 400)
  const clients = Number(process.env.BENCH_SERVICE_CLIENTS ?? 8)
  const openCases = Number(process.env.BENCH_OPEN_CASES ?? (process.argv.includes('--full') || process.env.BENCH_FULL ? 1_000_000 : 100_000))
  const extraDue = Number(process.env.BENCH_DUE_CASES ?? 2_000)
  const serverUrl = options.pglite ? undefined : (process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL)
  const pgDb = serverUrl ? await scratchDatabase(serverUrl, 'xq_bench') : undefined
  let server: RunningServer | undefined
  try {
    let noticeMs = 0
    const real = templateNotices(() => server!.runtime.env())
    const time = <T>(f: () => T): T => {
      const t0 = performance.now()
      try {
        return f()
      } finally {
        noticeMs += performance.now() - t0
      }
    }
    const timed: NoticeRenderer = (request) => {
      const plan = time(() => real(request))
      return plan && { ...plan, render: (n) => time(() => plan.render(n)) }
    }
    server = await startServer({ url: pgDb?.url, dataDir: 'memory', poolSize: clients + 4, notices: timed }, { port: 0 })
    const rt = server.runtime
    const rssAfterStartMiB = Math.round(process.memoryUsage().rss / 2 ** 20)
    const { token } = await issueToken(rt.db, { subject: 'bench', role: 'officer', jurisdiction: DEPARTMENT.jurisdiction, department: DEPARTMENT.code }, 'bench')

    // 1. events through the API, from a load generator in a process of its own
    const load = await runLoadClient(server.url, token, apiCases, clients)
    const appendSeconds = load.seconds
    const events = load.events

    // 2. due cases made without HTTP, and the open cases that are not due, in bulk
    const admin: Principal = { tokenId: 'bench', subject: 'bench', role: 'regionAdmin', jurisdiction: '510000', department: null }
    for (let i = 0; i < extraDue; i++) await appendEvent(rt, admin, `bench-due-${String(i).padStart(6, '0')}`, acceptedEvent(`DUE-${i}`))
    const filler = Math.max(0, openCases - apiCases - extraDue)
    for (let from = 0; from < filler; from += 250_000) {
      const to = Math.min(filler, from + 250_000) - 1
      await sql`
        insert into cases (case_id, jurisdiction, department_code, department_name, power_item_code, serial_number, name, status,
                           head_hash, next_change_at, created_by, created_at, updated_at)
        select 'bench-open-' || lpad(i::text, 7, '0'), '513222', 'lx-scjgj', '理县市场监督管理局', 'SC-XK-0001', 'OPEN-' || i, '在办件', 'open',
               ${genesisHash('bench-open')}::text, timestamptz '2026-01-05 00:00:00+08' + (i % 240) * interval '1 day', 'bench', now(), now()
        from generate_series(${from}::int, ${to}::int) as i`.execute(rt.db)
    }
    await sql`analyze cases`.execute(rt.db)
    const open = Number((await sql<{ n: number }>`select count(*)::int as n from cases where status = 'open'`.execute(rt.db)).rows[0]!.n)

    // 3. the sweep: two sweepers side by side at a moment when only the real cases are due
    const now = new Date('2025-11-05T12:00:00+08:00')
    const claim0 = performance.now()
    await rt.db.transaction().execute(async (trx) => {
      await trx.selectFrom('cases').select('case_id').where('next_change_at', '<=', now).orderBy('next_change_at').limit(200).forUpdate().skipLocked().execute()
    })
    const dueClaimMs = performance.now() - claim0
    const due = Number((await sql<{ n: number }>`select count(*)::int as n from cases where next_change_at <= ${now}`.execute(rt.db)).rows[0]!.n)
    noticeMs = 0
    const sweep0 = performance.now()
    const reports = await Promise.all([sweepDue(rt, { now }), sweepDue(rt, { now })])
    const sweepSeconds = (performance.now() - sweep0) / 1000
    const sweepNoticeMs = noticeMs
    const sweepEvaluated = reports.reduce((n, r) => n + r.evaluated, 0)
    const failed = reports.flatMap((r) => r.failed)
    if (failed.length > 0) throw new Error(`bench: the sweep failed for ${failed.length} cases, e.g. ${JSON.stringify(failed[0])}`)
    if (sweepEvaluated !== due) throw new Error(`bench: ${due} cases were due but ${sweepEvaluated} were evaluated`)

    // the real cases' chains (the bulk rows have no records to chain)
    const sample = await verifyChains(rt.db, { caseIds: ['bench-api-000000', `bench-api-${String(apiCases - 1).padStart(6, '0')}`, 'bench-due-000000'] })
    return {
      database: rt.dialect === 'postgres' ? `PostgreSQL (${rt.location})` : 'PGlite (in memory)',
      eventsPerSecond: Math.round(events / appendSeconds),
      events,
      clients,
      appendP50Ms: load.p50Ms,
      appendP99Ms: load.p99Ms,
      openCases: open,
      dueCases: due,
      sweepRatePerSecond: Math.round(sweepEvaluated / sweepSeconds),
      sweepEvaluated,
      sweepNoticeMsPerCase: Number((sweepNoticeMs / Math.max(1, sweepEvaluated)).toFixed(1)),
      dueClaimMs: Number(dueClaimMs.toFixed(1)),
      chainsIntact: sample.broken.length === 0 && sample.cases === 3,
      rssAfterStartMiB,
      rssServingMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    }
  } finally {
    await server?.close()
    await pgDb?.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchService()
  console.log(JSON.stringify(result, null, 2))
}
