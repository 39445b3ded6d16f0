/** Validates request bodies against the API's schemas in schemas/ (the single source of truth), with the shared validator. */
import { readSchemas, type JsonSchema } from '../schema/schema-files.js'
import { validate } from '../schema/validator.js'
import { ServiceError } from './service-error.js'

/** The request bodies the API takes, each a schema in schemas/. */
export const SERVICE_SCHEMA_NAMES = [
  'create-case',
  'token-request',
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
 * The API's request schemas, by name (for the OpenAPI document).
 * @example serviceSchemas().map((s) => s.name)
 */
export function serviceSchemas(): { name: string; schema: JsonSchema }[] {
  const names = new Set<string>(SERVICE_SCHEMA_NAMES)
  return readSchemas()
    .map(({ file, schema }) => ({ name: file.replace('.schema.json', ''), schema }))
    .filter(({ name }) => names.has(name))
}

/**
 * The body if it is valid, else a 400 ServiceError listing every problem with its JSON pointer, in Chinese and English.
 * @example const body = checkBody<TokenRequest>('token-request', await c.req.json())
 */
export function checkBody<T>(name: ServiceSchemaName, data: unknown): T {
  const problems = validate(name, data)
  if (problems.length > 0) throw new ServiceError(400, problems)
  return data as T
}
