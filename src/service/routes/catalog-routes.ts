/** Routes of the power catalog: items, suspension and resumption, adjustment requests with their deadlines. */
import { Hono } from 'hono'
import {
  addItem,
  adjustCatalog,
  getAdjustment,
  getItem,
  listAdjustments,
  listItems,
  setItemStatus,
} from '../catalog-service.js'
import { intParam, readJson, type Env } from '../http-context.js'

export const catalogRoutes = new Hono<Env>()

catalogRoutes.get('/', async (c) => {
  const { department, status } = c.req.query()
  return c.json(
    await listItems(c.get('runtime'), c.get('principal'), {
      ...(department ? { department } : {}),
      ...(status ? { status } : {}),
    }),
  )
})
catalogRoutes.post('/', async (c) =>
  c.json(await addItem(c.get('runtime'), c.get('principal'), await readJson(c)), 201),
)
catalogRoutes.get('/adjustments', async (c) => c.json(await listAdjustments(c.get('runtime'), c.get('principal'))))
catalogRoutes.post('/adjustments', async (c) =>
  c.json(await adjustCatalog(c.get('runtime'), c.get('principal'), undefined, await readJson(c)), 201),
)
catalogRoutes.get('/adjustments/:id', async (c) =>
  c.json(await getAdjustment(c.get('runtime'), c.get('principal'), intParam(c, 'id'))),
)
catalogRoutes.post('/adjustments/:id', async (c) =>
  c.json(await adjustCatalog(c.get('runtime'), c.get('principal'), intParam(c, 'id'), await readJson(c))),
)
catalogRoutes.get('/:code', async (c) =>
  c.json(await getItem(c.get('runtime'), c.get('principal'), c.req.param('code'))),
)
catalogRoutes.post('/:code/suspend', async (c) =>
  c.json(
    await setItemStatus(c.get('runtime'), c.get('principal'), c.req.param('code'), 'suspended', await readJson(c)),
  ),
)
catalogRoutes.post('/:code/resume', async (c) =>
  c.json(await setItemStatus(c.get('runtime'), c.get('principal'), c.req.param('code'), 'active', await readJson(c))),
)
