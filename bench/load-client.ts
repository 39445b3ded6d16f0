/**
 * The service bench's load generator, run in a process of its own (so that it does not share the server's event loop):
 * `tsx bench/load-client.ts URL TOKEN CASES CLIENTS PREFIX [WARMUP]`. Each client works through its own cases, one event after
 * another, through the HTTP API; prints one JSON line: events, seconds, events/s, p50 and p99 latency in ms, and the
 * CPU time this process spent while sending (ms). Requests go through node:http on kept-alive connections, one per
 * client: fetch (undici) costs this process about 1.4 ms of CPU per request, which on two cores is taken from the
 * server it measures.
 * `WARMUP` cases (default 100, 5 events each) go first and are not counted, so that the figure is the server's (and this
 * process's) steady state rather than its JIT compiler warming up; then one line `{"phase":"measuring"}` is printed, at
 * which the caller may start counting CPU time.
 */
import { Agent, request } from 'node:http'
import { acceptedEvent, laterEvents } from './bench-events.js'

const [url, token, casesArg, clientsArg, prefix = 'bench-api', warmupArg] = process.argv.slice(2)
if (!url || !token) throw new Error('usage: tsx bench/load-client.ts URL TOKEN CASES CLIENTS [PREFIX] [WARMUP]')
const cases = Number(casesArg ?? 400)
const clients = Number(clientsArg ?? 8)
const warmup = Number(warmupArg ?? 100)
const target = new URL(url)
const agent = new Agent({ keepAlive: true, maxSockets: clients })
let latencies: number[] = []
const send = (path: string, payload: string) =>
  new Promise<{ status: number; text: string }>((done, fail) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => done({ status: res.statusCode ?? 0, text }))
        res.on('error', fail)
      },
    )
    req.on('error', fail)
    req.end(payload)
  })
const post = async (path: string, body: unknown) => {
  const t0 = performance.now()
  const res = await send(path, JSON.stringify(body))
  latencies.push(performance.now() - t0)
  if (res.status !== 201) throw new Error(`load: ${path} answered ${res.status}: ${res.text}`)
}
/** Each client works through the cases `first`..`first + count - 1`, one event after another. */
const run = async (first: number, count: number, name: string) => {
  let next = first
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < first + count; i = next++) {
        const caseId = `${name}-${String(i).padStart(6, '0')}`
        await post('/cases', { caseId, event: acceptedEvent(`BENCH-${name}-${i}`) })
        for (const e of laterEvents()) await post(`/cases/${caseId}/events`, e)
      }
    }),
  )
}
if (warmup > 0) await run(0, warmup, `${prefix}-warmup`)
latencies = []
console.log(JSON.stringify({ phase: 'measuring' }))
const cpu0 = process.cpuUsage()
const start = performance.now()
await run(0, cases, prefix)
const seconds = (performance.now() - start) / 1000
const cpu = process.cpuUsage(cpu0)
agent.destroy()
latencies.sort((a, b) => a - b)
const pct = (p: number) =>
  Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(1))
console.log(
  JSON.stringify({
    events: latencies.length,
    seconds,
    eventsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: pct(50),
    p99Ms: pct(99),
    cpuMs: (cpu.user + cpu.system) / 1000,
  }),
)
