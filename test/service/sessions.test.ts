import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../src/service/accounts.js'
import { createApp } from '../../src/service/app.js'
import { hashPassword, verifyPassword } from '../../src/service/password-hash.js'
import type { Runtime } from '../../src/service/runtime.js'
import { IDLE_LIMIT_MS } from '../../src/service/sessions.js'
import { signInDelayMs } from '../../src/service/sign-in.js'
import { accepted, LIXIAN_MARKET, LIXIAN_TAX } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

describe('passwords', () => {
  it('are stored as scrypt hashes with their own salt and checked against them', async () => {
    const a = await hashPassword('正确的马电池订书钉')
    const b = await hashPassword('正确的马电池订书钉')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('正确的马电池订书钉', a)).toBe(true)
    expect(await verifyPassword('正确的马电池订书钊', a)).toBe(false)
    expect(await verifyPassword('x', 'plain-text')).toBe(false)
  })

  it('slow repeated failures: none for two, then doubling up to 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9, 50].map(signInDelayMs)).toEqual([0, 0, 0, 500, 1000, 2000, 8000, 8000])
  })
})

describe.each(TARGETS)('people sign in on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  let now = new Date('2026-12-01T09:00:00+08:00')
  const PASSWORD = 'lixian-market-2026'
  const call = (
    cookie: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(path, {
      method,
      headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  /** Signs in and returns the cookie header to send back. */
  const signIn = async (userName: string, password: string) => {
    const res = await call(undefined, 'POST', '/session', { userName, password })
    return { res, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' }
  }

  beforeAll(async () => {
    rt = await target.open({ clock: () => now })
    app = createApp(rt)
    await createAccount(
      rt.db,
      null,
      {
        userName: 'admin',
        displayName: '管理员',
        password: 'admin-password-1',
        role: 'regionAdmin',
        jurisdiction: '510000',
      },
      'test',
    )
  }, 60_000)
  afterAll(() => rt?.close())

  it('gives an HttpOnly SameSite=Strict cookie, never a token in the body, and the person behind it', async () => {
    const { res, cookie } = await signIn('admin', 'admin-password-1')
    expect(res.status).toBe(200)
    const set = res.headers.get('set-cookie')!
    expect(set).toMatch(/^xq_session=[\w-]{40,};/)
    expect(set).toMatch(/HttpOnly/)
    expect(set).toMatch(/SameSite=Strict/)
    expect(set).not.toMatch(/Secure/)
    const body = await res.json()
    expect(JSON.stringify(body)).not.toContain(cookie.split('=')[1]!)
    expect(body).toMatchObject({ subject: 'admin', role: 'regionAdmin', displayName: '管理员' })
    expect((await (await call(cookie, 'GET', '/session')).json()).subject).toBe('admin')
    expect((await call(cookie, 'GET', '/cases')).status).toBe(200)
    const https = await app.request('/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ userName: 'admin', password: 'admin-password-1' }),
    })
    expect(https.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('lets an administrator open accounts only within their scope, and records who opened them', async () => {
    const { cookie } = await signIn('admin', 'admin-password-1')
    const res = await call(cookie, 'POST', '/accounts', {
      userName: 'lx.dept',
      displayName: '李主任',
      password: 'dept-admin-pass',
      role: 'departmentAdmin',
      jurisdiction: '513222',
      department: LIXIAN_MARKET.code,
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      userName: 'lx.dept',
      enabled: true,
      createdBy: expect.stringMatching(/^admin \(regionAdmin, ses_/),
    })
    const dept = (await signIn('lx.dept', 'dept-admin-pass')).cookie
    const officer = await call(dept, 'POST', '/accounts', {
      userName: 'wang',
      displayName: '王芳',
      password: PASSWORD,
      role: 'officer',
      jurisdiction: '513222',
      department: LIXIAN_MARKET.code,
    })
    expect(officer.status).toBe(201)
    const elsewhere = await call(dept, 'POST', '/accounts', {
      userName: 'zhao',
      displayName: '赵',
      password: PASSWORD,
      role: 'officer',
      jurisdiction: '513222',
      department: LIXIAN_TAX.code,
    })
    expect(elsewhere.status).toBe(403)
    const auditor = await call(dept, 'POST', '/accounts', {
      userName: 'shen',
      displayName: '沈',
      password: PASSWORD,
      role: 'auditor',
      jurisdiction: '513222',
    })
    expect(auditor.status).toBe(403)
    expect(
      (
        await call(dept, 'POST', '/accounts', {
          userName: 'wang',
          displayName: '王',
          password: PASSWORD,
          role: 'officer',
          jurisdiction: '513222',
          department: LIXIAN_MARKET.code,
        })
      ).status,
    ).toBe(409)
    const bad = await call(dept, 'POST', '/accounts', {
      userName: 'Bad Name',
      displayName: '',
      password: 'short',
      role: 'officer',
      jurisdiction: '513222',
      department: LIXIAN_MARKET.code,
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()).problems.map((p: { pointer: string }) => p.pointer).sort()).toEqual([
      '/displayName',
      '/password',
      '/userName',
    ])
    const listed = (await (await call(dept, 'GET', '/accounts')).json()).accounts.map(
      (a: { userName: string }) => a.userName,
    )
    expect(listed.sort()).toEqual(['lx.dept', 'wang'])
    expect((await call((await signIn('wang', PASSWORD)).cookie, 'GET', '/accounts')).status).toBe(403)
  })

  it('attributes a write to the signed-in person', async () => {
    const { cookie } = await signIn('wang', PASSWORD)
    const res = await call(cookie, 'POST', '/cases', { caseId: 'by-wang', event: accepted() })
    expect(res.status).toBe(201)
    const row = await rt.db
      .selectFrom('case_events')
      .select('recorded_by')
      .where('case_id', '=', 'by-wang')
      .executeTakeFirstOrThrow()
    expect(row.recorded_by).toMatch(/^wang \(officer, ses_[0-9a-f]+\)$/)
    const other = await call(
      cookie,
      'POST',
      '/cases',
      { caseId: 'cross', event: accepted() },
      { origin: 'https://evil.example' },
    )
    expect(other.status).toBe(403)
  })

  it('records failed sign-ins, answers them alike, and slows the name after repeated failures', async () => {
    const before = Date.now()
    for (let i = 0; i < 3; i++) {
      const res = await call(undefined, 'POST', '/session', { userName: 'wang', password: 'wrong' })
      expect(res.status).toBe(401)
      expect((await res.json()).problems[0].code).toBe('SIGN_IN_FAILED')
    }
    const unknown = await call(undefined, 'POST', '/session', { userName: 'nobody', password: 'x' })
    expect((await unknown.json()).problems[0].code).toBe('SIGN_IN_FAILED')
    // the fourth failure for wang within 15 minutes waits 0.5 s before it answers
    const t = Date.now()
    expect((await call(undefined, 'POST', '/session', { userName: 'wang', password: 'wrong' })).status).toBe(401)
    expect(Date.now() - t).toBeGreaterThanOrEqual(450)
    expect(Date.now() - before).toBeGreaterThanOrEqual(450)
    const attempts = await rt.db
      .selectFrom('sign_in_attempts')
      .select(['user_name', 'succeeded', 'reason'])
      .where('succeeded', '=', false)
      .execute()
    expect(attempts.filter((a) => a.user_name === 'wang').map((a) => a.reason)).toEqual(Array(4).fill('wrong password'))
    expect(attempts.find((a) => a.user_name === 'nobody')?.reason).toBe('unknown user')
  })

  it('ends a session after a working day idle, on sign-out, and when an administrator ends it', async () => {
    now = new Date('2026-12-02T09:00:00+08:00')
    const idle = (await signIn('wang', PASSWORD)).cookie
    now = new Date(now.getTime() + IDLE_LIMIT_MS - 60_000)
    expect((await call(idle, 'GET', '/session')).status).toBe(200)
    now = new Date(now.getTime() + IDLE_LIMIT_MS - 60_000)
    expect((await call(idle, 'GET', '/session')).status).toBe(200)
    now = new Date(now.getTime() + IDLE_LIMIT_MS + 60_000)
    const ended = await call(idle, 'GET', '/session')
    expect(ended.status).toBe(401)
    expect((await ended.json()).problems[0].code).toBe('SESSION_ENDED')

    const out = (await signIn('wang', PASSWORD)).cookie
    expect((await call(out, 'DELETE', '/session')).status).toBe(204)
    expect((await call(out, 'GET', '/session')).status).toBe(401)

    const ended2 = (await signIn('wang', PASSWORD)).cookie
    const admin = (await signIn('lx.dept', 'dept-admin-pass')).cookie
    const detail = await (await call(admin, 'GET', '/accounts/wang')).json()
    const live = detail.sessions.filter((s: { active: boolean }) => s.active)
    expect(live).toHaveLength(1)
    expect((await call(admin, 'POST', `/sessions/${live[0].id}/end`, { reason: '离岗' })).status).toBe(200)
    expect((await call(ended2, 'GET', '/session')).status).toBe(401)
    const record = await rt.db
      .selectFrom('session_records')
      .selectAll()
      .where('session_id', '=', live[0].id)
      .where('kind', '=', 'ended')
      .executeTakeFirstOrThrow()
    expect(record).toMatchObject({
      reason: '离岗',
      recorded_by: expect.stringMatching(/^lx\.dept \(departmentAdmin, ses_/),
    })
  })

  it('disables an account as a new record, ends its sessions and refuses its sign-in', async () => {
    const wang = (await signIn('wang', PASSWORD)).cookie
    const admin = (await signIn('lx.dept', 'dept-admin-pass')).cookie
    const res = await call(admin, 'POST', '/accounts/wang/disable', { reason: '调离本部门' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ enabled: false, disabled: { reason: '调离本部门' } })
    expect((await call(wang, 'GET', '/session')).status).toBe(401)
    expect((await signIn('wang', PASSWORD)).res.status).toBe(401)
    const records = await rt.db
      .selectFrom('account_records')
      .select(['change'])
      .where('user_name', '=', 'wang')
      .orderBy('id')
      .execute()
    expect(records.map((r) => r.change)).toEqual(['created', 'disabled'])
    await expect(
      rt.db.updateTable('account_records').set({ reason: 'x' }).where('user_name', '=', 'wang').execute(),
    ).rejects.toThrow(/refused/)
    await expect(rt.db.deleteFrom('sign_in_attempts').execute()).rejects.toThrow(/refused/)
    expect((await call(admin, 'POST', '/accounts/admin/disable', { reason: 'x' })).status).toBe(404)
  })
})
