import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import { appendEvent } from '../../src/service/append-event.js'
import { createLogger, useServiceLog } from '../../src/service/logger.js'
import { openRuntime, type Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { issueToken } from '../../src/service/tokens.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'

/** A logger whose JSON lines land in an array. */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const l of String(chunk).split('\n')) if (l.trim() !== '') lines.push(JSON.parse(l))
      done()
    },
  })
  return { lines, log: createLogger({ level, destination }) }
}

describe('the service log', () => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await openRuntime({ dataDir: 'memory' })
  }, 60_000)
  afterAll(() => rt?.close())

  it("writes one JSON line per request: method, path, status, duration, the caller, and a failure's codes", async () => {
    const { lines, log } = capture()
    const app = createApp(rt, { log })
    const { token, principal } = await issueToken(
      rt.db,
      { subject: 'log-admin', role: 'regionAdmin', jurisdiction: '510000' },
      'test',
    )
    await app.request('/health')
    await app.request('/alerts', { headers: { authorization: `Bearer ${token}` } })
    await app.request('/alerts', { headers: { authorization: 'Bearer xq_nonsense' } })
    await app.request('/cases/nobody-1', { headers: { authorization: `Bearer ${token}` } })
    const requests = lines.filter((l) => l.msg === 'request')
    expect(requests).toHaveLength(4)
    expect(requests[0]).toMatchObject({ level: 30, method: 'GET', path: '/health', status: 200, principal: null })
    expect(requests[0]!.durationMs).toEqual(expect.any(Number))
    expect(requests[1]).toMatchObject({ path: '/alerts', status: 200, principal: principal.tokenId })
    expect(requests[1]).not.toHaveProperty('codes')
    expect(requests[2]).toMatchObject({ status: 401, principal: null, codes: [expect.stringMatching(/^[A-Z_]+$/)] })
    expect(requests[3]).toMatchObject({
      status: 404,
      principal: principal.tokenId,
      codes: [expect.stringMatching(/NOT_FOUND/)],
    })
  })

  it('logs each sweep batch with its counts and duration', async () => {
    const { lines, log } = capture()
    const before = useServiceLog(log)
    try {
      await appendEvent(rt, REGION_ADMIN, 'log-1', accepted({ at: '2025-09-26T09:30:00+08:00' }))
      await sweepDue(rt, { now: new Date('2026-01-05T01:00:00Z') })
    } finally {
      useServiceLog(before)
    }
    const batches = lines.filter((l) => l.msg === 'sweep batch')
    expect(batches.length).toBeGreaterThan(0)
    expect(batches[0]!.sweep).toMatchObject({
      batch: 1,
      due: expect.any(Number),
      evaluated: expect.any(Number),
      setAside: 0,
    })
    expect((batches[0]!.sweep as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0)
  })

  it('refuses a LOG_LEVEL it does not know instead of guessing', () => {
    expect(() => createLogger({ level: 'verbose' })).toThrow(/LOG_LEVEL "verbose"/)
    expect(capture('silent').log.level).toBe('silent')
  })
})
