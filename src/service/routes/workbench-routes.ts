/** Routes the workbench reads: the rules browsed by layer and article, the facts for conditions, a rule's form schema. */
import { Hono } from 'hono'
import { chinaMoment } from '../case-time.js'
import { factFields, ruleFormSchema } from '../editor-schemas.js'
import type { Env } from '../http-context.js'
import { browseRules } from '../rule-browser.js'
import { packHistory } from '../draft-service.js'

export const workbenchRoutes = new Hono<Env>()

workbenchRoutes.get('/browse', (c) => {
  const rt = c.get('runtime')
  const today = c.req.query('date') ?? chinaMoment(rt.clock()).slice(0, 10)
  return c.json({ today, ...browseRules(rt.env(), today) })
})

workbenchRoutes.get('/facts', (c) => c.json({ facts: factFields() }))

workbenchRoutes.get('/rule-form-schema', (c) => c.json(ruleFormSchema()))

workbenchRoutes.get('/:packId/history', async (c) => c.json(await packHistory(c.get('runtime'), c.req.param('packId'))))
