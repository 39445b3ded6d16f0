import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { issueToken } from '../../src/service/tokens.js'
import { accepted, LIXIAN_MARKET, LIXIAN_TAX } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const item = {
  jurisdiction: '513222',
  item: {
    code: 'LX-XK-TEST-0001',
    name: '食品小作坊登记',
    powerType: 'licensing',
    department: { code: LIXIAN_MARKET.code, name: LIXIAN_MARKET.name },
    legalBasis: '《中华人民共和国食品安全法》第三十五条',
    listedOn: '2020-01-01',
  },
}
const CODE = item.item.code

describe.each(TARGETS)('the power catalog on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const t = { admin: '', marketAdmin: '', tax: '' }
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: await res.json() }
  }

  beforeAll(async () => {
    rt = await target.open({ clock: () => new Date('2026-04-30T12:00:00+08:00') })
    app = createApp(rt)
    t.admin = (
      await issueToken(rt.db, { subject: 'platform', role: 'regionAdmin', jurisdiction: '513200' }, 'test')
    ).token
    t.marketAdmin = (
      await issueToken(
        rt.db,
        { subject: 'zhang', role: 'departmentAdmin', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
    t.tax = (
      await issueToken(
        rt.db,
        { subject: 'zhao', role: 'officer', jurisdiction: '513222', department: LIXIAN_TAX.code },
        'test',
      )
    ).token
  }, 60_000)
  afterAll(() => rt?.close())

  it('lists, suspends and resumes an item, keeping every change with who made it', async () => {
    expect((await call(t.marketAdmin, 'POST', '/catalog', item)).status).toBe(403)
    expect(
      (await call(t.admin, 'POST', '/catalog', { ...item, item: { ...item.item, powerType: 'permit' } })).status,
    ).toBe(400)
    expect((await call(t.admin, 'POST', '/catalog', item)).status).toBe(201)
    expect((await call(t.admin, 'POST', '/catalog', item)).status).toBe(409)
    const suspended = await call(t.admin, 'POST', `/catalog/${CODE}/suspend`, {
      reason: '长期未使用（第二十一条）',
      on: '2026-04-01',
    })
    expect(suspended.body).toMatchObject({
      status: 'suspended',
      suspensions: [{ from: '2026-04-01', reason: '长期未使用（第二十一条）' }],
    })
    expect((await call(t.admin, 'POST', `/catalog/${CODE}/suspend`, { reason: 'again' })).status).toBe(409)
    const resumed = await call(t.admin, 'POST', `/catalog/${CODE}/resume`, {
      reason: '有执法案件产生',
      on: '2026-04-20',
    })
    expect(resumed.body).toMatchObject({ status: 'active', suspensions: [{ from: '2026-04-01', until: '2026-04-20' }] })
    expect(resumed.body.changes.map((c: { change: string }) => c.change)).toEqual(['listed', 'suspended', 'resumed'])
    expect(resumed.body.changes[1].recordedBy).toMatch(/^platform \(regionAdmin/)
    const codes = async (token: string) =>
      (await call(token, 'GET', '/catalog')).body.items.map((i: { code: string }) => i.code)
    expect(await codes(t.marketAdmin)).toContain(CODE)
    expect(await codes(t.tax)).not.toContain(CODE)
    expect((await codes(t.admin)).length).toBeGreaterThan((await codes(t.marketAdmin)).length)
    expect((await call(t.tax, 'GET', `/catalog/${CODE}`)).status).toBe(404)
  })

  it('judges cases against the catalog in its tables', async () => {
    expect(rt.env().catalog?.items.map((i) => i.code)).toContain(CODE)
    const officer = (
      await issueToken(
        rt.db,
        { subject: 'wang', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
    const listed = await call(officer, 'POST', '/cases', { caseId: 'cat-listed', event: accepted() })
    const unlisted = await call(officer, 'POST', '/cases', {
      caseId: 'cat-unlisted',
      event: accepted({ powerItemCode: 'SC-XK-9999' }),
    })
    const fired = async (r: { body: { evaluationSeq: number } }, caseId: string) =>
      (await call(officer, 'GET', `/cases/${caseId}/evaluations/${r.body.evaluationSeq}`)).body.firings.map(
        (f: { ruleId: string }) => f.ruleId,
      )
    expect(await fired(listed, 'cat-listed')).not.toContain('sc.platform.power-not-in-catalog')
    expect(await fired(unlisted, 'cat-unlisted')).toContain('sc.platform.power-not-in-catalog')
  })

  it('counts an adjustment request through the deadlines the packs in force declare', async () => {
    const requested = await call(t.marketAdmin, 'POST', '/catalog/adjustments', {
      step: 'requested',
      on: '2026-03-20',
      itemCode: CODE,
      kind: 'change',
      cause: 'law',
      causeOn: '2026-03-02',
      reason: '法规修订，办理时限调整',
    })
    expect(requested.status).toBe(201)
    const id = requested.body.id
    // in 2026 the Aba measures (20/10/15 working days) have lapsed: the province's 动态调整办法 applies, in calendar
    // days — 20 days from 3月2日 end on Sunday 3月22日, moved to Monday 3月23日 (民法典 第二百零三条); it sets no review limit
    expect(requested.body.deadlines.request).toMatchObject({
      due: '2026-03-23',
      done: '2026-03-20',
      late: false,
      days: 20,
      unit: 'calendar',
      citation: { article: '第三条' },
    })
    expect(requested.body.deadlines.review).toBeNull()
    expect(
      (await call(t.marketAdmin, 'POST', `/catalog/adjustments/${id}`, { step: 'reviewed', on: '2026-03-25' })).status,
    ).toBe(403)
    expect(
      (await call(t.admin, 'POST', `/catalog/adjustments/${id}`, { step: 'approved', on: '2026-03-25' })).status,
    ).toBe(409)
    await call(t.admin, 'POST', `/catalog/adjustments/${id}`, { step: 'reviewed', on: '2026-03-25', opinion: '同意' })
    const approved = await call(t.admin, 'POST', `/catalog/adjustments/${id}`, { step: 'approved', on: '2026-04-01' })
    // 第五条: 10 days from approval on 4月1日 end on Saturday 4月11日, moved to Monday 4月13日
    expect(approved.body.deadlines.publish).toMatchObject({
      due: '2026-04-13',
      done: null,
      late: true,
      citation: { article: '第五条' },
    })
    expect(approved.body.status).toBe('approved')
    expect((await call(t.tax, 'GET', '/catalog/adjustments')).body.adjustments).toHaveLength(0)
    expect((await call(t.marketAdmin, 'GET', '/catalog/adjustments')).body.adjustments).toHaveLength(1)
  })

  it('while the Aba measures were in force (2017-05-18 to 2019-05-18) their working-day limits applied', async () => {
    const requested = await call(t.marketAdmin, 'POST', '/catalog/adjustments', {
      step: 'requested',
      on: '2018-03-20',
      itemCode: CODE,
      kind: 'change',
      cause: 'law',
      causeOn: '2018-03-01',
      reason: '法规修订',
    })
    expect(requested.status).toBe(201)
    // 阿坝州办法 第十八条 20 working days from 3月1日; 第十九条 10 working days from the request, before 清明 2018
    expect(requested.body.deadlines.request).toMatchObject({
      due: '2018-03-29',
      late: false,
      unit: 'working',
      citation: { article: '第十八条' },
    })
    expect(requested.body.deadlines.review).toMatchObject({
      due: '2018-04-03',
      unit: 'working',
      citation: { article: '第十九条' },
    })
  })
})
