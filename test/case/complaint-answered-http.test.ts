import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { accepted, event } from '../support/case-builder.js'
import { apiCaller, issueAs } from '../service/helpers/api-caller.js'
import { TARGETS } from '../service/helpers/targets.js'

const CASE = 'lx-complaint-http-1'

describe.each(TARGETS)('a reply to a complaint through the API on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const tokens: Record<string, string> = {}
  const call = apiCaller(() => app, tokens)

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    await issueAs(rt, tokens, 'officer', {
      subject: 'u-li',
      role: 'officer',
      jurisdiction: '513222',
      department: 'lx-scjgj',
    })
    await issueAs(rt, tokens, 'supervisor', { subject: 'u-jc', role: 'supervisor', jurisdiction: '513222' })
    await issueAs(rt, tokens, 'auditor', { subject: 'u-sj', role: 'auditor', jurisdiction: '513222' })
    const created = await call('officer', 'POST', '/cases', { caseId: CASE, event: accepted('2026-11-02') })
    expect(created.status).toBe(201)
  }, 60_000)
  afterAll(() => rt?.close())

  it('lets the supervisory organ record the complaint and its reply, and refuses what cannot be', async () => {
    const supervisor = { id: 'u-jc', name: '赵监察' }
    const complaint = event('2026-11-12', {
      id: 'k1',
      type: 'complaintReceived',
      kind: 'complaint',
      realName: false,
      content: '窗口态度差',
      actor: supervisor,
    })
    expect((await call('supervisor', 'POST', `/cases/${CASE}/events`, complaint)).status).toBe(201)

    // the schema asks how it was handled
    const bare = event('2026-11-16', { type: 'complaintAnswered', complaintId: 'k1', actor: supervisor } as never)
    expect((await call('supervisor', 'POST', `/cases/${CASE}/events`, bare)).status).toBe(400)

    const stranger = event('2026-11-16', {
      type: 'complaintAnswered',
      complaintId: 'k9',
      handling: '已核实',
      actor: supervisor,
    })
    const refused = await call('supervisor', 'POST', `/cases/${CASE}/events`, stranger)
    expect(refused.status).toBe(422)
    expect(refused.body.problems[0]).toMatchObject({ code: 'COMPLAINT_UNKNOWN' })
    expect(refused.body.problems[0].zh).toContain('办件没有编号为“k9”的投诉')
    expect(refused.body.problems[0].en).toContain('no complaint (complaintReceived) with id "k9"')

    const reply = event('2026-11-16', {
      type: 'complaintAnswered',
      complaintId: 'k1',
      handling: '已约谈窗口人员并告知投诉人',
      actor: supervisor,
    })
    // an auditor reads, never writes
    expect((await call('auditor', 'POST', `/cases/${CASE}/events`, reply)).status).toBe(403)
    expect((await call('supervisor', 'POST', `/cases/${CASE}/events`, reply)).status).toBe(201)
    const listed = (await call('auditor', 'GET', `/cases/${CASE}/events`)).body.events
    expect(listed.map((e: { event: { type: string } }) => e.event.type)).toEqual([
      'accepted',
      'complaintReceived',
      'complaintAnswered',
    ])
    const again = await call('supervisor', 'POST', `/cases/${CASE}/events`, { ...reply, id: 'k1-reply-2' })
    expect(again.status).toBe(422)
    expect(again.body.problems[0]).toMatchObject({ code: 'COMPLAINT_ALREADY_ANSWERED' })
  })
})
