/** Validates JSON against the project's schemas with ajv, and reports each error with file, pointer, line:column in Chinese and English. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import jsonSourceMap from 'json-source-map'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { isMoment, MOMENT_YEARS } from './moment-format.js'
import { readSchemas, SCHEMA_BASE } from './schema-files.js'

/** The schemas one can validate against, by file name without `.schema.json`. */
export type SchemaName =
  | 'rule-pack'
  | 'rule'
  | 'case-event'
  | 'case-file'
  | 'calendar-year'
  | 'example'
  | 'facts'
  | 'catalog'
  | 'organ'
  | 'notice-context'
  | 'notice-template'
  | 'holiday-measures'
  | 'evaluation'
  | 'checkpoint'
  | 'create-case'
  | 'token-request'
  | 'token-revocation'
  | 'pack-activation'
  | 'power-item'
  | 'catalog-change'
  | 'catalog-adjustment'
  | 'draft-open'
  | 'draft-save'
  | 'draft-decision'
  | 'draft-try'
  | 'sign-in'
  | 'account-request'
  | 'account-change'
  | 'provisions'

let ajv: Ajv2020 | undefined
const compiled = new Map<SchemaName, ValidateFunction>()

function instance(): Ajv2020 {
  if (ajv) return ajv
  ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictRequired: false, strictTypes: false })
  addFormats.default(ajv)
  // json-schema-to-typescript's keyword: the type a value has once loaded (a citation by id is resolved to a Citation)
  ajv.addKeyword('tsType')
  ajv.addFormat('moment', { type: 'string', validate: isMoment })
  for (const { schema } of readSchemas()) ajv.addSchema(schema)
  return ajv
}

function validatorFor(name: SchemaName): ValidateFunction {
  let v = compiled.get(name)
  if (!v) {
    v = instance().getSchema(`${SCHEMA_BASE}${name}.schema.json`)
    if (!v) throw new Error(`schema not found: ${name}`)
    compiled.set(name, v)
  }
  return v
}

/** What each string format means, in Chinese and English. */
const FORMATS: Record<string, { zh: string; en: string }> = {
  moment: {
    zh: `带时区的时刻，如 2025-09-26T09:30:00+08:00（秒为 00–59，不含闰秒；年份 ${MOMENT_YEARS.first}–${MOMENT_YEARS.last}）`,
    en: `a moment with offset, e.g. 2025-09-26T09:30:00+08:00 (seconds 00–59, no leap second; years ${MOMENT_YEARS.first}–${MOMENT_YEARS.last})`,
  },
  'date-time': {
    zh: '带时区的时刻，如 2025-09-26T09:30:00+08:00',
    en: 'a moment with offset, e.g. 2025-09-26T09:30:00+08:00',
  },
  date: { zh: '日期 YYYY-MM-DD', en: 'a date YYYY-MM-DD' },
  uri: { zh: '完整的网址（URI）', en: 'an absolute URI' },
}

const TYPES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: 'null',
}
const typeZh = (t: unknown) =>
  String(t)
    .split(',')
    .map((x) => TYPES[x] ?? x)
    .join('或')

/** Chinese and English for one ajv error; every keyword the schemas use has its own words, never ajv's English. */
function explain(e: ErrorObject): { zh: string; en: string } {
  const p = e.params as Record<string, unknown>
  const limit = String(p.limit)
  switch (e.keyword) {
    case 'required':
      return {
        zh: `缺少必填字段“${String(p.missingProperty)}”`,
        en: `missing required property "${String(p.missingProperty)}"`,
      }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const prop = String(p.additionalProperty ?? p.unevaluatedProperty)
      return { zh: `不认识的字段“${prop}”`, en: `unknown property "${prop}"` }
    }
    case 'type':
      return { zh: `类型应为${typeZh(p.type)}`, en: `must be of type ${String(p.type)}` }
    case 'enum':
      return {
        zh: `取值应为以下之一：${(p.allowedValues as unknown[]).join('、')}`,
        en: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`,
      }
    case 'const':
      return { zh: `取值应为 ${JSON.stringify(p.allowedValue)}`, en: `must be ${JSON.stringify(p.allowedValue)}` }
    case 'format': {
      const f = FORMATS[String(p.format)]
      return f
        ? { zh: `格式应为${f.zh}`, en: `must be ${f.en}` }
        : { zh: `格式应为 ${String(p.format)}`, en: `must match format ${String(p.format)}` }
    }
    case 'pattern':
      return { zh: `格式不符合 ${String(p.pattern)}`, en: `must match pattern ${String(p.pattern)}` }
    case 'minLength':
      return { zh: `不能为空，至少 ${limit} 个字符`, en: `must have at least ${limit} characters` }
    case 'maxLength':
      return { zh: `过长：最多 ${limit} 个字符`, en: `too long: at most ${limit} characters` }
    case 'minItems':
      return { zh: `至少需要 ${limit} 项`, en: `must have at least ${limit} items` }
    case 'maxItems':
      return { zh: `最多 ${limit} 项`, en: `must have at most ${limit} items` }
    case 'minProperties':
      return { zh: `至少需要 ${limit} 个字段`, en: `must have at least ${limit} properties` }
    case 'maxProperties':
      return { zh: `最多 ${limit} 个字段`, en: `must have at most ${limit} properties` }
    case 'minimum':
      return { zh: `不能小于 ${limit}`, en: `must be >= ${limit}` }
    case 'maximum':
      return { zh: `不能大于 ${limit}`, en: `must be <= ${limit}` }
    case 'exclusiveMinimum':
      return { zh: `应大于 ${limit}`, en: `must be > ${limit}` }
    case 'exclusiveMaximum':
      return { zh: `应小于 ${limit}`, en: `must be < ${limit}` }
    case 'multipleOf':
      return { zh: `应为 ${String(p.multipleOf)} 的整数倍`, en: `must be a multiple of ${String(p.multipleOf)}` }
    case 'uniqueItems':
      return { zh: '不能有重复项', en: 'must not contain duplicate items' }
    case 'discriminator':
      return { zh: `不认识的类型“${String(p.tagValue)}”`, en: `unknown ${String(p.tag)} "${String(p.tagValue)}"` }
    case 'oneOf':
      return { zh: '不符合任何一种允许的写法', en: 'matches none of the allowed forms' }
    case 'anyOf':
      return { zh: '不符合任何一种允许的写法', en: 'matches none of the allowed forms' }
    case 'not':
      return { zh: '取了不允许的写法', en: 'takes a form that is not allowed' }
    case 'dependentRequired':
      return {
        zh: `有“${String(p.property)}”时还须有“${String(p.missingProperty)}”`,
        en: `"${String(p.property)}" requires "${String(p.missingProperty)}"`,
      }
    case 'propertyNames':
      return {
        zh: `字段名“${String(p.propertyName)}”不合要求`,
        en: `property name "${String(p.propertyName)}" is invalid`,
      }
    case 'contains':
      return { zh: '缺少符合要求的项', en: 'contains no item that matches' }
    case 'false schema':
      return { zh: '此处不允许有值', en: 'no value is allowed here' }
    default:
      return { zh: `不符合要求（${e.keyword}）`, en: e.message ?? e.keyword }
  }
}

/** Errors that only restate a deeper error (if/then, oneOf over branches) are dropped when a deeper one exists. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const kept = errors.filter((e) => e.keyword !== 'if')
  const deep = kept.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
  return deep.length > 0 ? deep : kept
}

export interface ValidationTarget {
  /** Name shown in messages, e.g. the file path. */
  readonly file?: string
  /** The JSON text, when there is one: gives line and column. */
  readonly text?: string
}

/**
 * Validates `data` against a schema; returns the problems, empty when valid.
 * @example const problems = validate('case-file', json, { file: 'examples/case.json', text })
 */
export function validate(name: SchemaName, data: unknown, target: ValidationTarget = {}): Problem[] {
  const v = validatorFor(name)
  if (v(data)) return []
  let pointers: ReturnType<typeof jsonSourceMap.parse>['pointers'] | undefined
  try {
    pointers = target.text ? jsonSourceMap.parse(target.text).pointers : undefined
  } catch {
    pointers = undefined
  }
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const e of relevant(v.errors ?? [])) {
    const { zh, en } = explain(e)
    const extra = e.params as { additionalProperty?: string; unevaluatedProperty?: string }
    const prop = extra.additionalProperty ?? extra.unevaluatedProperty
    // an unknown property is pointed at itself, not at the object holding it
    const pointer =
      prop !== undefined ? `${e.instancePath}/${prop.replaceAll('~', '~0').replaceAll('/', '~1')}` : e.instancePath
    const key = `${pointer}|${zh}`
    if (seen.has(key)) continue
    seen.add(key)
    const mapped = pointers?.[pointer]
    const at = mapped?.key ?? mapped?.value
    problems.push({
      code: 'SCHEMA_INVALID',
      zh,
      en,
      ...(target.file ? { file: target.file } : {}),
      pointer,
      ...(at ? { line: at.line + 1, column: at.column + 1 } : {}),
    })
  }
  return problems
}

/**
 * Validates `data` against one definition of a schema (`common#/$defs/caseId`), as `validate` does.
 * @example validateDefinition('common', 'caseId', 'lx-2025-1') // []
 */
export function validateDefinition(
  schema: 'common' | 'case-event',
  definition: string,
  data: unknown,
  pointer = '',
): Problem[] {
  const ref = `${SCHEMA_BASE}${schema}.schema.json#/$defs/${definition}`
  const v = instance().getSchema(ref)
  if (!v) throw new Error(`schema definition not found: ${ref}`)
  if (v(data)) return []
  return relevant(v.errors ?? []).map((e) => ({
    code: 'SCHEMA_INVALID',
    ...explain(e),
    pointer: `${pointer}${e.instancePath}`,
  }))
}

/**
 * Parses JSON text and validates it; throws XingquanError with every problem.
 * @example const pack = parseAndValidate<RulePack>('rule-pack', text, 'rules/sichuan/pack.json')
 */
export function parseAndValidate<T>(name: SchemaName, text: string, file?: string): T {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    const m = /position (\d+)/.exec(String(err))
    const pos = m ? Number(m[1]) : undefined
    const before = pos !== undefined ? text.slice(0, pos).split('\n') : undefined
    throw new XingquanError({
      code: 'JSON_INVALID',
      zh: `不是有效的 JSON：${(err as Error).message}`,
      en: `not valid JSON: ${(err as Error).message}`,
      ...(file ? { file } : {}),
      ...(before ? { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } : {}),
    })
  }
  const problems = validate(name, data, { text, ...(file ? { file } : {}) })
  if (problems.length > 0) throw new XingquanError(problems)
  return data as T
}

/**
 * Line and column (1-based) of a JSON pointer in a JSON text; undefined when it is not there.
 * @example locate('{"a":[1,2]}', '/a/1') // { line: 1, column: 9 }
 */
export function locate(text: string, pointer: string): { line: number; column: number } | undefined {
  const mapped = jsonSourceMap.parse(text).pointers[pointer]
  const at = mapped?.key ?? mapped?.value
  return at ? { line: at.line + 1, column: at.column + 1 } : undefined
}
