/** Who is calling: a bearer token (systems) or a signed-in person's session cookie (browsers). */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { bearerAuth } from './auth.js'
import type { Env } from './http-context.js'
import { ServiceError } from './service-error.js'
import { sessionPrincipal } from './sessions.js'

/** The session cookie's name. */
export const SESSION_COOKIE = 'xq_session'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** True when the request came over https (directly, or as a proxy in front says). */
export const overHttps = (c: Context<Env>): boolean =>
  c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:'

/**
 * Puts the caller's principal in the context: from `Authorization: Bearer` when given, else from the session cookie;
 * 401 otherwise. A cookie-borne write from another origin is refused (SameSite=Strict already keeps it away).
 * @example app.use('/cases/*', signedInOrBearer)
 */
export const signedInOrBearer: MiddlewareHandler<Env> = async (c, next) => {
  if (c.req.header('authorization') !== undefined) return bearerAuth(c, next)
  const secret = getCookie(c, SESSION_COOKIE)
  if (secret === undefined) {
    throw new ServiceError(401, {
      code: 'UNAUTHORIZED',
      zh: '请先登录，或在 Authorization 头中给出 Bearer 令牌',
      en: 'sign in first, or send Authorization: Bearer <token>',
    })
  }
  const principal = await sessionPrincipal(c.get('runtime').db, secret, c.get('runtime').clock())
  if (!principal)
    throw new ServiceError(401, {
      code: 'SESSION_ENDED',
      zh: '登录已失效（超过一个工作日未操作，或已被结束），请重新登录',
      en: 'the session has ended (idle a working day, or ended); sign in again',
    })
  const origin = c.req.header('origin')
  if (!SAFE.has(c.req.method) && origin !== undefined && new URL(origin).host !== new URL(c.req.url).host) {
    throw new ServiceError(403, {
      code: 'CROSS_ORIGIN',
      zh: '拒绝来自其他站点的请求',
      en: 'a request from another site is refused',
    })
  }
  c.set('principal', principal)
  await next()
}
