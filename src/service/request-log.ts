/** One log line per request: method, path, status, duration and the caller; a failed request's problem codes. */
import type { MiddlewareHandler } from 'hono'
import type { Env } from './http-context.js'
import type { Logger } from './logger.js'

/** The codes of a JSON error reply (`{"problems":[{code,…}]}`), or none. */
async function problemCodes(res: Response): Promise<string[]> {
  if (!res.headers.get('content-type')?.includes('application/json')) return []
  try {
    const body = (await res.clone().json()) as { problems?: { code?: unknown }[] }
    return (body.problems ?? []).map((p) => String(p.code))
  } catch {
    return []
  }
}

/**
 * Logs each request when its reply is ready: info, or error for a 5xx; `principal` is the token's id (none before
 * sign-in), `codes` the problem codes of a 4xx or 5xx.
 * @example app.use('*', requestLog(() => log))
 */
export function requestLog(log: () => Logger): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const status = c.res.status
    const principal = c.get('principal') as Env['Variables']['principal'] | undefined
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      principal: principal?.tokenId ?? null,
      ...(status >= 400 ? { codes: await problemCodes(c.res) } : {}),
    }
    if (status >= 500) log().error(line, 'request')
    else log().info(line, 'request')
  }
}
