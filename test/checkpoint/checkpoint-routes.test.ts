import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { issueToken } from '../../src/service/tokens.js'
import { accepted, LIXIAN_MARKET } from '../service/helpers/cases.js'
import { TARGETS } from '../service/helpers/targets.js'
import { asSuperuser } from '../support/superuser.js'

describe.each(TARGETS)('checkpoints over HTTP on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const tokens = { admin: '', auditor: '', officer: '', chengdu: '' }
  const call = (token: string | undefined, method: string, path: string) =>
    app.request(path, { method, headers: token ? { authorization: `Bearer ${token}` } : {} })

  beforeAll(async () => {
    rt = await target.open({ checkpointKey: 'memory' })
    app = createApp(rt)
    tokens.admin = (
      await issueToken(rt.db, { subject: 'admin', role: 'regionAdmin', jurisdiction: '510000' }, 'test')
    ).token
    tokens.auditor = (
      await issueToken(rt.db, { subject: 'auditor', role: 'auditor', jurisdiction: '513200' }, 'test')
    ).token
    tokens.chengdu = (await issueToken(rt.db, { subject: 'cd', role: 'auditor', jurisdiction: '510100' }, 'test')).token
    tokens.officer = (
      await issueToken(
        rt.db,
        { subject: 'wang', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
    const opened = await app.request('/cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.officer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ caseId: 'cp-http-1', event: accepted() }),
    })
    expect(opened.status).toBe(201)
  }, 60_000)
  afterAll(() => rt?.close())

  it('serves the public key to anyone, and takes and lists checkpoints for those who check', async () => {
    const key = await (await call(undefined, 'GET', '/checkpoints/key')).json()
    expect(key).toEqual({ keyId: rt.checkpointKey().keyId, publicKey: expect.stringContaining('BEGIN PUBLIC KEY') })
    expect((await call(tokens.officer, 'POST', '/checkpoints')).status).toBe(403)
    expect((await call(undefined, 'POST', '/checkpoints')).status).toBe(401)
    const taken = await call(tokens.auditor, 'POST', '/checkpoints')
    expect(taken.status).toBe(201)
    const cp = await taken.json()
    expect(cp).toMatchObject({
      format: 'xingquan-checkpoint/1',
      cases: 1,
      keyId: key.keyId,
      root: expect.stringMatching(/^sha256:/),
    })
    const list = await (await call(tokens.admin, 'GET', '/checkpoints')).json()
    expect(list.map((d: { id: string }) => d.id)).toEqual([cp.id])
    expect(await (await call(tokens.admin, 'GET', `/checkpoints/${cp.id}`)).json()).toEqual(cp)
    expect((await call(tokens.admin, 'GET', '/checkpoints/cp-000000000000000000000000')).status).toBe(404)
  })

  it('verifies against a checkpoint given by id or as the document, and one case with its proof', async () => {
    const cp = await (await call(tokens.admin, 'POST', '/checkpoints')).json()
    const byId = await (await call(tokens.admin, 'GET', `/verify?checkpoint=${cp.id}`)).json()
    expect(byId).toMatchObject({ intact: true, signatureValid: true })
    const byDoc = await (
      await call(tokens.auditor, 'GET', `/verify?checkpoint=${encodeURIComponent(JSON.stringify(cp))}&case=cp-http-1`)
    ).json()
    expect(byDoc).toMatchObject({ intact: true, proof: { caseId: 'cp-http-1', valid: true } })
    // outside the caller's territory a case is answered as one that does not exist
    expect((await call(tokens.chengdu, 'GET', `/verify?checkpoint=${cp.id}&case=cp-http-1`)).status).toBe(404)
    const none = await (await call(tokens.admin, 'GET', `/verify?checkpoint=${cp.id}&case=nope`)).json()
    expect(none.broken).toEqual([expect.objectContaining({ code: 'CASE_NOT_FOUND', caseId: 'nope' })])
    expect((await call(tokens.admin, 'GET', '/verify?checkpoint={bad')).status).toBe(400)

    await asSuperuser(rt.db, (trx) =>
      trx.updateTable('cases').set({ head_seq: 1 }).where('case_id', '=', 'cp-http-1').execute(),
    )
    const after = await (await call(tokens.admin, 'GET', `/verify?checkpoint=${cp.id}`)).json()
    expect(after.intact).toBe(false)
    expect(after.broken).toContainEqual(expect.objectContaining({ caseId: 'cp-http-1', code: 'HEAD_MISMATCH' }))
  })
})
