/** Routes for who is calling, tokens, open alerts and the sweep on demand. */
import { Hono } from 'hono'
import { openAlerts } from '../case-reader.js'
import { readJson, type Env } from '../http-context.js'
import { checkBody } from '../input-validator.js'
import { mayIssue, recordedBy, requireRole, type Role } from '../principal.js'
import { forbidden } from '../service-error.js'
import { sweepDue } from '../sweep.js'
import { issueToken } from '../tokens.js'

export const adminRoutes = new Hono<Env>()

adminRoutes.get('/whoami', (c) => c.json(c.get('principal')))

adminRoutes.post('/tokens', async (c) => {
  const p = c.get('principal')
  const spec = checkBody<{ subject: string; role: Role; jurisdiction: string; department?: string }>('token-request', await readJson(c))
  const department = spec.department ?? null
  if (!mayIssue(p, { role: spec.role, jurisdiction: spec.jurisdiction, department })) {
    throw forbidden(`无权签发该角色或范围的令牌`, `this token may not issue a ${spec.role} token for that scope`)
  }
  const issued = await issueToken(c.get('runtime').db, { ...spec, department }, recordedBy(p))
  return c.json(issued, 201)
})

adminRoutes.get('/alerts', async (c) => {
  const { department, level } = c.req.query()
  return c.json(await openAlerts(c.get('runtime'), c.get('principal'), { ...(department ? { department } : {}), ...(level ? { level } : {}) }))
})

adminRoutes.post('/sweep', async (c) => {
  const p = c.get('principal')
  requireRole(p, 'regionAdmin')
  return c.json(await sweepDue(c.get('runtime')))
})
