/** Validates request bodies against the service's schemas (src/service/schemas/), which refer to the shared ones. */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Problem } from '../errors/xingquan-error.js'
import { readSchemas, type JsonSchema } from '../schema/schema-files.js'
import { ServiceError } from './service-error.js'

export const SERVICE_SCHEMA_DIR = fileURLToPath(new URL('./schemas', import.meta.url))
export const SERVICE_SCHEMA_BASE = 'https://xingquan.example/schemas/service/'
export type ServiceSchemaName = 'create-case' | 'token-request' | 'pack-activation' | 'power-item' | 'catalog-change' | 'catalog-adjustment'

/** The service's own schemas, by name. */
export function serviceSchemas(): { name: string; schema: JsonSchema }[] {
  return readdirSync(SERVICE_SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => ({ name: f.replace('.schema.json', ''), schema: JSON.parse(readFileSync(`${SERVICE_SCHEMA_DIR}/${f}`, 'utf8')) as JsonSchema }))
}

let ajv: Ajv2020 | undefined
const compiled = new Map<string, ValidateFunction>()

function validatorFor(name: ServiceSchemaName): ValidateFunction {
  let v = compiled.get(name)
  if (v) return v
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictRequired: false, strictTypes: false })
    addFormats.default(ajv)
    for (const { schema } of readSchemas()) ajv.addSchema(schema)
    for (const { schema } of serviceSchemas()) ajv.addSchema(schema)
  }
  v = ajv.getSchema(`${SERVICE_SCHEMA_BASE}${name}.schema.json`)
  if (!v) throw new Error(`service schema not found: ${name}`)
  compiled.set(name, v)
  return v
}

function explain(e: ErrorObject): { zh: string; en: string } {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return { zh: `缺少必填字段“${String(p.missingProperty)}”`, en: `missing required property "${String(p.missingProperty)}"` }
    case 'additionalProperties':
      return { zh: `不认识的字段“${String(p.additionalProperty)}”`, en: `unknown property "${String(p.additionalProperty)}"` }
    case 'type':
      return { zh: `类型应为 ${String(p.type)}`, en: `must be of type ${String(p.type)}` }
    case 'enum':
      return { zh: `取值应为以下之一：${(p.allowedValues as unknown[]).join('、')}`, en: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}` }
    case 'pattern':
    case 'format':
      return { zh: `格式不符合 ${String(p.pattern ?? p.format)}`, en: `must match ${String(p.pattern ?? p.format)}` }
    default:
      return { zh: `不符合要求：${e.message ?? e.keyword}`, en: e.message ?? e.keyword }
  }
}

/**
 * The body if it is valid, else a 400 ServiceError listing every problem with its JSON pointer.
 * @example const body = checkBody<TokenRequest>('token-request', await c.req.json())
 */
export function checkBody<T>(name: ServiceSchemaName, data: unknown): T {
  const v = validatorFor(name)
  if (v(data)) return data as T
  const errors = (v.errors ?? []).filter((e) => e.keyword !== 'if')
  const deep = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const e of deep.length > 0 ? deep : errors) {
    const { zh, en } = explain(e)
    if (seen.has(`${e.instancePath}|${en}`)) continue
    seen.add(`${e.instancePath}|${en}`)
    problems.push({ code: 'SCHEMA_INVALID', zh, en, pointer: e.instancePath })
  }
  throw new ServiceError(400, problems)
}
