/** Validates request bodies against the API's schemas in schemas/ (the single source of truth), with the shared validator. */
import { validate, validateDefinition } from '../schema/validator.js'
import { ServiceError } from './service-error.js'

/** The request bodies the API takes, each a schema in schemas/. */
export const SERVICE_SCHEMA_NAMES = [
  'create-case',
  'token-request',
  'token-revocation',
  'pack-activation',
  'power-item',
  'catalog-change',
  'catalog-adjustment',
  'draft-open',
  'draft-save',
  'draft-decision',
  'draft-try',
  'sign-in',
  'account-request',
  'account-change',
] as const
export type ServiceSchemaName = (typeof SERVICE_SCHEMA_NAMES)[number]

/**
 * The body if it is valid, else a 400 ServiceError listing every problem with its JSON pointer, in Chinese and English.
 * @example const body = checkBody<TokenRequest>('token-request', await c.req.json())
 */
export function checkBody<T>(name: ServiceSchemaName, data: unknown): T {
  const problems = validate(name, data)
  if (problems.length > 0) throw new ServiceError(400, problems)
  return data as T
}

/** A lone UTF-16 surrogate (not part of a pair): text that UTF-8, and so PostgreSQL, cannot store. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
/** NUL, or a lone surrogate: PostgreSQL refuses both in text and in jsonb. */
const unstorableText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s)

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

function unstorable(pointer: string, what: 'key' | 'value'): ServiceError {
  const where = what === 'key' ? '字段名' : '文字'
  return new ServiceError(400, {
    code: 'TEXT_UNSTORABLE',
    zh: `${where}含有不能保存的字符：NUL（\\u0000）或不成对的代理项（如 \\ud800）`,
    en: `the ${what === 'key' ? 'property name' : 'text'} holds a character that cannot be stored: NUL (\\u0000) or an unpaired surrogate (e.g. \\ud800)`,
    pointer,
  })
}

/**
 * Throws a 400 TEXT_UNSTORABLE at the JSON pointer of the first string (value or property name) holding NUL or an
 * unpaired surrogate: PostgreSQL refuses both, so they are refused before anything is written.
 * @example refuseUnstorableText({ note: 'a\u0000b' }) // throws, pointer '/note'
 */
export function refuseUnstorableText(value: unknown, pointer = ''): void {
  if (typeof value === 'string') {
    if (unstorableText(value)) throw unstorable(pointer, 'value')
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      refuseUnstorableText(v, `${pointer}/${i}`)
    })
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(k)}`
      if (unstorableText(k)) throw unstorable(at, 'key')
      refuseUnstorableText(v, at)
    }
  }
}

/** Media types the API reads a body as: JSON only. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i

/**
 * Throws a 415 unless the request says its body is JSON (`application/json`, or a `+json` type): a text/plain or
 * form body is never taken for JSON.
 * @example requireJsonContentType(c.req.header('content-type'))
 */
export function requireJsonContentType(contentType: string | undefined): void {
  if (contentType !== undefined && JSON_TYPE.test(contentType.trim())) return
  throw new ServiceError(415, {
    code: 'CONTENT_TYPE_UNSUPPORTED',
    zh: `请求体须为 JSON（Content-Type: application/json），收到 ${contentType === undefined ? '无 Content-Type' : `“${contentType}”`}`,
    en: `the request body must be JSON (Content-Type: application/json), got ${contentType === undefined ? 'no Content-Type' : `"${contentType}"`}`,
    pointer: '',
  })
}

/**
 * The case id of a path, or a 400 at `/caseId` when it cannot be one (schemas/common.schema.json#/$defs/caseId):
 * nothing that is not a case id reaches the database.
 * @example const caseId = checkCaseId(c.req.param('caseId'))
 */
export function checkCaseId(caseId: string): string {
  const problems = validateDefinition('common', 'caseId', caseId, '/caseId')
  if (problems.length > 0)
    throw new ServiceError(
      400,
      problems.map((p) => ({ ...p, code: 'CASE_ID_INVALID' })),
    )
  return caseId
}
