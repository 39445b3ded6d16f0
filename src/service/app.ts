/** The hono application: JSON in and out, errors with a code and zh/en messages mapped in one place. */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { XingquanError } from '../errors/xingquan-error.js'
import { refuseUnstorableText } from './input-validator.js'
import type { Env } from './http-context.js'
import { serviceLog, type Logger } from './logger.js'
import { openApiDocument } from './openapi.js'
import { adminRoutes } from './routes/admin-routes.js'
import { auditRoutes } from './routes/audit-routes.js'
import { caseRoutes } from './routes/case-routes.js'
import { catalogRoutes } from './routes/catalog-routes.js'
import { draftRoutes } from './routes/draft-routes.js'
import { checkpointRoutes } from './routes/checkpoint-routes.js'
import { packRoutes } from './routes/pack-routes.js'
import { workbenchRoutes } from './routes/workbench-routes.js'
import { sessionRoutes } from './routes/session-routes.js'
import { requestLog } from './request-log.js'
import type { Runtime } from './runtime.js'
import { ServiceError } from './service-error.js'
import { signedInOrBearer } from './session-auth.js'
import { servePages } from './web-pages.js'

/**
 * hono's bodyLimit, deciding as it does but without making a web Request of every request served by
 * @hono/node-server: there a GET, HEAD or TRACE has no body, and any other request has one, so a Content-Length
 * without Transfer-Encoding decides, as in bodyLimit, without touching the body (which then is read straight from the
 * socket). Everything else, and requests not from the node server (app.request in tests), go to bodyLimit itself.
 */
function bodyLimitByLength(
  maxSize: number,
  onError: (c: Context<Env>) => Response | Promise<Response>,
): MiddlewareHandler<Env> {
  const limit = bodyLimit({ maxSize, onError })
  return async (c, next) => {
    if ((c.env as { incoming?: unknown } | undefined)?.incoming !== undefined) {
      const method = c.req.method
      if (method === 'GET' || method === 'HEAD' || method === 'TRACE') return next()
      const length = c.req.header('content-length')
      if (length !== undefined && c.req.header('transfer-encoding') === undefined)
        return parseInt(length || '0', 10) > maxSize ? onError(c) : next()
    }
    return limit(c, next)
  }
}

/**
 * The API over a runtime, logging each request to `log` (default: the service's log). Test it with `app.request()`;
 * serve it with @hono/node-server.
 * @example const app = createApp(rt); const res = await app.request('/health')
 */
export function createApp(rt: Runtime, options: { log?: Logger } = {}): Hono<Env> {
  const log = () => options.log ?? serviceLog()
  const app = new Hono<Env>()
  app.use('*', requestLog(log))
  app.use('*', async (c, next) => {
    c.set('runtime', rt)
    await next()
  })
  app.use('*', async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) refuseUnstorableText(values, `/query/${name}`)
    await next()
  })
  app.use(
    '*',
    bodyLimitByLength(2 * 1024 * 1024, (c) =>
      c.json(
        { problems: [{ code: 'BODY_TOO_LARGE', zh: '请求体超过 2 MiB', en: 'the request body is over 2 MiB' }] },
        413,
      ),
    ),
  )
  app.get('/health', async (c) => {
    await rt.db.selectFrom('cases').select('case_id').limit(1).execute()
    return c.json({
      status: 'ok',
      database: rt.dialect,
      packs: rt.env().packs.map((p) => ({ id: p.pack.id, version: p.version })),
    })
  })
  app.get('/openapi.json', (c) => c.json(openApiDocument()))
  // the checkpoint key's public half is public: anyone may check a signature
  app.get('/checkpoints/key', (c) =>
    c.json({ keyId: rt.checkpointKey().keyId, publicKey: rt.checkpointKey().publicPem }),
  )
  const guarded = [
    '/checkpoints',
    '/checkpoints/*',
    '/cases',
    '/cases/*',
    '/catalog',
    '/catalog/*',
    '/rule-packs',
    '/rule-packs/*',
    '/whoami',
  ]
  for (const path of [
    ...guarded,
    '/tokens',
    '/tokens/*',
    '/alerts',
    '/alerts/*',
    '/reports',
    '/reports/*',
    '/sweep',
    '/verify',
  ]) {
    app.use(path, signedInOrBearer)
  }
  app.route('/cases', caseRoutes)
  app.route('/catalog', catalogRoutes)
  app.route('/rule-packs/drafts', draftRoutes)
  app.route('/rule-packs', workbenchRoutes)
  app.route('/rule-packs', packRoutes)
  app.route('/', adminRoutes)
  app.route('/', checkpointRoutes)
  app.route('/', sessionRoutes)
  app.route('/', auditRoutes)
  servePages(app)
  app.notFound((c) =>
    c.json(
      {
        problems: [
          {
            code: 'NOT_FOUND',
            zh: `没有这个地址：${c.req.method} ${c.req.path}`,
            en: `no such route: ${c.req.method} ${c.req.path}`,
          },
        ],
      },
      404,
    ),
  )
  app.onError((err, c) => {
    if (err instanceof ServiceError) return c.json({ problems: err.problems }, err.status)
    if (err instanceof XingquanError) return c.json({ problems: err.problems }, 422)
    log().error({ err, method: c.req.method, path: c.req.path, code: 'INTERNAL' }, 'internal error')
    return c.json(
      { problems: [{ code: 'INTERNAL', zh: '服务内部错误，已记录', en: 'internal error; it was logged' }] },
      500,
    )
  })
  return app
}
