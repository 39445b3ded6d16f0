/**
 * `npm run bench`: from one run, side by side: stock json-rules-engine against the compiled rule set, fact derivation
 * and replay, the n = 1 against n = 1,000 append cost and a cache miss, then the service on PGlite and PostgreSQL
 * (appends/s through the API from a load generator in its own process, the sweep with and without notices, the empty
 * poll, resident memory), each in a process of its own; then the impact of a draft over a seeded store
 * (`-- --events 1000000`). `--full` (or BENCH_FULL=1): the sweep over 1,000,000 open cases.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Measurement } from './measure.js'
import { benchAppendCost } from './append-cost.js'
import { benchPipeline } from './pipeline.js'
import { benchRulesEngine } from './rules-engine.js'

const minMs = Number(process.env.BENCH_MS ?? 2000)
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const row = (name: string, m: Measurement) =>
  `${name.padEnd(48)} ${fmt(m.perSecond).padStart(10)} ${fmt(m.usEach, 1).padStart(10)} ${fmt(m.count).padStart(9)}`

const engine = await benchRulesEngine({ minMs })
const { shippedAvailable, refused } = engine.workload
const origin = `${engine.shippedRules} of the ${shippedAvailable} shipped${engine.rules > engine.shippedRules ? `, ${engine.rules - engine.shippedRules} synthetic over the real facts` : ''}`
console.log(`xingquan bench — node ${process.version}, ${engine.rules} rules (${origin}),`)
console.log(
  `${engine.events} evaluations from ${engine.cases} generated cases (every event, plus two later moments per case${refused > 0 ? `; ${refused} cases stopped at a refused event` : ''}); at least ${minMs} ms each`,
)
console.log(
  `same firings and traces from all three engines over the whole stream: ${engine.identical ? 'yes' : 'NO'} (${engine.firings} firings)`,
)
console.log('')
console.log(`${'engine'.padEnd(48)} ${'events/s'.padStart(10)} ${'µs/event'.padStart(10)} ${'measured'.padStart(9)}`)
console.log(row('(a) json-rules-engine, default options', engine.stock))
console.log(row('(b) json-rules-engine + dot-path pathResolver', engine.dotPath))
console.log(row('(c) compiled RuleSet (firings with traces)', engine.compiled))
console.log('')
console.log(
  `compiled vs stock: ${fmt(engine.ratio, 1)}× the events/s (dot-path alone: ${fmt(engine.dotPath.perSecond / engine.stock.perSecond, 2)}×)`,
)

const pipeline = benchPipeline(engine.workload, Math.max(500, minMs / 2))
console.log('')
console.log(row('fact derivation (deriveFacts), per event', pipeline.derive))
console.log(row('end-to-end replay (fold, facts, rules), per event', pipeline.replay))

const cost = benchAppendCost(Math.max(300, minMs / 4))
console.log('')
console.log(
  `append cost (pure: fold, facts, rules, outcome) of the 2nd event ${fmt(cost.firstUs, 1)} µs, of the 1,001st ${fmt(cost.thousandthUs, 1)} µs: n=1,000 / n=1 = ${fmt(cost.ratio, 2)}×`,
)
console.log(
  `a cache miss on a case of 1,050 events: ${fmt(cost.missFromStartMs, 1)} ms folded from event 1, ${fmt(cost.missFromSnapshotMs, 1)} ms from its snapshot and the 49 events after it`,
)
console.log(`resident memory of this process after the engine benches: ${fmt(process.memoryUsage().rss / 2 ** 20)} MiB`)

// the service, each measurement in a process of its own (its resident memory is its own), the load generator in another
const full = process.argv.includes('--full') || process.env.BENCH_FULL !== undefined
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))
const child = (script: string, args: string[]): Promise<Record<string, unknown> | string> =>
  new Promise((done) => {
    const p = spawn(process.execPath, [tsx, fileURLToPath(new URL(script, import.meta.url)), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { LOG_LEVEL: 'warn', ...process.env },
    })
    let out = ''
    let err = ''
    p.stdout.on('data', (c: Buffer) => (out += c.toString()))
    p.stderr.on('data', (c: Buffer) => (err += c.toString()))
    p.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? ''
      try {
        done(
          code === 0
            ? (JSON.parse(last) as Record<string, unknown>)
            : `failed (${code}): ${err.trim().split('\n').pop() ?? ''}`,
        )
      } catch {
        done(`failed: ${last}`)
      }
    })
  })
const databases = [
  { name: 'PGlite', args: ['--pglite'] },
  ...(pgUrl ? [{ name: 'PostgreSQL', args: [] as string[] }] : []),
]
const results: Record<
  string,
  {
    appends: Record<string, unknown> | string
    sweep: Record<string, unknown> | string
    bare: Record<string, unknown> | string
    ordinary: Record<string, unknown> | string
  }
> = {}
for (const d of databases) {
  const size = full ? ['--full'] : []
  results[d.name] = {
    appends: await child('./append-api.ts', d.args),
    sweep: await child('./sweep.ts', [...d.args, ...size]),
    bare: await child('./sweep.ts', [...d.args, ...size, '--no-notices']),
    ordinary: await child('./sweep.ts', [...d.args, ...size, '--no-notices', '--unchanged-day']),
  }
}
const cell = (r: Record<string, unknown> | string, f: (r: Record<string, unknown>) => string) =>
  typeof r === 'string' ? r.slice(0, 40) : f(r)
const table: [string, (x: (typeof results)[string]) => string][] = [
  [
    'appends/s through the API (p50 ms)',
    (x) => cell(x.appends, (r) => `${fmt(r.eventsPerSecond as number)} (${r.p50Ms})`),
  ],
  [
    'CPU ms per append: server/PostgreSQL/client',
    (x) =>
      cell(x.appends, (r) => {
        const c = r.cpuMsPerEvent as { server: number; postgres: number; client: number }
        // PGlite runs in the server's process: its CPU is the server's
        return `${c.server.toFixed(2)}/${x === results.PGlite ? '–' : c.postgres.toFixed(2)}/${c.client.toFixed(2)}`
      }),
  ],
  ['sweep due cases/s, with notices', (x) => cell(x.sweep, (r) => fmt(r.casesPerSecond as number))],
  ['sweep due cases/s, without notices', (x) => cell(x.bare, (r) => fmt(r.casesPerSecond as number))],
  [
    'sweep due cases/s, a day changing nothing',
    (x) => cell(x.ordinary, (r) => `${fmt(r.casesPerSecond as number)} (${fmt(r.unchangedRows as number)} unch.)`),
  ],
  [
    'CPU µs per case that day: server/PostgreSQL',
    (x) =>
      cell(x.ordinary, (r) => {
        const c = r.cpuUsPerCase as { server: number; postgres: number }
        return `${fmt(c.server)}/${x === results.PGlite ? '–' : fmt(c.postgres)}`
      }),
  ],
  ['empty poll (median ms)', (x) => cell(x.bare, (r) => String(r.emptyPollMs))],
  ['check of every projection, every 5 min (ms)', (x) => cell(x.bare, (r) => String(r.restoreCheckMs))],
  [
    'RSS MiB of npm start: started / appends (max)',
    (x) => cell(x.appends, (r) => `${r.rssAfterStartMiB} / ${r.rssServingMiB} (${r.rssServingPeakMiB})`),
  ],
  ['RSS MiB after the sweep with notices', (x) => cell(x.sweep, (r) => String(r.rssMiB))],
]
const first = Object.values(results)[0]
const sized =
  first && typeof first.sweep !== 'string'
    ? `${fmt(first.sweep.openCases as number)} open cases, ${fmt(first.sweep.dueCases as number)} due`
    : ''
console.log('')
console.log(
  `service (${typeof first?.appends === 'string' ? '' : `${first?.appends.events} events from ${first?.appends.clients} clients in a process of their own; `}sweep: ${sized}, two sweepers${full ? '' : '; --full: 1,000,000 open cases'})`,
)
console.log(`${''.padEnd(48)} ${databases.map((d) => d.name.padStart(16)).join(' ')}`)
for (const [name, f] of table)
  console.log(`${name.padEnd(48)} ${databases.map((d) => f(results[d.name]!).padStart(16)).join(' ')}`)
if (!pgUrl) console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. from .ci/pg.env)')
// the impact of a draft over a seeded store: --events 1000000 (or BENCH_IMPACT_EVENTS) for the full figure
const at = process.argv.indexOf('--events')
const impactEvents = Number(at >= 0 ? process.argv[at + 1] : (process.env.BENCH_IMPACT_EVENTS ?? 100_000))
console.log('')
try {
  const { benchImpact } = await import('./impact.js')
  for (const sweep of [true, false]) {
    const r = await benchImpact({ events: impactEvents, sweep })
    console.log(
      `impact of a draft (yellow margin 3 → 5) over ${fmt(r.events)} stored events in ${fmt(r.cases)} cases on ${r.store}, ${sweep ? "with the sweep's days (the default)" : 'events only (--events-only)'}: ${fmt(r.seconds, 1)} s, ${fmt(r.eventsPerSecond)} events/s on ${r.threads} worker threads, ${fmt(r.cpuUsPerEvent, 1)} µs of CPU an event`,
    )
    console.log(
      `  where the time goes: replay ${fmt(r.replaySeconds, 1)} s over the threads (${fmt(r.replaySecondsPerThread, 1)} s each), waiting on the store ${fmt(r.readSeconds, 1)} s; ${r.seededNow ? `seeded now in ${fmt(r.seedSeconds, 1)} s` : 'store seeded before'}; ${r.changed} cases change; rss ${fmt(r.rssMiB)} MiB`,
    )
  }
} catch (err) {
  console.log(`impact bench: skipped (it threw: ${err instanceof Error ? err.message : String(err)})`)
}
if (!engine.identical) process.exitCode = 1
