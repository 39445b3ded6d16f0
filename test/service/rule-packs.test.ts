import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { issueToken } from '../../src/service/tokens.js'
import type { RulePack } from '../../src/types/generated.js'
import { accepted, LIXIAN_MARKET } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const shipped = JSON.parse(
  readFileSync(new URL('../../rules/sichuan/electronic-supervision.pack.json', import.meta.url), 'utf8'),
) as RulePack
const PACK_ID = shipped.id

/** The shipped pack with its first rule changed by `change`. */
function edited(change: (rule: Record<string, unknown>) => void): RulePack {
  const pack = structuredClone(shipped) as RulePack & { rules: Record<string, unknown>[] }
  change(pack.rules[0]!)
  return pack
}

describe.each(TARGETS)('rule packs by version on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  let admin: string
  let officer: string
  const call = (token: string, method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  const inForce = async () => (await (await call(admin, 'GET', `/rule-packs/${PACK_ID}`)).json()).inForce as string

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    admin = (await issueToken(rt.db, { subject: 'legal', role: 'regionAdmin', jurisdiction: '510000' }, 'test')).token
    officer = (
      await issueToken(
        rt.db,
        { subject: 'wang', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
  }, 60_000)
  afterAll(() => rt?.close())

  it('lists the shipped packs by content hash, activated by the release', async () => {
    const { packs } = await (await call(admin, 'GET', '/rule-packs')).json()
    const sc = packs.find((p: { packId: string }) => p.packId === PACK_ID)
    expect(sc).toMatchObject({
      active: true,
      version: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      storedBy: 'system',
    })
    const detail = await (await call(admin, 'GET', `/rule-packs/${PACK_ID}`)).json()
    expect(detail.activations[0]).toMatchObject({ activatedBy: 'system', version: sc.version })
  })

  it('refuses a pack that fails its schema, and keeps the one in force', async () => {
    const before = await inForce()
    const bad = edited((r) => delete r.citation)
    const check = await call(admin, 'POST', '/rule-packs/validate', { pack: bad })
    expect(check.status).toBe(422)
    expect((await check.json()).problems[0]).toMatchObject({ code: 'SCHEMA_INVALID', pointer: '/rules/0' })
    const res = await call(admin, 'POST', '/rule-packs/activate', { pack: bad })
    expect(res.status).toBe(422)
    expect(await inForce()).toBe(before)
  })

  it('refuses a pack that breaks an example that holds today, and keeps the one in force', async () => {
    const before = await inForce()
    const silenced = edited((r) => {
      r.version = (r.version as number) + 1
      r.conditions = { all: [{ fact: 'statutoryOverdue', operator: 'equal', value: 'never' }] }
    })
    const res = await call(admin, 'POST', '/rule-packs/activate', {
      pack: silenced,
      note: 'would silence the red alarm',
    })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.problems[0].code).toBe('PACK_REFUSED')
    expect(await inForce()).toBe(before)
  })

  it('lets only a region admin activate, records who and when, and evaluates new events under the new version', async () => {
    const before = await inForce()
    await call(officer, 'POST', '/cases', { caseId: 'rp-case', event: accepted() })
    const v = (shipped.rules[0] as { version: number }).version
    const renamed = edited((r) => {
      r.version = v + 1
      r.title = '超过法定时限（红灯报警，修订）'
    })
    expect((await call(officer, 'POST', '/rule-packs/activate', { pack: renamed })).status).toBe(403)
    const res = await call(admin, 'POST', '/rule-packs/activate', { pack: renamed, note: '标题修订' })
    expect(res.status).toBe(201)
    const { activation } = await res.json()
    expect(activation).toMatchObject({
      packId: PACK_ID,
      activatedBy: expect.stringMatching(/^legal \(regionAdmin/),
      note: '标题修订',
    })
    expect(await inForce()).toBe(activation.version)

    const diff = await (await call(admin, 'GET', `/rule-packs/diff?from=${before}&to=${activation.version}`)).json()
    expect(diff).toMatchObject({
      added: [],
      removed: [],
      changed: [{ ruleId: 'sc.deadline.statutory-overdue', fields: ['title', 'version'], versions: [v, v + 1] }],
    })

    const appended = await (
      await call(officer, 'POST', '/cases/rp-case/events', {
        id: 'e2',
        type: 'stepStarted',
        occurredAt: '2025-11-03T09:00:00+08:00',
        recordedAt: '2025-11-03T09:00:00+08:00',
        actor: { id: 'u', name: '王晓' },
        stepId: 'review',
      })
    ).json()
    const newer = await (await call(admin, 'GET', `/cases/rp-case/evaluations/${appended.evaluationSeq}`)).json()
    expect(newer.packs.map((p: { version: string }) => p.version)).toContain(activation.version)
    const red = newer.firings.find((f: { ruleId: string }) => f.ruleId === 'sc.deadline.statutory-overdue')
    expect(red).toMatchObject({ title: '超过法定时限（红灯报警，修订）', ruleVersion: v + 1 })

    // the first evaluation replays exactly under the version it used
    const older = await (await call(admin, 'GET', '/cases/rp-case/evaluations/2')).json()
    expect(older.packs.map((p: { version: string }) => p.version)).toContain(before)
    expect((await (await call(admin, 'GET', '/cases/rp-case/evaluations/2/replay')).json()).identical).toBe(true)
    expect(
      (await (await call(admin, 'GET', `/cases/rp-case/evaluations/${appended.evaluationSeq}/replay`)).json())
        .identical,
    ).toBe(true)

    // and a stored version can be activated again
    const back = await call(admin, 'POST', '/rule-packs/activate', { version: before, note: '恢复' })
    expect(back.status).toBe(201)
    expect(await inForce()).toBe(before)
  })
})
