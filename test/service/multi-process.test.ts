/**
 * Two `xingquan serve` processes on one PostgreSQL: a pack activated and a token revoked through one take effect on
 * the other within a second (LISTEN/NOTIFY); both sweep, no due case is swept twice, no notice number repeats.
 * Runs only when TEST_DATABASE_URL (or DATABASE_URL) names a PostgreSQL server.
 */
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueToken } from '../../src/service/tokens.js'
import { openDatabase, type OpenDatabase } from '../../src/store/open-database.js'
import { scratchDatabase, type ScratchDatabase } from '../../src/store/scratch-database.js'
import type { RulePack } from '../../src/types/generated.js'
import { type ServeProcess, serveProcess } from '../support/serve-process.js'
import { accepted, LIXIAN_MARKET, stepStarted } from './helpers/cases.js'

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
const shipped = JSON.parse(
  readFileSync(new URL('../../rules/sichuan/electronic-supervision.pack.json', import.meta.url), 'utf8'),
) as RulePack

interface Serving extends ServeProcess {
  /** The sweep batches this process logged: cases it evaluated. */
  swept(): number
}

/** Starts `xingquan serve` on the database, sweeping every second, and counts the cases its sweep batches evaluated. */
async function serve(databaseUrl: string): Promise<Serving> {
  let swept = 0
  const s = await serveProcess(databaseUrl, {
    args: ['--sweep-seconds', '1'],
    logLevel: 'info',
    onLine: (line) => {
      if (line.startsWith('{') && line.includes('"sweep"'))
        swept += (JSON.parse(line) as { sweep: { evaluated: number } }).sweep.evaluated
    },
  })
  return { ...s, swept: () => swept }
}

const until = async (what: () => Promise<boolean>, ms: number): Promise<number> => {
  const t0 = Date.now()
  while (!(await what())) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
  return Date.now() - t0
}

describe.skipIf(serverUrl === undefined)('two server processes on one PostgreSQL', () => {
  let scratch: ScratchDatabase
  let db: OpenDatabase
  let a: Serving
  let b: Serving
  let admin: string
  let officer: string
  const call = (s: Serving, token: string, method: string, path: string, body?: unknown) =>
    fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  beforeAll(async () => {
    scratch = await scratchDatabase(serverUrl!, 'xq_test')
    a = await serve(scratch.url) // migrates and installs the shipped packs first
    b = await serve(scratch.url)
    db = await openDatabase({ url: scratch.url })
    admin = (await issueToken(db.db, { subject: 'legal', role: 'regionAdmin', jurisdiction: '510000' }, 'test')).token
    officer = (
      await issueToken(
        db.db,
        { subject: 'wang', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
  }, 180_000)

  afterAll(async () => {
    for (const s of [a, b]) s?.child.kill('SIGTERM')
    await Promise.all(
      [a, b].map((s) => s && new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))),
    )
    await db?.close()
    await scratch?.drop()
  }, 60_000)

  it('both sweep the due cases, none is swept twice, and no notice number repeats', async () => {
    // cases of 2025, long overdue: each one's due moment is swept once, with its red alarm's notice
    const ids = Array.from({ length: 120 }, (_, i) => `mp-${String(i).padStart(3, '0')}`)
    for (const [i, caseId] of ids.entries()) {
      const s = i % 2 === 0 ? a : b
      expect((await call(s, officer, 'POST', '/cases', { caseId, event: accepted() })).status).toBe(201)
      expect(
        (
          await call(
            s,
            officer,
            'POST',
            `/cases/${caseId}/events`,
            stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'),
          )
        ).status,
      ).toBe(201)
    }
    await until(
      async () =>
        Number(
          (await sql<{ n: number }>`select count(*)::int as n from cases where next_change_at <= now()`.execute(db.db))
            .rows[0]!.n,
        ) === 0,
      60_000,
    )
    const { rows } = await sql<{ swept: number; moments: number; problems: number }>`
      select (select count(*)::int from evaluations where cause = 'sweep') as swept,
             (select count(distinct (case_id, at, sequence))::int from evaluations where cause = 'sweep') as moments,
             (select count(*)::int from case_problems) as problems`.execute(db.db)
    expect(rows[0]!.swept).toBeGreaterThanOrEqual(ids.length)
    expect(rows[0]!.moments).toBe(rows[0]!.swept)
    expect(rows[0]!.problems).toBe(0)
    // what the two processes say they swept is what was recorded: no case was evaluated by both
    await until(async () => a.swept() + b.swept() === rows[0]!.swept, 5_000)
    const numbers = await sql<{
      n: number
      distinct: number
    }>`select count(*)::int as n, count(distinct (organ, number))::int as distinct from notices where number is not null`.execute(
      db.db,
    )
    expect(numbers.rows[0]!.n).toBeGreaterThan(0)
    expect(numbers.rows[0]!.distinct).toBe(numbers.rows[0]!.n)
  }, 120_000)

  it('a pack activated through one process is in force on the other within a second', async () => {
    const inForce = async (s: Serving) =>
      ((await (await call(s, admin, 'GET', `/rule-packs/${shipped.id}`)).json()) as { inForce: string }).inForce
    const pack = structuredClone(shipped) as RulePack & { rules: { version: number; title: string }[] }
    pack.rules[0]!.version += 1
    pack.rules[0]!.title = `${pack.rules[0]!.title}（多进程）`
    const res = await call(a, admin, 'POST', '/rule-packs/activate', { pack, note: 'two processes' })
    expect(res.status).toBe(201)
    const { activation } = (await res.json()) as { activation: { version: string } }
    expect(await inForce(a)).toBe(activation.version)
    const ms = await until(async () => (await inForce(b)) === activation.version, 1000)
    expect(ms).toBeLessThan(1000)
  }, 30_000)

  it('a token revoked through one process is refused by the other within a second', async () => {
    const { token, principal } = await issueToken(
      db.db,
      { subject: 'temp', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
      'test',
    )
    expect((await call(b, token, 'GET', '/whoami')).status).toBe(200)
    expect((await call(a, admin, 'POST', `/tokens/${principal.tokenId}/revoke`, { reason: '离职' })).status).toBe(200)
    const ms = await until(async () => (await call(b, token, 'GET', '/whoami')).status === 401, 1000)
    expect(ms).toBeLessThan(1000)
  }, 30_000)
})
