/**
 * The deadline sweep over a table of open cases of which only some are due: due cases/s with two sweepers side by
 * side, with the shipped notice templates or with no notices at all, the time of an empty poll, and apart from those the
 * time of the sweep's check of every case's projection against its chain (restoreDueFromChain, at most every five
 * minutes in each process). Standalone:
 * `tsx bench/sweep.ts [--pglite] [--no-notices] [--unchanged-day] [--full]` prints one JSON line (PostgreSQL from BENCH_DATABASE_URL,
 * DATABASE_URL or TEST_DATABASE_URL; a fresh database is made and dropped). Sizes: BENCH_OPEN_CASES (default 20,000;
 * 1,000,000 with --full or BENCH_FULL=1), BENCH_DUE_CASES (default 1,000).
 */
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { appendEvent } from '../src/service/append-event.js'
import type { Principal } from '../src/service/principal.js'
import { openRuntime, type Runtime } from '../src/service/runtime.js'
import { chinaMoment } from '../src/service/case-time.js'
import { noticesSettled, sweepDue } from '../src/service/sweep.js'
import { restoreDueFromChain, restoreDueFromChainNow } from '../src/store/restore-projection.js'
import { templateNotices } from '../src/service/template-notices.js'
import { genesisHash } from '../src/store/hash-chain.js'
import { scratchDatabase } from '../src/store/scratch-database.js'
import { acceptedEvent } from './bench-events.js'
import { backends, backendsMsSince } from './process-cpu.js'

export interface SweepBench {
  readonly database: 'PGlite' | 'PostgreSQL'
  readonly notices: boolean
  readonly unchangedDay: boolean
  /** Of the evaluations timed, those recorded as unchanged rows. */
  readonly unchangedRows: number
  readonly openCases: number
  readonly dueCases: number
  /** Due cases evaluated and committed per second (their notices numbered and left in the outbox). */
  readonly casesPerSecond: number
  /** Notices left in the outbox (numbered in the sweep's transactions). */
  readonly noticesWritten: number
  /** Notices rendered and recorded per second after the commits, in the same process, until the outbox is empty. */
  readonly noticesRenderedPerSecond: number
  /** Seconds from the first batch to the last notice rendered. */
  readonly secondsToLastNotice: number
  /** The check of every open case's projection against its latest evaluation (ms), run before the sweeps are timed. */
  readonly restoreCheckMs: number
  /** Median of 21 sweeps when nothing is due (ms). */
  readonly emptyPollMs: number
  readonly rssMiB: number
  /** CPU time per due case (µs) while the two sweepers ran: this process, and PostgreSQL's backends of its database. */
  readonly cpuUsPerCase: { readonly server: number; readonly postgres: number }
}

/**
 * Builds the table (due cases through the append, the rest in bulk) and sweeps it.
 * @example const { casesPerSecond } = await benchSweep({ pglite: false, notices: true })
 */
export async function benchSweep(options: {
  readonly pglite: boolean
  readonly notices: boolean
  readonly full?: boolean
  /**
   * Time an ordinary day instead: the due cases were swept the day before, and this day's sweep changes no decision
   * (each is recorded as an unchanged row, migration 0026).
   */
  readonly unchangedDay?: boolean
}): Promise<SweepBench> {
  const openCases = Number(
    process.env.BENCH_OPEN_CASES ?? (options.full || process.env.BENCH_FULL ? 1_000_000 : 20_000),
  )
  const dueCases = Number(process.env.BENCH_DUE_CASES ?? 1_000)
  const serverUrl = options.pglite
    ? undefined
    : (process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL)
  if (!options.pglite && !serverUrl)
    throw new Error('bench: no PostgreSQL URL (BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL)')
  const pgDb = serverUrl ? await scratchDatabase(serverUrl, 'xingquan_perf') : undefined
  let rt: Runtime | undefined
  try {
    let runtime: Runtime | undefined
    const notices = options.notices ? templateNotices(() => runtime!.env()) : () => undefined
    rt = runtime = await openRuntime({
      ...(pgDb ? { url: pgDb.url, poolSize: 6 } : { dataDir: 'memory' }),
      notices,
      checkpointKey: 'memory',
    })
    const admin: Principal = {
      tokenId: 'bench',
      subject: 'bench',
      role: 'regionAdmin',
      jurisdiction: '510000',
      department: null,
    }
    for (let i = 0; i < dueCases; i++)
      await appendEvent(rt, admin, `bench-due-${String(i).padStart(7, '0')}`, acceptedEvent(`DUE-${i}`))
    const filler = Math.max(0, openCases - dueCases)
    // the filler sizes the sweep's index (open cases not yet due) without records behind them: a case opens empty
    // (migration 0030), so its guard is set aside while they are inserted, in this bench's own database only
    if (filler > 0) await sql`alter table cases disable trigger cases_open_empty`.execute(rt.db)
    for (let from = 0; from < filler; from += 250_000) {
      const to = Math.min(filler, from + 250_000) - 1
      await sql`
        insert into cases (case_id, jurisdiction, department_code, department_name, power_item_code, serial_number, name, status,
                           head_hash, next_change_at, created_by, created_at, updated_at)
        select 'bench-open-' || lpad(i::text, 7, '0'), '513222', 'lx-scjgj', '理县市场监督管理局', 'SC-XK-0001', 'OPEN-' || i, '在办件', 'open',
               ${genesisHash('bench-open')}::text, timestamptz '2027-01-05 00:00:00+08' + (i % 240) * interval '1 day', 'bench', now(), now()
        from generate_series(${from}::int, ${to}::int) as i`.execute(rt.db)
    }
    if (filler > 0) await sql`alter table cases enable trigger cases_open_empty`.execute(rt.db)
    await sql`analyze cases`.execute(rt.db)
    // a moment at which the due cases are long overdue (red alarms and their notices) and the others are not due; or,
    // for an ordinary day, Monday 29 September, the due cases swept on the day before (a make-up working day, 调休)
    const now = new Date(options.unchangedDay ? '2025-09-29T12:00:00+08:00' : '2025-11-05T12:00:00+08:00')
    if (options.unchangedDay) await sweepDue(rt, { now: new Date('2025-09-28T12:00:00+08:00') })
    // the periodic check of the projections, timed on its own (the sweeps below skip it: it ran within five minutes)
    const r0 = performance.now()
    // (on an ordinary day the sweep of the day before ran it: it is timed here all the same)
    await (options.unchangedDay ? restoreDueFromChain : restoreDueFromChainNow)(rt.db, now)
    const restoreCheckMs = performance.now() - r0
    const pg0 = pgDb ? await backends(rt.db) : new Map<number, number>()
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const reports = await Promise.all([
      sweepDue(rt, { now, awaitNotices: false }),
      sweepDue(rt, { now, awaitNotices: false }),
    ])
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const pgMs = pgDb ? await backendsMsSince(rt.db, pg0) : 0
    await noticesSettled(rt)
    const toLastNotice = (performance.now() - t0) / 1000
    const { rows } = await sql<{ n: number }>`select count(*)::integer as n from notices n join evaluations e
      on e.case_id = n.case_id and e.chain_seq = n.evaluation_seq where e.cause = 'sweep'`.execute(rt.db)
    const rendered = rows[0]!.n
    const counted = await sql<{ n: number }>`select count(*)::integer as n from evaluations
      where cause = 'sweep' and same_as is not null and at = ${chinaMoment(new Date(now.getTime() - 12 * 3_600_000))}`.execute(
      rt.db,
    )
    const unchanged = counted.rows[0]!.n
    const evaluated = reports.reduce((n, r) => n + r.evaluated, 0)
    if (evaluated !== dueCases) throw new Error(`bench: ${dueCases} cases were due but ${evaluated} were evaluated`)
    const polls: number[] = []
    for (let i = 0; i < 21; i++) {
      const p0 = performance.now()
      await sweepDue(rt, { now })
      polls.push(performance.now() - p0)
    }
    polls.sort((a, b) => a - b)
    return {
      database: pgDb ? 'PostgreSQL' : 'PGlite',
      notices: options.notices,
      unchangedDay: options.unchangedDay === true,
      unchangedRows: unchanged,
      openCases: filler + dueCases,
      dueCases,
      casesPerSecond: Math.round(evaluated / seconds),
      noticesWritten: reports.reduce((n, r) => n + r.notices, 0),
      noticesRenderedPerSecond: Math.round(rendered / toLastNotice),
      secondsToLastNotice: Number(toLastNotice.toFixed(2)),
      restoreCheckMs: Math.round(restoreCheckMs),
      emptyPollMs: Number(polls[10]!.toFixed(2)),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      cpuUsPerCase: {
        server: Math.round((cpu.user + cpu.system) / evaluated),
        postgres: Math.round((pgMs * 1000) / evaluated),
      },
    }
  } finally {
    await rt?.close()
    await pgDb?.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2)
  console.log(
    JSON.stringify(
      await benchSweep({
        pglite: argv.includes('--pglite'),
        notices: !argv.includes('--no-notices'),
        full: argv.includes('--full'),
        unchangedDay: argv.includes('--unchanged-day'),
      }),
    ),
  )
}
