/** What every route shares: the runtime and the caller in the context, and reading a JSON body. */
import type { Context } from 'hono'
import type { Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { refuseUnstorableText, requireJsonContentType } from './input-validator.js'
import { ServiceError } from './service-error.js'

export type Env = { Variables: { principal: Principal; runtime: Runtime } }

/**
 * The request's JSON body: a 415 unless it says it is JSON, a 400 JSON_INVALID, or a 400 TEXT_UNSTORABLE (NUL, lone surrogate).
 * @example const body = await readJson(c)
 */
export async function readJson(c: Context<Env>): Promise<unknown> {
  requireJsonContentType(c.req.header('content-type'))
  return parseBody(await c.req.text())
}

/**
 * The request's JSON body, or undefined when it is empty; a 415/400 as readJson when it is not.
 * @example const body = await readOptionalJson(c)
 */
export async function readOptionalJson(c: Context<Env>): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return undefined
  requireJsonContentType(c.req.header('content-type'))
  return parseBody(text)
}

function parseBody(text: string): unknown {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (err) {
    throw new ServiceError(400, {
      code: 'JSON_INVALID',
      zh: `请求体不是有效的 JSON：${(err as Error).message}`,
      en: `the request body is not valid JSON: ${(err as Error).message}`,
      pointer: '',
    })
  }
  // NUL and lone surrogates reach a parsed string only through a \u escape: text decoded from UTF-8 holds no lone
  // surrogate, and a raw NUL is not JSON. A body without one needs no walk (which costs more than its validation).
  if (text.includes('\\u')) refuseUnstorableText(body)
  return body
}

/**
 * A path parameter as a positive integer, or a 400.
 * @example const seq = intParam(c, 'seq')
 */
export function intParam(c: Context<Env>, name: string): number {
  const raw = c.req.param(name) ?? ''
  const n = Number(raw)
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new ServiceError(400, {
      code: 'PARAMETER_INVALID',
      zh: `路径参数 ${name} 应为正整数`,
      en: `path parameter ${name} must be a positive integer`,
      pointer: `/${name}`,
    })
  }
  return n
}
