/** Bearer-token middleware: every route but health and the API document needs a token. */
import type { MiddlewareHandler } from 'hono'
import type { Env } from './http-context.js'
import { ServiceError } from './service-error.js'
import { principalOf } from './tokens.js'

const unauthorized = (zh: string, en: string) => new ServiceError(401, { code: 'UNAUTHORIZED', zh, en })

/**
 * Puts the caller's principal in the context, or answers 401.
 * @example app.use('/cases/*', bearerAuth)
 */
export const bearerAuth: MiddlewareHandler<Env> = async (c, next) => {
  const header = c.req.header('authorization')
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  if (!match)
    throw unauthorized(
      '缺少令牌：请在 Authorization 头中给出 Bearer 令牌',
      'missing token: send Authorization: Bearer <token>',
    )
  const rt = c.get('runtime')
  const principal = await principalOf(rt.db, match[1]!, rt.tokens)
  if (!principal) throw unauthorized('令牌无效、已过期或已吊销', 'the token is not valid, has expired or was revoked')
  c.set('principal', principal)
  await next()
}
