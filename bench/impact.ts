/**
 * The impact of a draft over a seeded store: how long replaying every stored event under the draft and under the rules
 * in force takes, and where the time goes. The store holds realistic cases (bench/realistic-cases.ts) written straight
 * into cases and case_events (each event linked in its case's hash chain; events only: no evaluations were recorded),
 * kept between runs on PostgreSQL (database xq_bench_impact_<events>) so that only the first run seeds it.
 *
 *   npx tsx bench/impact.ts [--events 1000000] [--workers N] [--events-only] [--pglite]
 *
 * PostgreSQL when BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL is set (and no --pglite), else PGlite in memory.
 * The draft widens the yellow margin of sc.deadline.statutory-near from 3 to 5 working days. Like xingquan impact, it
 * replays the sweep's days between events too; --events-only replays the events alone (xingquan impact --events-only).
 */
import { parseArgs } from 'node:util'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { loadEnvironment } from '../src/evaluation/environment.js'
import { runImpact } from '../src/impact/index.js'
import { packVersion } from '../src/rules/pack-version.js'
import type { LoadedPack } from '../src/rules/rule-library.js'
import type { Database } from '../src/store/database.js'
import { genesisHash, rowHash } from '../src/store/hash-chain.js'
import { migrateToLatest } from '../src/store/migrate.js'
import { openDatabase } from '../src/store/open-database.js'
import type { CaseEvent, RulePack } from '../src/types/generated.js'
import { realisticCases } from './realistic-cases.js'

export interface ImpactBench {
  /** Whether the sweep's days between events were replayed too (the default, as xingquan impact does). */
  readonly sweepDays: boolean
  readonly store: 'postgres' | 'pglite'
  readonly events: number
  readonly cases: number
  readonly seededNow: boolean
  readonly seedSeconds: number
  readonly seconds: number
  readonly eventsPerSecond: number
  readonly threads: number
  /** Seconds this thread waited on the store for the next batch. */
  readonly readSeconds: number
  /** Seconds of replay summed over the threads, and per thread. */
  readonly replaySeconds: number
  readonly replaySecondsPerThread: number
  readonly changed: number
  readonly levelChanges: number
  readonly rssMiB: number
  /** CPU time of the whole process (every thread) while replaying, per event replayed: the figure a shared machine keeps. */
  readonly cpuUsPerEvent: number
  readonly cpuSeconds: number
}

const AT = '2026-06-30T09:00:00+08:00'
const DEPARTMENTS = [
  { code: 'lx-scjgj', name: '理县市场监督管理局' },
  { code: 'lx-zrzyj', name: '理县自然资源局' },
  { code: 'lx-xfjy', name: '理县消防救援大队' },
  { code: 'lx-nyncj', name: '理县农业农村局' },
]

/** Writes realistic cases until `target` events are stored, 2,000 cases at a time. */
async function seed(db: Kysely<Database>, target: number): Promise<{ cases: number; events: number }> {
  let cases = 0
  let events = 0
  for (let chunk = 0; events < target; chunk++) {
    const files = realisticCases(2000, 20260630 + chunk)
    const caseRows = []
    const eventRows = []
    for (const [i, file] of files.entries()) {
      if (events >= target) break
      const caseId = `imp-${String(chunk).padStart(4, '0')}-${String(i).padStart(4, '0')}`
      const dept = DEPARTMENTS[(chunk + i) % DEPARTMENTS.length]!
      const list = file.events.slice(0, Math.max(1, Math.min(file.events.length, target - events))) as CaseEvent[]
      const first = list[0] as CaseEvent & {
        case: { serialNumber: string; department: { code: string; name: string; jurisdiction: string } }
      }
      first.case.serialNumber = caseId.toUpperCase()
      first.case.department = { ...first.case.department, ...dept }
      caseRows.push({
        case_id: caseId,
        jurisdiction: first.case.department.jurisdiction,
        department_code: dept.code,
        department_name: dept.name,
        power_item_code: 'SC-XK-0001',
        serial_number: first.case.serialNumber,
        name: caseId,
        status: 'open',
        // the case opens empty (migration 0030): the impact job reads its events, not its projection
        head_seq: 0,
        head_hash: genesisHash(caseId),
        alerts: JSON.stringify([]),
        created_by: 'bench',
        created_at: first.recordedAt,
        updated_at: first.recordedAt,
      })
      let prev = genesisHash(caseId)
      for (const [k, e] of list.entries()) {
        const row = {
          case_id: caseId,
          chain_seq: k + 1,
          prev_hash: prev,
          recorded_by: 'bench',
          stored_at: new Date(e.recordedAt).toISOString(),
          sequence: k + 1,
          event_id: e.id,
          event_type: e.type,
          body: JSON.stringify(e),
        }
        prev = rowHash('case_events', row)
        eventRows.push({ ...row, hash: prev })
      }
      cases++
      events += list.length
    }
    for (let k = 0; k < caseRows.length; k += 1000)
      await db
        .insertInto('cases')
        .values(caseRows.slice(k, k + 1000) as never)
        .execute()
    for (let k = 0; k < eventRows.length; k += 2000)
      await db
        .insertInto('case_events')
        .values(eventRows.slice(k, k + 2000) as never)
        .execute()
    if (process.stderr.isTTY) process.stderr.write(`\rseeding ${events}/${target} events`)
  }
  if (process.stderr.isTTY) process.stderr.write('\n')
  await sql`analyze cases`.execute(db)
  await sql`analyze case_events`.execute(db)
  return { cases, events }
}

/** A database named for its size on the server, created when missing; whether it must still be seeded. */
async function benchDatabase(serverUrl: string, events: number): Promise<{ url: string; fresh: boolean }> {
  const name = `xq_bench_impact_${events}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0
  if (!exists) await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), fresh: !exists }
}

/** The sichuan pack with its yellow margin (the parameter sc-es.yellow-margin) at 5 working days from 2025-01-01: the draft. */
function marginDraft(packs: readonly LoadedPack[]): LoadedPack {
  const pack = structuredClone(packs.find((p) => p.pack.id === 'sc.electronic-supervision')!.pack) as RulePack
  const margin = pack.parameters?.find((p) => p.id === 'sc-es.yellow-margin')
  if (!margin) throw new Error('the bench draft finds no parameter sc-es.yellow-margin in sc.electronic-supervision')
  margin.values.push({
    from: '2025-01-01',
    value: 5,
    source: { office: '四川省监察厅', reference: '川监发〔2025〕X号（示例）' },
  })
  return { file: 'drafts/sc.electronic-supervision.pack.json', pack, version: packVersion(pack) }
}

/**
 * Seeds (once) and replays a store of `events` events under the margin draft and the rules in force.
 * @example const r = await benchImpact({ events: 100_000 }); r.seconds
 */
export async function benchImpact(
  options: { events?: number; workers?: number; pglite?: boolean; sweep?: boolean } = {},
): Promise<ImpactBench> {
  const target = options.events ?? 100_000
  const serverUrl = options.pglite
    ? undefined
    : (process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL)
  const place = serverUrl ? await benchDatabase(serverUrl, target) : { url: undefined, fresh: true }
  const opened = await openDatabase({ url: place.url, dataDir: 'memory' })
  try {
    await migrateToLatest(opened.db)
    const stored = Number(
      (await sql<{ n: number }>`select count(*)::int as n from case_events`.execute(opened.db)).rows[0]!.n,
    )
    const seed0 = performance.now()
    const seededNow = place.fresh || stored < target
    if (seededNow && stored > 0)
      throw new Error(
        `the bench database holds ${stored} of ${target} events: drop xq_bench_impact_${target} and run again`,
      )
    if (seededNow) await seed(opened.db, target)
    const seedSeconds = (performance.now() - seed0) / 1000
    const env = loadEnvironment()
    const timings = { readMs: 0, replayMs: 0, threads: 0 }
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    let shown = 0
    const report = await runImpact({
      db: opened.db,
      sides: { rulesDir: 'rules', inForce: env.packs, draft: [marginDraft(env.packs)], catalog: env.catalog },
      at: AT,
      timings,
      sweep: options.sweep ?? true,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onProgress: (done, total) => {
        if (!process.stderr.isTTY || (done < total && done - shown < 2000)) return
        shown = done
        process.stderr.write(`\rimpact: ${done}/${total} cases${done >= total ? '\n' : ''}`)
      },
    })
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const cpuUs = cpu.user + cpu.system
    return {
      sweepDays: options.sweep ?? true,
      store: opened.dialect,
      events: report.summary.events,
      cases: report.cases,
      seededNow,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(report.summary.events / seconds),
      threads: timings.threads,
      readSeconds: Math.round(timings.readMs / 100) / 10,
      replaySeconds: Math.round(timings.replayMs / 100) / 10,
      replaySecondsPerThread: Math.round(timings.replayMs / timings.threads / 100) / 10,
      changed: report.changed,
      levelChanges: report.summary.levelChanges,
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      cpuUsPerEvent: Math.round((cpuUs / report.summary.events) * 10) / 10,
      cpuSeconds: Math.round(cpuUs / 1e5) / 10,
    }
  } finally {
    await opened.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      workers: { type: 'string' },
      pglite: { type: 'boolean' },
      'events-only': { type: 'boolean' },
    },
    strict: true,
  })
  const result = await benchImpact({
    ...(values.events ? { events: Number(values.events) } : {}),
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    ...(values.pglite ? { pglite: true } : {}),
    ...(values['events-only'] ? { sweep: false } : {}),
  })
  console.log(JSON.stringify(result, null, 2))
}
