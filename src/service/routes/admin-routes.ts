/** Routes for who is calling, tokens, open alerts, the sweep on demand and chain verification. */
import { Hono } from 'hono'
import { verifyChains } from '../../store/verify-chains.js'
import { openAlerts } from '../case-reader.js'
import { readJson, type Env } from '../http-context.js'
import { checkBody } from '../input-validator.js'
import { mayIssue, recordedBy, requireRole, scopeOf, type Role } from '../principal.js'
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

adminRoutes.get('/verify', async (c) => {
  const p = c.get('principal')
  requireRole(p, 'auditor', 'supervisor', 'regionAdmin')
  const rt = c.get('runtime')
  const scope = scopeOf(p)
  const report = await verifyChains(rt.db, { jurisdictionPrefix: scope.prefix })
  return c.json({ intact: report.broken.length === 0, ...report })
})
