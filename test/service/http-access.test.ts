import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { issueToken } from '../../src/service/tokens.js'
import { accepted, LIXIAN_MARKET, LIXIAN_TAX, stepStarted } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

describe.each(TARGETS)('the HTTP API and its scopes on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const tokens = { admin: '', market: '', tax: '', abaAuditor: '', chengduSupervisor: '' }
  const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    const issue = async (
      name: keyof typeof tokens,
      role: 'regionAdmin' | 'departmentAdmin' | 'officer' | 'supervisor' | 'auditor',
      jurisdiction: string,
      department?: string,
    ) => {
      tokens[name] = (
        await issueToken(rt.db, { subject: name, role, jurisdiction, department: department ?? null }, 'test')
      ).token
    }
    await issue('admin', 'regionAdmin', '510000')
    await issue('market', 'officer', '513222', LIXIAN_MARKET.code)
    await issue('tax', 'officer', '513222', LIXIAN_TAX.code)
    await issue('abaAuditor', 'auditor', '513200')
    await issue('chengduSupervisor', 'supervisor', '510100')
    const market = await call(tokens.market, 'POST', '/cases', { caseId: 'http-market', event: accepted() })
    expect(market.status).toBe(201)
    const tax = await call(tokens.tax, 'POST', '/cases', {
      caseId: 'http-tax',
      event: accepted({ department: LIXIAN_TAX, serial: 'LX-TAX-1' }),
    })
    expect(tax.status).toBe(201)
  }, 60_000)
  afterAll(() => rt?.close())

  it('keeps /health and the OpenAPI document open, and everything else behind a token', async () => {
    expect((await call(undefined, 'GET', '/health')).status).toBe(200)
    const doc = await (await call(undefined, 'GET', '/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.schemas.CaseEvent.oneOf[0].$ref).toBe('#/components/schemas/CaseEvent_accepted')
    const res = await call(undefined, 'GET', '/cases')
    expect(res.status).toBe(401)
    expect((await res.json()).problems[0]).toMatchObject({
      code: 'UNAUTHORIZED',
      zh: expect.any(String),
      en: expect.any(String),
    })
    expect((await call('xq_wrong', 'GET', '/cases')).status).toBe(401)
  })

  it("does not let a department's token read another department's cases", async () => {
    expect((await call(tokens.market, 'GET', '/cases/http-market')).status).toBe(200)
    const res = await call(tokens.market, 'GET', '/cases/http-tax')
    expect(res.status).toBe(404)
    expect((await res.json()).problems[0].code).toBe('CASE_NOT_FOUND')
    for (const path of [
      '/cases/http-tax/events',
      '/cases/http-tax/evaluations',
      '/cases/http-tax/evaluations/2',
      '/cases/http-tax/notices',
    ]) {
      expect((await call(tokens.market, 'GET', path)).status, path).toBe(404)
    }
    const list = await (await call(tokens.market, 'GET', '/cases')).json()
    expect(list.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['http-market'])
  })

  it("does not let a department's token write to another department's case", async () => {
    // answered as a case that does not exist (a 403 would tell that it does)
    const res = await call(
      tokens.market,
      'POST',
      '/cases/http-tax/events',
      stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'),
    )
    expect(res.status).toBe(404)
    const open = await call(tokens.market, 'POST', '/cases', {
      caseId: 'http-other',
      event: accepted({ department: LIXIAN_TAX }),
    })
    expect(open.status).toBe(403)
    expect((await call(tokens.admin, 'GET', '/cases/http-other')).status).toBe(404)
  })

  it('scopes region-wide roles by territory, and keeps auditors read-only', async () => {
    expect((await call(tokens.abaAuditor, 'GET', '/cases/http-tax')).status).toBe(200)
    expect((await call(tokens.abaAuditor, 'GET', '/cases/http-tax/evaluations/2')).status).toBe(200)
    expect((await call(tokens.chengduSupervisor, 'GET', '/cases/http-tax')).status).toBe(404)
    expect(
      (
        await call(
          tokens.abaAuditor,
          'POST',
          '/cases/http-tax/events',
          stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'),
        )
      ).status,
    ).toBe(403)
    expect(
      (await call(tokens.abaAuditor, 'POST', '/tokens', { subject: 'x', role: 'auditor', jurisdiction: '513200' }))
        .status,
    ).toBe(403)
  })

  it('records who made every write', async () => {
    const res = await call(
      tokens.market,
      'POST',
      '/cases/http-market/events',
      stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'),
    )
    expect(res.status).toBe(201)
    const events = await (await call(tokens.admin, 'GET', '/cases/http-market/events')).json()
    expect(events.events.map((e: { recordedBy: string }) => e.recordedBy)).toEqual([
      expect.stringMatching(/^market \(officer, tok_/),
      expect.stringMatching(/^market \(officer, tok_/),
    ])
    const issued = await call(tokens.admin, 'POST', '/tokens', {
      subject: 'li',
      role: 'officer',
      jurisdiction: '513222',
      department: LIXIAN_MARKET.code,
    })
    expect(issued.status).toBe(201)
    const row = await rt.db
      .selectFrom('access_tokens')
      .selectAll()
      .where('subject', '=', 'li')
      .executeTakeFirstOrThrow()
    expect(row.created_by).toMatch(/^admin \(regionAdmin, tok_/)
    expect(row.token_hash).not.toContain((await issued.json()).token)
  })

  it('answers malformed JSON and invalid bodies with 400, and writes nothing', async () => {
    const before = await rt.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const broken = await call(tokens.market, 'POST', '/cases/http-market/events', '{"id": "e3", ')
    expect(broken.status).toBe(400)
    expect((await broken.json()).problems[0].code).toBe('JSON_INVALID')
    const invalid = await call(tokens.market, 'POST', '/cases', {
      caseId: 'http-invalid',
      event: { ...accepted(), occurredAt: 'now' },
    })
    expect(invalid.status).toBe(400)
    const problems = (await invalid.json()).problems
    expect(problems[0]).toMatchObject({
      code: 'SCHEMA_INVALID',
      pointer: '/event/occurredAt',
      zh: expect.any(String),
      en: expect.any(String),
    })
    const after = await rt.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    expect((await call(tokens.admin, 'GET', '/cases/http-invalid')).status).toBe(404)
  })

  it('gives a case its state, its as-of evaluation, its trace and alerts', async () => {
    const c = await (await call(tokens.market, 'GET', '/cases/http-market?at=2025-11-03T09:00:00%2B08:00')).json()
    expect(c.state.status).toBe('open')
    expect(c.asOf.at).toBe('2025-11-03T09:00:00+08:00')
    expect(c.asOf.firings.some((f: { level: string }) => f.level === 'red')).toBe(true)
    const evaluations = await (await call(tokens.market, 'GET', '/cases/http-market/evaluations')).json()
    const one = await (
      await call(tokens.market, 'GET', `/cases/http-market/evaluations/${evaluations.evaluations[0].chainSeq}`)
    ).json()
    expect(one.facts.eventType).toBe('accepted')
    expect(one.hash).toMatch(/^sha256:/)
    const replay = await (
      await call(tokens.abaAuditor, 'GET', `/cases/http-market/evaluations/${one.chainSeq}/replay`)
    ).json()
    expect(replay.identical).toBe(true)
    const alerts = await (await call(tokens.market, 'GET', '/alerts')).json()
    expect(Array.isArray(alerts.alerts)).toBe(true)
  })

  it('answers unknown routes with a bilingual 404', async () => {
    const res = await call(tokens.admin, 'GET', '/nowhere')
    expect(res.status).toBe(404)
    expect((await res.json()).problems[0].code).toBe('NOT_FOUND')
  })
})
