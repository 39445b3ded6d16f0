/** Validates JSON against the project's schemas with ajv, and reports each error with file, pointer, line:column in Chinese and English. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import jsonSourceMap from 'json-source-map'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { readSchemas, SCHEMA_BASE } from './schema-files.js'

/** The schemas one can validate against, by file name without `.schema.json`. */
export type SchemaName =
  | 'rule-pack' | 'rule' | 'case-event' | 'case-file' | 'calendar-year' | 'example' | 'facts' | 'catalog' | 'organ'
  | 'notice-context' | 'notice-template'
  | 'evaluation'
  | 'create-case' | 'token-request' | 'pack-activation' | 'power-item' | 'catalog-change' | 'catalog-adjustment'
  | 'draft-open' | 'draft-save' | 'draft-decision' | 'draft-try'
  | 'sign-in' | 'account-request' | 'account-change'

let ajv: Ajv2020 | undefined
const compiled = new Map<SchemaName, ValidateFunction>()

function instance(): Ajv2020 {
  if (ajv) return ajv
  ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictRequired: false, strictTypes: false })
  addFormats.default(ajv)
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

/** Chinese and English for one ajv error. */
function explain(e: ErrorObject): { zh: string; en: string } {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return { zh: `缺少必填字段“${String(p.missingProperty)}”`, en: `missing required property "${String(p.missingProperty)}"` }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const prop = String(p.additionalProperty ?? p.unevaluatedProperty)
      return { zh: `不认识的字段“${prop}”`, en: `unknown property "${prop}"` }
    }
    case 'type':
      return { zh: `类型应为 ${String(p.type)}`, en: `must be of type ${String(p.type)}` }
    case 'enum':
      return { zh: `取值应为以下之一：${(p.allowedValues as unknown[]).join('、')}`, en: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}` }
    case 'const':
      return { zh: `取值应为 ${JSON.stringify(p.allowedValue)}`, en: `must be ${JSON.stringify(p.allowedValue)}` }
    case 'format':
      return { zh: `格式应为 ${String(p.format)}`, en: `must match format ${String(p.format)}` }
    case 'pattern':
      return { zh: `格式不符合 ${String(p.pattern)}`, en: `must match pattern ${String(p.pattern)}` }
    case 'minLength':
      return { zh: `不能为空，至少 ${String(p.limit)} 个字符`, en: `must have at least ${String(p.limit)} characters` }
    case 'minItems':
      return { zh: `至少需要 ${String(p.limit)} 项`, en: `must have at least ${String(p.limit)} items` }
    case 'minimum':
      return { zh: `不能小于 ${String(p.limit)}`, en: `must be >= ${String(p.limit)}` }
    case 'maximum':
      return { zh: `不能大于 ${String(p.limit)}`, en: `must be <= ${String(p.limit)}` }
    case 'uniqueItems':
      return { zh: '不能有重复项', en: 'must not contain duplicate items' }
    case 'discriminator':
      return { zh: `不认识的类型“${String(p.tagValue)}”`, en: `unknown ${String(p.tag)} "${String(p.tagValue)}"` }
    case 'oneOf':
      return { zh: '不符合任何一种允许的写法', en: 'matches none of the allowed forms' }
    default:
      return { zh: `不符合要求：${e.message ?? e.keyword}`, en: e.message ?? e.keyword }
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
    const extra = (e.params as { additionalProperty?: string; unevaluatedProperty?: string })
    const prop = extra.additionalProperty ?? extra.unevaluatedProperty
    // an unknown property is pointed at itself, not at the object holding it
    const pointer = prop !== undefined ? `${e.instancePath}/${prop.replaceAll('~', '~0').replaceAll('/', '~1')}` : e.instancePath
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
