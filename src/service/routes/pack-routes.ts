/** Routes of rule packs: list with what is in force, validate, activate, diff two versions. */
import { Hono } from 'hono'
import { activations, packContent, packVersions } from '../../store/pack-store.js'
import type { RuleExample } from '../../types/generated.js'
import { readJson, type Env } from '../http-context.js'
import { checkBody } from '../input-validator.js'
import { activatePack, checkPack, diffPacks } from '../pack-service.js'
import { notFound, ServiceError } from '../service-error.js'

export const packRoutes = new Hono<Env>()

type Activation = { pack?: unknown; version?: string; examples?: RuleExample[]; note?: string }

packRoutes.get('/', async (c) => {
  const rt = c.get('runtime')
  const inForce = new Map(rt.env().packs.map((p) => [p.pack.id, p.version]))
  const versions = await packVersions(rt.db)
  return c.json({ packs: versions.map((v) => ({ ...v, active: inForce.get(v.packId) === v.version })) })
})

packRoutes.post('/validate', async (c) => {
  const body = checkBody<Activation>('pack-activation', await readJson(c))
  const rt = c.get('runtime')
  const pack = body.pack ?? (body.version ? await packContent(rt.db, body.version) : undefined)
  if (pack === undefined)
    throw notFound('PACK', `没有版本为 ${body.version} 的规则包`, `no rule pack has version ${body.version}`)
  const check = await checkPack(rt, pack, body.examples ?? [])
  return c.json(check, check.valid ? 200 : 422)
})

packRoutes.post('/activate', async (c) => {
  const body = checkBody<Activation>('pack-activation', await readJson(c))
  const { activation, check } = await activatePack(c.get('runtime'), c.get('principal'), body)
  return c.json({ activation, check }, 201)
})

packRoutes.get('/diff', async (c) => {
  const { from, to } = c.req.query()
  if (!from || !to)
    throw new ServiceError(400, {
      code: 'PARAMETER_MISSING',
      zh: '请给出 from 和 to 两个版本',
      en: 'give both versions: from and to',
    })
  return c.json(await diffPacks(c.get('runtime'), from, to))
})

packRoutes.get('/:packId', async (c) => {
  const rt = c.get('runtime')
  const id = c.req.param('packId')
  const versions = await packVersions(rt.db, id)
  if (versions.length === 0) throw notFound('PACK', `没有规则包 ${id}`, `no rule pack ${id}`)
  return c.json({
    packId: id,
    inForce: rt.env().packs.find((p) => p.pack.id === id)?.version ?? null,
    versions,
    activations: await activations(rt.db, id),
  })
})

packRoutes.get('/:packId/versions/:version', async (c) => {
  const content = await packContent(c.get('runtime').db, c.req.param('version'))
  if (!content || content.id !== c.req.param('packId'))
    throw notFound('PACK', `没有该版本`, `no such version of ${c.req.param('packId')}`)
  return c.json(content)
})
