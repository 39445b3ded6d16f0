/** The API served over a real socket by @hono/node-server (PGlite): bodies read from the socket, and the 2 MiB limit. */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/service/serve.js'
import { issueToken } from '../../src/service/tokens.js'
import { accepted, LIXIAN_MARKET, stepStarted } from './helpers/cases.js'

/** One request on its own connection, the body sent as given: with its Content-Length, or chunked (no Content-Length). */
function send(
  url: string,
  options: {
    method: string
    path: string
    token?: string
    body?: string
    chunked?: boolean
    headers?: Record<string, string>
  },
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    }
    if (options.body !== undefined && !options.chunked)
      headers['content-length'] = String(Buffer.byteLength(options.body))
    const req = request(`${url}${options.path}`, { method: options.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', fail)
    })
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? undefined
        : fail(err),
    )
    if (options.body !== undefined) {
      if (options.chunked)
        for (let i = 0; i < options.body.length; i += 64 * 1024) req.write(options.body.slice(i, i + 64 * 1024))
      else req.write(options.body)
    }
    req.end()
  })
}

describe('the API over a socket', () => {
  let server: RunningServer
  let token = ''
  beforeAll(async () => {
    server = await startServer({ dataDir: 'memory' }, { port: 0 })
    token = (
      await issueToken(
        server.runtime.db,
        { subject: 'wang', role: 'officer', jurisdiction: LIXIAN_MARKET.jurisdiction, department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
  }, 60_000)
  afterAll(() => server?.close())

  const count = async () =>
    Number(
      (
        await server.runtime.db
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('reads JSON bodies sent with a length or chunked, UTF-8 included', async () => {
    const opened = await send(server.url, {
      method: 'POST',
      path: '/cases',
      token,
      body: JSON.stringify({ caseId: 'sock-1', event: accepted() }),
    })
    expect(opened.status).toBe(201)
    const chunked = await send(server.url, {
      method: 'POST',
      path: '/cases/sock-1/events',
      token,
      body: JSON.stringify(stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00')),
      chunked: true,
    })
    expect(chunked.status).toBe(201)
    const state = await send(server.url, { method: 'GET', path: '/cases/sock-1', token })
    expect(state.status).toBe(200)
    expect(state.body).toContain('理县某某食品店')
    const bad = await send(server.url, { method: 'POST', path: '/cases/sock-1/events', token, body: '{"id":' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).problems[0].code).toBe('JSON_INVALID')
  })

  it('refuses a body over 2 MiB with 413 BODY_TOO_LARGE and writes nothing, whether its length is declared or not', async () => {
    const before = await count()
    const big = JSON.stringify({ caseId: 'sock-big', event: { ...accepted(), note: 'x'.repeat(2 * 1024 * 1024) } })
    const declared = await send(server.url, { method: 'POST', path: '/cases', token, body: big })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body).problems[0].code).toBe('BODY_TOO_LARGE')
    const chunked = await send(server.url, { method: 'POST', path: '/cases', token, body: big, chunked: true })
    expect(chunked.status).toBe(413)
    expect(JSON.parse(chunked.body).problems[0].code).toBe('BODY_TOO_LARGE')
    expect(await count()).toBe(before)
    // a GET has no body: its declared length is not looked at
    const get = await send(server.url, { method: 'GET', path: '/health', headers: { 'content-length': '0' } })
    expect(get.status).toBe(200)
  })
})
