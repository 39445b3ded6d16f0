import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { apiCaller, issueAs } from './helpers/api-caller.js'
import { TARGETS } from './helpers/targets.js'

const PACK_ID = 'sc.electronic-supervision'

describe.each(TARGETS)('withdrawing a draft on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const tokens: Record<string, string> = {}
  const call = apiCaller(() => app, tokens)

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    const issue = (name: string, spec: Parameters<typeof issueAs>[3]) => issueAs(rt, tokens, name, spec)
    await issue('legal', { subject: 'zhang-fz', role: 'legalOfficer', jurisdiction: '510000' })
    await issue('other', { subject: 'liu-fz', role: 'legalOfficer', jurisdiction: '510000' })
    await issue('admin', { subject: 'li-admin', role: 'regionAdmin', jurisdiction: '510000' })
  }, 60_000)
  afterAll(() => rt?.close())

  it('appends a withdrawal with its reason and who withdrew; the draft stays readable and can no longer change', async () => {
    const draft = (await call('legal', 'POST', '/rule-packs/drafts', { packId: PACK_ID })).body
    const path = `/rule-packs/drafts/${draft.draftId}`
    expect((await call('legal', 'POST', `${path}/withdraw`, { reason: ' ' })).status).toBe(400)
    // another legal officer who did not write it may not withdraw it
    expect((await call('other', 'POST', `${path}/withdraw`, { reason: '重复' })).status).toBe(403)
    const withdrawn = await call('legal', 'POST', `${path}/withdraw`, { reason: '改由新的草稿起草' })
    expect(withdrawn.status).toBe(200)
    expect(withdrawn.body.status).toBe('withdrawn')
    expect(withdrawn.body.history.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'withdrawn'])
    expect(withdrawn.body.history.at(-1)).toMatchObject({
      kind: 'withdrawn',
      person: 'zhang-fz',
      note: '改由新的草稿起草',
    })
    // nothing removed: read back whole, its events kept; changing, submitting or withdrawing again is refused
    expect((await call('admin', 'GET', path)).body).toMatchObject({ status: 'withdrawn', pack: draft.pack })
    const rows = await rt.db
      .selectFrom('draft_events')
      .select('kind')
      .where('draft_id', '=', draft.draftId)
      .orderBy('seq')
      .execute()
    expect(rows.map((r) => r.kind)).toEqual(['opened', 'withdrawn'])
    expect((await call('legal', 'PUT', path, { pack: draft.pack })).status).toBe(409)
    expect((await call('legal', 'POST', `${path}/submit`, {})).status).toBe(409)
    expect((await call('legal', 'POST', `${path}/withdraw`, { reason: '再撤' })).status).toBe(409)
  })

  it('lets an administrator covering the pack withdraw a submitted draft', async () => {
    const draft = (await call('legal', 'POST', '/rule-packs/drafts', { packId: PACK_ID })).body
    const withdrawn = await call('admin', 'POST', `/rule-packs/drafts/${draft.draftId}/withdraw`, {
      reason: '规则包另有安排',
    })
    expect(withdrawn.status).toBe(200)
    expect(withdrawn.body.history.at(-1)).toMatchObject({ kind: 'withdrawn', person: 'li-admin' })
  })
})
