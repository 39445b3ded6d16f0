/** What the workbench's editors are generated from: the facts with Chinese labels, types and units; a rule's form schema. */
import { readSchemas, type JsonSchema } from '../schema/schema-files.js'

export interface FactField {
  readonly name: string
  readonly label: string
  readonly en: string
  /** boolean, number, string, array, object (integer is number). */
  readonly type: string
  readonly nullable: boolean
  readonly values?: readonly unknown[]
  readonly unit: string | null
  /** The fact that says which days this one counts (working or calendar), where a case's clock decides it. */
  readonly unitFact?: string
}

type Prop = { type?: string | string[]; enum?: unknown[]; description?: string; items?: Prop; $ref?: string }

const unitOf = (name: string, text: string): string | null => {
  if (/Hours$/.test(name) || text.includes('小时')) return '小时'
  if (/Amount|Min$|Max$/.test(name) || text.includes('（元）')) return '元'
  // a clock's days are working days unless its limit says calendar days (阿坝州办法 第五十四条): the case's limit decides
  if (/^(statutory|promised|step)(LimitDays|DaysUsed|DaysLeft)$/.test(name)) return '工作日或日'
  if (/Days|DaysLeft|DaysUsed/.test(name)) return '日'
  if (/Count$|^minDaily/.test(name)) return '次'
  return null
}

/**
 * Every fact a condition may use, from schemas/facts.schema.json: its Chinese label (the description's Chinese part,
 * or the name when the schema gives none), English, JSON type, allowed values and unit.
 * @example factFields().find((f) => f.name === 'statutoryDaysLeft')?.label // '剩余天数；超期时为负数'
 */
export function factFields(): FactField[] {
  const schemas = readSchemas()
  const facts = schemas.find((s) => s.file === 'facts.schema.json')!.schema as { properties: Record<string, Prop> }
  const common = schemas.find((s) => s.file === 'common.schema.json')!.schema as { $defs?: Record<string, Prop> }
  return Object.entries(facts.properties).map(([name, raw]) => {
    const def = raw.$ref?.startsWith('common.schema.json#/$defs/')
      ? common.$defs?.[raw.$ref.split('/').pop()!]
      : undefined
    const p = { ...def, ...raw }
    const text = p.description ?? def?.description ?? ''
    const [zh, en] = text.includes(' / ') ? text.split(' / ', 2) : [text, '']
    const types = (
      Array.isArray(p.type)
        ? p.type
        : p.type
          ? [p.type]
          : p.enum
            ? [...new Set(p.enum.map((v) => (v === null ? 'null' : typeof v)))]
            : ['string']
    ).map((t) => (t === 'integer' ? 'number' : t))
    const type = types.find((t) => t !== 'null') ?? 'string'
    const clock = /^(statutory|promised)(LimitDays|DaysUsed|DaysLeft)$/.exec(name)?.[1]
    return {
      name,
      label: zh || name,
      en: en || name,
      type,
      nullable: types.includes('null'),
      ...(p.enum ? { values: p.enum } : {}),
      unit: unitOf(name, text),
      ...(clock ? { unitFact: `${clock}LimitUnit` } : {}),
    }
  })
}

/**
 * A rule's metadata (everything but its conditions) as one self-contained JSON Schema, references resolved, for a
 * generated form.
 * @example ruleFormSchema().properties.level.enum // ['info', 'yellow', 'red']
 */
export function ruleFormSchema(): JsonSchema & { properties: Record<string, unknown> } {
  const files = new Map(readSchemas().map((s) => [s.file, s.schema]))
  const resolve = (v: unknown, file: string, depth = 0): unknown => {
    if (Array.isArray(v)) return v.map((x) => resolve(x, file, depth))
    if (v === null || typeof v !== 'object') return v
    const o = v as Record<string, unknown>
    if (typeof o.$ref === 'string' && depth < 8) {
      const [path, pointer = ''] = o.$ref.split('#')
      const target = path ? path.replace('https://xingquan.example/schemas/', '') : file
      let node: unknown = files.get(target)
      for (const part of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown>)[part]
      const { $ref: _r, ...rest } = o
      return { ...(resolve(node, target, depth + 1) as object), ...(resolve(rest, file, depth) as object) }
    }
    return Object.fromEntries(
      Object.entries(o)
        .filter(([k]) => k !== '$id' && k !== '$schema')
        .map(([k, x]) => [k, resolve(x, file, depth)]),
    )
  }
  const rule = files.get('rule.schema.json') as {
    properties: Record<string, unknown>
    required: string[]
    description?: string
  }
  const { conditions: _c, params: _p, ...properties } = rule.properties
  return {
    title: '规则 / rule',
    type: 'object',
    required: rule.required.filter((r) => r !== 'conditions'),
    properties: resolve(properties, 'rule.schema.json') as Record<string, unknown>,
  }
}
