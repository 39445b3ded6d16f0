/**
 * CPU profiles of the service's two hot paths, each on its own: appending events through the HTTP API, and the
 * deadline sweep. Writes one .cpuprofile per phase (open them in Chrome DevTools) and prints the functions with the
 * most self time. PostgreSQL when BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL is set, else PGlite in memory.
 * Sizes: PROFILE_CASES (API cases, 5 events each, default 200), PROFILE_DUE (extra due cases for the sweep, default
 * 1,000), PROFILE_DIR (default: xingquan-profiles in the system's temporary directory), PROFILE_TOP (default 30).
 * Run: `npx tsx bench/profile-service.ts` (the same V8 profiler as `node --cpu-prof`, started and stopped around
 * each phase).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { appendEvent } from '../src/service/append-event.js'
import type { Principal } from '../src/service/principal.js'
import { startServer } from '../src/service/serve.js'
import { sweepDue } from '../src/service/sweep.js'
import { issueToken } from '../src/service/tokens.js'
import { acceptedEvent, DEPARTMENT, laterEvents } from './bench-events.js'
import pg from 'pg'
import { randomBytes } from 'node:crypto'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** The functions with the most self time, and the files, as printable lines. */
export function summarize(profile: CpuProfile, top = 30): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const byFile = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0
    const cf = byId.get(id)!.callFrame
    const url = cf.url.replace(/^file:\/\/.*?\/node_modules\//, 'node_modules/').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')
    const key = `${cf.functionName || '(anonymous)'}  ${url}${url ? `:${cf.lineNumber + 1}` : ''}`
    self.set(key, (self.get(key) ?? 0) + us)
    const file = url || `(${cf.functionName})`
    byFile.set(file, (byFile.get(file) ?? 0) + us)
    total += us
  })
  const lines = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([key, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`)
  return [`${(total / 1000).toFixed(0)} ms sampled`, '-- self time by function --', ...lines(self, top), '-- self time by file --', ...lines(byFile, 15)].join('\n')
}

async function profiled<T>(session: Session, file: string, run: () => Promise<T>): Promise<{ result: T; profile: CpuProfile; ms: number }> {
  await session.post('Profiler.start')
  const t0 = performance.now()
  const result = await run()
  const ms = performance.now() - t0
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile }
  writeFileSync(file, JSON.stringify(profile))
  return { result, profile, ms }
}

async function main(): Promise<void> {
  const cases = Number(process.env.PROFILE_CASES ?? 200)
  const extraDue = Number(process.env.PROFILE_DUE ?? 1_000)
  const top = Number(process.env.PROFILE_TOP ?? 30)
  const dir = resolve(process.env.PROFILE_DIR ?? join(tmpdir(), 'xingquan-profiles'))
  mkdirSync(dir, { recursive: true })
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL
  let drop = async () => {}
  let url: string | undefined
  if (serverUrl) {
    const name = `xq_profile_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const u = new URL(serverUrl)
    u.pathname = `/${name}`
    url = u.toString()
    drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`drop database if exists ${name}`)
      await c.end()
    }
  }
  const clients = 8
  const server = await startServer({ url, dataDir: 'memory', poolSize: clients + 4 }, { port: 0 })
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  try {
    const rt = server.runtime
    const { token } = await issueToken(rt.db, { subject: 'profile', role: 'officer', jurisdiction: DEPARTMENT.jurisdiction, department: DEPARTMENT.code }, 'profile')
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      if (res.status !== 201) throw new Error(`profile: ${path} answered ${res.status}: ${await res.text()}`)
    }
    let next = 0
    const append = await profiled(session, join(dir, 'append.cpuprofile'), () =>
      Promise.all(
        Array.from({ length: clients }, async () => {
          for (let i = next++; i < cases; i = next++) {
            const caseId = `profile-api-${String(i).padStart(6, '0')}`
            await post('/cases', { caseId, event: acceptedEvent(`PROFILE-${i}`) })
            for (const e of laterEvents()) await post(`/cases/${caseId}/events`, e)
          }
        }),
      ),
    )
    const events = cases * (1 + laterEvents().length)
    console.log(`== append through the API (${rt.dialect}): ${events} events in ${append.ms.toFixed(0)} ms, ${Math.round(events / (append.ms / 1000))} events/s; ${join(dir, 'append.cpuprofile')}`)
    console.log(summarize(append.profile, top))

    const admin: Principal = { tokenId: 'profile', subject: 'profile', role: 'regionAdmin', jurisdiction: '510000', department: null }
    for (let i = 0; i < extraDue; i++) await appendEvent(rt, admin, `profile-due-${String(i).padStart(6, '0')}`, acceptedEvent(`DUE-${i}`))
    const now = new Date('2025-11-05T12:00:00+08:00')
    const sweep = await profiled(session, join(dir, 'sweep.cpuprofile'), () => Promise.all([sweepDue(rt, { now }), sweepDue(rt, { now })]))
    const evaluated = sweep.result.reduce((n, r) => n + r.evaluated, 0)
    console.log(`\n== sweep (${rt.dialect}): ${evaluated} cases in ${sweep.ms.toFixed(0)} ms, ${Math.round(evaluated / (sweep.ms / 1000))} cases/s; ${join(dir, 'sweep.cpuprofile')}`)
    console.log(summarize(sweep.profile, top))
  } finally {
    session.disconnect()
    await server.close()
    await drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
