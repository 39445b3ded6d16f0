import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alarmBoard } from '../../src/service/alarm-board.js'
import { appendEvent } from '../../src/service/append-event.js'
import { createApp } from '../../src/service/app.js'
import { plainNotice } from '../../src/service/notice-hook.js'
import { renderOutbox } from '../../src/service/outbox-renderer.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { breakingRenderer } from '../support/breaking-renderer.js'
import { apiCaller, issueAs } from './helpers/api-caller.js'
import { accepted, LIXIAN_MARKET, LIXIAN_TAX, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

describe.each(TARGETS)('the notices waiting in the outbox, as an auditor reads them, on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const failing = new Set(['wn-broken'])
  const tokens: Record<string, string> = {}
  const call = apiCaller(() => app, tokens)
  const now = new Date('2025-11-05T12:00:00+08:00')
  beforeAll(async () => {
    rt = await target.open({ notices: breakingRenderer(plainNotice, (caseId) => failing.has(caseId)) })
    app = createApp(rt)
    await issueAs(rt, tokens, 'auditor', { subject: 'shen', role: 'auditor', jurisdiction: '510000' })
    await issueAs(rt, tokens, 'tax', { subject: 'tax', role: 'officer', jurisdiction: '513222', department: 'lx-swj' })
    await appendEvent(rt, REGION_ADMIN, 'wn-broken', accepted({ department: LIXIAN_MARKET }))
    await appendEvent(rt, REGION_ADMIN, 'wn-fine', accepted({ department: LIXIAN_TAX, serial: 'LX-TAX-9' }))
  }, 60_000)
  afterAll(() => rt?.close())

  it('lists a notice whose rendering failed with its error, on the case and on the board, until it is rendered', async () => {
    const report = await sweepDue(rt, { now })
    expect(report.renderFailed).toMatchObject([{ caseId: 'wn-broken', code: 'NOTICE_RENDER_FAILED' }])
    expect(report.rendered).toBeGreaterThan(0)

    const listed = await call('auditor', 'GET', '/cases/wn-broken/notices')
    expect(listed.status).toBe(200)
    expect(listed.body.notices).toEqual([])
    expect(listed.body.waiting).toHaveLength(report.renderFailed.length)
    const [waiting] = listed.body.waiting
    expect(waiting).toEqual({
      evaluationSeq: expect.any(Number),
      ruleId: report.renderFailed[0]!.ruleId,
      title: expect.stringContaining('红灯报警'),
      level: 'red',
      evaluatedAt: '2025-11-05T00:00:00+08:00',
      attempts: 1,
      retrying: true,
      lastError: {
        code: 'NOTICE_RENDER_FAILED',
        zh: '文书模板渲染失败：red-alarm.hbs 第 12 行缺少 {{/if}}',
        en: 'the notice template failed to render: red-alarm.hbs line 12 lacks {{/if}}',
        at: expect.any(String),
      },
    })
    // the case whose notices were made has none waiting
    const fine = await call('auditor', 'GET', '/cases/wn-fine/notices')
    expect(fine.body.waiting).toEqual([])
    expect(fine.body.notices.length).toBeGreaterThan(0)
    // the same authorization as the notices: outside the token's scope, not found
    expect((await call('tax', 'GET', '/cases/wn-broken/notices')).status).toBe(404)

    // the board counts them in scope, lit or not, per case, in one answer
    const board = await alarmBoard(rt, REGION_ADMIN)
    expect(board.waiting).toEqual({
      notices: listed.body.waiting.length,
      cases: [{ caseId: 'wn-broken', serialNumber: expect.any(String), name: expect.any(String), notices: 1 }],
    })
    expect((await call('tax', 'GET', '/alerts/board')).body.waiting).toEqual({ notices: 0, cases: [] })
    expect((await alarmBoard(rt, REGION_ADMIN, { department: LIXIAN_TAX.code })).waiting.notices).toBe(0)

    // the template mended and the backoff passed: rendered once, no longer waiting
    failing.clear()
    expect(await renderOutbox(rt, { now: new Date(Date.now() + 2 * 60_000) })).toEqual({ rendered: 1, failed: [] })
    const after = await call('auditor', 'GET', '/cases/wn-broken/notices')
    expect(after.body.waiting).toEqual([])
    expect(after.body.notices).toMatchObject([{ evaluationSeq: waiting.evaluationSeq, ruleId: waiting.ruleId }])
    expect((await alarmBoard(rt, REGION_ADMIN)).waiting).toEqual({ notices: 0, cases: [] })
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })

  it('lists a notice not tried yet on its case, and leaves it off the board, which counts the failed ones', async () => {
    await appendEvent(rt, REGION_ADMIN, 'wn-later', accepted({ department: LIXIAN_MARKET, serial: 'LX-MKT-8' }))
    // the sweep numbers the notice and leaves it in the outbox; no renderer has tried it yet
    const report = await sweepDue(rt, { now, renderNotices: false })
    expect(report.notices).toBeGreaterThan(0)
    const listed = await call('auditor', 'GET', '/cases/wn-later/notices')
    expect(listed.body.waiting.length).toBe(report.notices)
    expect(listed.body.waiting[0]).toMatchObject({ attempts: 0, lastError: null, retrying: true })
    expect((await alarmBoard(rt, REGION_ADMIN)).waiting).toEqual({ notices: 0, cases: [] })
    // once a renderer takes it, it is issued
    expect((await renderOutbox(rt, { scope: 'all', now })).rendered).toBe(report.notices)
    expect((await call('auditor', 'GET', '/cases/wn-later/notices')).body.waiting).toEqual([])
  })
})
