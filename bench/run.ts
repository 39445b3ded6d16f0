/** `npm run bench`: events/s of stock json-rules-engine against the compiled rule set, fact derivation and replay costs, the service bench when there is one, and the impact of a draft over a seeded store (`-- --events 1000000`). */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Measurement } from './measure.js'
import { benchAppendCost } from './append-cost.js'
import { benchPipeline } from './pipeline.js'
import { benchRulesEngine } from './rules-engine.js'

const minMs = Number(process.env.BENCH_MS ?? 2000)
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const row = (name: string, m: Measurement) => `${name.padEnd(48)} ${fmt(m.perSecond).padStart(10)} ${fmt(m.usEach, 1).padStart(10)} ${fmt(m.count).padStart(9)}`

const engine = await benchRulesEngine({ minMs })
const { shippedAvailable, refused } = engine.workload
const origin = `${engine.shippedRules} of the ${shippedAvailable} shipped${engine.rules > engine.shippedRules ? `, ${engine.rules - engine.shippedRules} synthetic over the real facts` : ''}`
console.log(`xingquan bench — node ${process.version}, ${engine.rules} rules (${origin}),`)
console.log(`${engine.events} evaluations from ${engine.cases} generated cases (every event, plus two later moments per case${refused > 0 ? `; ${refused} cases stopped at a refused event` : ''}); at least ${minMs} ms each`)
console.log(`same firings and traces from all three engines over the whole stream: ${engine.identical ? 'yes' : 'NO'} (${engine.firings} firings)`)
console.log('')
console.log(`${'engine'.padEnd(48)} ${'events/s'.padStart(10)} ${'µs/event'.padStart(10)} ${'measured'.padStart(9)}`)
console.log(row('(a) json-rules-engine, default options', engine.stock))
console.log(row('(b) json-rules-engine + dot-path pathResolver', engine.dotPath))
console.log(row('(c) compiled RuleSet (firings with traces)', engine.compiled))
console.log('')
console.log(`compiled vs stock: ${fmt(engine.ratio, 1)}× the events/s (dot-path alone: ${fmt(engine.dotPath.perSecond / engine.stock.perSecond, 2)}×)`)

const pipeline = benchPipeline(engine.workload, Math.max(500, minMs / 2))
console.log('')
console.log(row('fact derivation (deriveFacts), per event', pipeline.derive))
console.log(row('end-to-end replay (fold, facts, rules), per event', pipeline.replay))

const cost = benchAppendCost(Math.max(300, minMs / 4))
console.log('')
console.log(`append cost (pure: fold, facts, rules, outcome) of the 2nd event ${fmt(cost.firstUs, 1)} µs, of the 1,001st ${fmt(cost.thousandthUs, 1)} µs: n=1,000 / n=1 = ${fmt(cost.ratio, 2)}×`)
console.log(`resident memory of this process after the engine benches: ${fmt(process.memoryUsage().rss / 2 ** 20)} MiB`)

const service = new URL('./service.ts', import.meta.url)
console.log('')
if (!existsSync(fileURLToPath(service))) {
  console.log('service bench: skipped (bench/service.ts does not exist yet)')
} else {
  try {
    const mod = (await import(service.href)) as { default?: unknown }
    if (typeof mod.default !== 'function') console.log('service bench: skipped (bench/service.ts has no default-export function)')
    else {
      // the embedded database, then PostgreSQL when a URL is given (BENCH_DATABASE_URL, DATABASE_URL, TEST_DATABASE_URL)
      const run = mod.default as (options?: { pglite?: boolean }) => Promise<unknown>
      console.log('service on PGlite (embedded):')
      console.log(JSON.stringify(await run({ pglite: true }), null, 2))
      if (process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL) {
        console.log('service on PostgreSQL:')
        console.log(JSON.stringify(await run(), null, 2))
      } else console.log('service on PostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. from .ci/pg.env)')
    }
  } catch (err) {
    console.log(`service bench: skipped (it threw: ${err instanceof Error ? err.message : String(err)})`)
  }
}
// the impact of a draft over a seeded store: --events 1000000 (or BENCH_IMPACT_EVENTS) for the full figure
const at = process.argv.indexOf('--events')
const impactEvents = Number(at >= 0 ? process.argv[at + 1] : (process.env.BENCH_IMPACT_EVENTS ?? 100_000))
console.log('')
try {
  const { benchImpact } = await import('./impact.js')
  const r = await benchImpact({ events: impactEvents })
  console.log(`impact of a draft (yellow margin 3 → 5) over ${fmt(r.events)} stored events in ${fmt(r.cases)} cases on ${r.store}: ${fmt(r.seconds, 1)} s, ${fmt(r.eventsPerSecond)} events/s on ${r.threads} worker threads`)
  console.log(`  where the time goes: replay ${fmt(r.replaySeconds, 1)} s over the threads (${fmt(r.replaySecondsPerThread, 1)} s each), waiting on the store ${fmt(r.readSeconds, 1)} s; ${r.seededNow ? `seeded now in ${fmt(r.seedSeconds, 1)} s` : 'store seeded before'}; ${r.changed} cases change; rss ${fmt(r.rssMiB)} MiB`)
} catch (err) {
  console.log(`impact bench: skipped (it threw: ${err instanceof Error ? err.message : String(err)})`)
}
if (!engine.identical) process.exitCode = 1
