import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import { appendEvent } from '../../src/service/append-event.js'
import { verifyWithReference } from '../../src/service/reference-verify.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { issueToken } from '../../src/service/tokens.js'
import { accepted, LIXIAN_MARKET, REGION_ADMIN, stepStarted } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

describe.each(TARGETS)('stored evaluations re-run through stock json-rules-engine on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    await appendEvent(rt, REGION_ADMIN, 'ref-1', accepted())
    await appendEvent(rt, REGION_ADMIN, 'ref-1', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
    await appendEvent(rt, REGION_ADMIN, 'ref-2', accepted({ serial: 'LX-REF-2' }))
    // time passes: the statutory limit runs out, and the sweep records evaluations that fire
    await sweepDue(rt, { now: new Date('2025-11-20T01:00:00Z') })
  }, 120_000)
  afterAll(() => rt?.close())

  it('finds every firing and trace identical, and names the rule and the row of each difference', async () => {
    const clean = await verifyWithReference(rt.db)
    expect(clean.evaluations).toBeGreaterThanOrEqual(4)
    expect(clean.differences).toEqual([])
    const fired = await rt.db
      .selectFrom('evaluations')
      .select(['chain_seq', 'firings'])
      .where('case_id', '=', 'ref-1')
      .execute()
    const withFirings = fired.filter((r) => (r.firings as unknown[]).length > 0)
    expect(withFirings.length).toBeGreaterThan(0)

    // an altered record (the guard trigger set aside for the test): one firing dropped, one trace entry changed
    const row = withFirings[withFirings.length - 1]!
    const firings = structuredClone(row.firings) as { ruleId: string; trace: { result: unknown }[] }[]
    const dropped = firings.shift()!
    const changed = firings[0]
    if (changed) changed.trace[0]!.result = 'not-evaluated'
    await sql`alter table evaluations disable trigger evaluations_no_change`.execute(rt.db)
    try {
      await sql`update evaluations set firings = ${JSON.stringify(firings)}::jsonb
        where case_id = 'ref-1' and chain_seq = ${row.chain_seq}`.execute(rt.db)
    } finally {
      await sql`alter table evaluations enable trigger evaluations_no_change`.execute(rt.db)
    }
    const report = await verifyWithReference(rt.db, { caseIds: ['ref-1'] })
    expect(report.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: 'ref-1',
          chainSeq: row.chain_seq,
          ruleId: dropped.ruleId,
          kind: 'onlyReference',
        }),
        ...(changed
          ? [expect.objectContaining({ chainSeq: row.chain_seq, ruleId: changed.ruleId, kind: 'trace' })]
          : []),
      ]),
    )
    expect((await verifyWithReference(rt.db, { caseIds: ['ref-2'] })).differences).toEqual([])
  }, 120_000)

  it('answers the auditor on GET /cases/{id}/reference, and refuses an officer', async () => {
    const app = createApp(rt)
    const auditor = (await issueToken(rt.db, { subject: 'aud', role: 'auditor', jurisdiction: '513222' }, 'test')).token
    const officer = (
      await issueToken(
        rt.db,
        { subject: 'off', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
    const ok = await app.request('/cases/ref-2/reference', { headers: { authorization: `Bearer ${auditor}` } })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ caseId: 'ref-2', identical: true, differences: [] })
    expect(
      (await app.request('/cases/ref-2/reference', { headers: { authorization: `Bearer ${officer}` } })).status,
    ).toBe(403)
    expect(
      (await app.request('/cases/nobody/reference', { headers: { authorization: `Bearer ${auditor}` } })).status,
    ).toBe(404)
  }, 60_000)
})
