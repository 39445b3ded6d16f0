import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { issueToken, principalOf, revokeToken, TokenCache } from '../../src/service/tokens.js'
import { accepted, LIXIAN_MARKET, LIXIAN_TAX, stepStarted } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

describe.each(TARGETS)('tokens: lifetime, revocation, scope on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const tokens = { admin: '', aba: '', deptAdmin: '', market: '', tax: '' }
  const ids = { market: '', chengdu: '' }
  const call = (a: ReturnType<typeof createApp>, token: string, method: string, path: string, body?: unknown) =>
    a.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    tokens.admin = (
      await issueToken(rt.db, { subject: 'admin', role: 'regionAdmin', jurisdiction: '510000' }, 'test')
    ).token
    tokens.aba = (
      await issueToken(rt.db, { subject: 'aba', role: 'regionAdmin', jurisdiction: '513200' }, 'test')
    ).token
    tokens.deptAdmin = (
      await issueToken(
        rt.db,
        { subject: 'da', role: 'departmentAdmin', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
    const market = await issueToken(
      rt.db,
      { subject: 'wang', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
      'test',
    )
    tokens.market = market.token
    ids.market = market.principal.tokenId
    tokens.tax = (
      await issueToken(
        rt.db,
        { subject: 'li', role: 'officer', jurisdiction: '513222', department: LIXIAN_TAX.code },
        'test',
      )
    ).token
    ids.chengdu = (
      await issueToken(rt.db, { subject: 'cd', role: 'auditor', jurisdiction: '510100' }, 'test')
    ).principal.tokenId
    expect(
      (
        await call(app, tokens.tax, 'POST', '/cases', {
          caseId: 'tk-tax',
          event: accepted({ department: LIXIAN_TAX, serial: 'LX-TAX-9' }),
        })
      ).status,
    ).toBe(201)
  }, 60_000)
  afterAll(() => rt?.close())

  it('issues tokens for 90 days unless the issuer asks for fewer, and refuses an expired one', async () => {
    const now = Date.now()
    const issued = await (
      await call(app, tokens.admin, 'POST', '/tokens', { subject: 'zhao', role: 'auditor', jurisdiction: '513200' })
    ).json()
    expect(Date.parse(issued.expiresAt) - now).toBeGreaterThan(89.9 * 86_400_000)
    expect(Date.parse(issued.expiresAt) - now).toBeLessThan(90.1 * 86_400_000)
    const short = await (
      await call(app, tokens.admin, 'POST', '/tokens', {
        subject: 'qian',
        role: 'auditor',
        jurisdiction: '513200',
        lifetimeDays: 1,
      })
    ).json()
    expect(Date.parse(short.expiresAt) - now).toBeLessThan(1.1 * 86_400_000)
    expect(
      (
        await call(app, tokens.admin, 'POST', '/tokens', {
          subject: 'x',
          role: 'auditor',
          jurisdiction: '513200',
          lifetimeDays: 0,
        })
      ).status,
    ).toBe(400)

    const old = await issueToken(
      rt.db,
      { subject: 'old', role: 'auditor', jurisdiction: '513200' },
      'test',
      new Date(now - 91 * 86_400_000),
    )
    expect(await principalOf(rt.db, old.token)).toBeUndefined()
    expect((await call(app, old.token, 'GET', '/whoami')).status).toBe(401)
    // a cached token stops at its expiry too
    const cache = new TokenCache()
    const soon = await issueToken(
      rt.db,
      { subject: 'soon', role: 'auditor', jurisdiction: '513200', lifetimeDays: 1 },
      'test',
      new Date(Date.now() - 86_400_000 + 1500),
    )
    expect(await principalOf(rt.db, soon.token, cache)).toBeDefined()
    await new Promise((done) => setTimeout(done, 1600))
    expect(await principalOf(rt.db, soon.token, cache)).toBeUndefined()
  })

  it('lets a region admin revoke a token of its territory, once, and no one else', async () => {
    expect((await call(app, tokens.deptAdmin, 'POST', `/tokens/${ids.market}/revoke`, {})).status).toBe(403)
    expect((await call(app, tokens.aba, 'POST', `/tokens/${ids.chengdu}/revoke`, {})).status).toBe(404)
    expect((await call(app, tokens.aba, 'POST', '/tokens/tok_000000000000/revoke', {})).status).toBe(404)

    // another process: its own cache, warmed with the token before the revocation
    const other = createApp({ ...rt, tokens: new TokenCache() })
    expect((await call(other, tokens.market, 'GET', '/whoami')).status).toBe(200)
    expect((await call(app, tokens.market, 'GET', '/whoami')).status).toBe(200)

    const res = await call(app, tokens.aba, 'POST', `/tokens/${ids.market}/revoke`, { reason: '调离岗位' })
    expect(res.status).toBe(200)
    const revocation = await res.json()
    expect(revocation).toMatchObject({
      tokenId: ids.market,
      reason: '调离岗位',
      revokedBy: expect.stringMatching(/^aba \(regionAdmin/),
    })
    expect(await (await call(app, tokens.admin, 'POST', `/tokens/${ids.market}/revoke`, {})).json()).toEqual(revocation)

    expect((await call(app, tokens.market, 'GET', '/whoami')).status).toBe(401)
    await new Promise((done) => setTimeout(done, 1000))
    expect((await call(other, tokens.market, 'GET', '/whoami')).status).toBe(401)
  })

  it('trusts a verified token until it is revoked once revocations are announced, and forgets all when they stop', async () => {
    const { token, principal } = await issueToken(
      rt.db,
      { subject: 'li', role: 'auditor', jurisdiction: '513200' },
      'test',
    )
    const rechecking = new TokenCache()
    const trusting = new TokenCache()
    trusting.trustUntilRevoked()
    expect(await principalOf(rt.db, token, rechecking)).toBeDefined()
    expect(await principalOf(rt.db, token, trusting)).toBeDefined()
    // recorded, not yet announced to either cache
    await revokeToken(rt.db, principal.tokenId, 'test', null)
    await new Promise((done) => setTimeout(done, 600))
    expect(await principalOf(rt.db, token, rechecking)).toBeUndefined()
    expect(await principalOf(rt.db, token, trusting)).toMatchObject({ tokenId: principal.tokenId })
    // the notifications were interrupted: nothing known is trusted any more
    trusting.clear()
    expect(await principalOf(rt.db, token, trusting)).toBeUndefined()
    // announced: forgotten at once
    const other = await issueToken(rt.db, { subject: 'zhao', role: 'auditor', jurisdiction: '513200' }, 'test')
    expect(await principalOf(rt.db, other.token, trusting)).toBeDefined()
    await revokeToken(rt.db, other.principal.tokenId, 'test', null)
    trusting.forget(other.principal.tokenId)
    expect(await principalOf(rt.db, other.token, trusting)).toBeUndefined()
  })

  it("answers a write to a case outside the token's scope exactly as a write to a case that does not exist", async () => {
    const officer = (
      await issueToken(
        rt.db,
        { subject: 'zhou', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
    const event = stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00')
    const outside = await call(app, officer, 'POST', '/cases/tk-tax/events', event)
    const missing = await call(app, officer, 'POST', '/cases/tk-none/events', event)
    expect(outside.status).toBe(404)
    expect(missing.status).toBe(404)
    const text = async (r: Response, id: string) => JSON.stringify(await r.json()).replaceAll(id, 'ID')
    expect(await text(outside, 'tk-tax')).toBe(await text(missing, 'tk-none'))
    expect(
      (await rt.db.selectFrom('case_events').select('sequence').where('case_id', '=', 'tk-tax').execute()).length,
    ).toBe(1)
  })
})
