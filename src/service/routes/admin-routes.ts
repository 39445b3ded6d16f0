/** Routes for who is calling, tokens, open alerts and the sweep on demand. */
import { Hono } from 'hono'
import { openAlerts } from '../case-reader.js'
import { readJson, type Env } from '../http-context.js'
import { checkBody } from '../input-validator.js'
import { coversJurisdiction, mayIssue, recordedBy, requireRole, type Role } from '../principal.js'
import { forbidden, notFound } from '../service-error.js'
import { sweepDue } from '../sweep.js'
import type { TokenRequest, TokenRevocation } from '../../types/generated.js'
import { issueToken, revokeToken, tokenScope } from '../tokens.js'

export const adminRoutes = new Hono<Env>()

adminRoutes.get('/whoami', (c) => c.json(c.get('principal')))

adminRoutes.post('/tokens', async (c) => {
  const p = c.get('principal')
  const spec = checkBody<TokenRequest>('token-request', await readJson(c))
  const department = spec.department ?? null
  if (!mayIssue(p, { role: spec.role, jurisdiction: spec.jurisdiction, department })) {
    throw forbidden(`无权签发该角色或范围的令牌`, `this token may not issue a ${spec.role} token for that scope`)
  }
  const rt = c.get('runtime')
  const issued = await issueToken(
    rt.db,
    { ...spec, role: spec.role as Role, department, lifetimeDays: spec.lifetimeDays ?? rt.tokenLifetimeDays },
    recordedBy(p),
  )
  return c.json(issued, 201)
})

/** A region admin revokes a token of its territory; the revocation is a record of its own, never withdrawn. */
adminRoutes.post('/tokens/:id/revoke', async (c) => {
  const p = c.get('principal')
  requireRole(p, 'regionAdmin')
  const id = c.req.param('id')
  const rt = c.get('runtime')
  // the body is optional: a POST without one revokes without a reason
  const text = await c.req.raw.clone().text()
  const body = text.trim() === '' ? {} : checkBody<TokenRevocation>('token-revocation', await readJson(c))
  const reason = body.reason ?? null
  const scope = await tokenScope(rt.db, id)
  // a token outside the admin's territory is answered as one that does not exist
  if (!scope || !coversJurisdiction(p, scope.jurisdiction)) throw notFound('TOKEN', `没有令牌 ${id}`, `no token ${id}`)
  const revocation = await revokeToken(rt.db, id, recordedBy(p), reason)
  if (!revocation) throw notFound('TOKEN', `没有令牌 ${id}`, `no token ${id}`)
  rt.tokens.forget(id)
  return c.json(revocation)
})

adminRoutes.get('/alerts', async (c) => {
  const { department, level } = c.req.query()
  return c.json(
    await openAlerts(c.get('runtime'), c.get('principal'), {
      ...(department ? { department } : {}),
      ...(level ? { level } : {}),
    }),
  )
})

adminRoutes.post('/sweep', async (c) => {
  const p = c.get('principal')
  requireRole(p, 'regionAdmin')
  return c.json(await sweepDue(c.get('runtime')))
})
