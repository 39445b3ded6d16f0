/** Validates a calendar-year file's JSON against schemas/calendar-year.schema.json (the one call to swap for src/schema/). */

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import Ajv2020Module from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { Problem } from '../errors/xingquan-error.js'
import type { CalendarYearData } from './calendar-year-data.js'

// ajv and ajv-formats are CommonJS: under NodeNext their class and plugin sit on `.default`.
const Ajv2020 = Ajv2020Module.default
const addFormats = addFormatsModule.default

interface SourceMap {
  readonly pointers: Record<string, { readonly value: { line: number; column: number }; readonly key?: { line: number; column: number } }>
}
const jsonSourceMap = createRequire(import.meta.url)('json-source-map') as { parse(text: string): SourceMap }

/** Where the schema file lives. */
export const CALENDAR_YEAR_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/calendar-year.schema.json', import.meta.url))

let compiled: ValidateFunction<CalendarYearData> | undefined

function validator(): ValidateFunction<CalendarYearData> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true })
    addFormats(ajv)
    compiled = ajv.compile<CalendarYearData>(JSON.parse(readFileSync(CALENDAR_YEAR_SCHEMA_FILE, 'utf8')) as object)
  }
  return compiled
}

function describe(e: ErrorObject): { pointer: string; zh: string; en: string } {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return { pointer: e.instancePath, zh: `缺少必填字段 ${String(p.missingProperty)}`, en: `missing required property ${String(p.missingProperty)}` }
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${String(p.additionalProperty)}`, zh: `不允许的字段 ${String(p.additionalProperty)}`, en: `property ${String(p.additionalProperty)} is not allowed` }
    case 'format':
      return { pointer: e.instancePath, zh: `格式不符合 ${String(p.format)}（日期应为 YYYY-MM-DD 且真实存在）`, en: `does not match format ${String(p.format)}` }
    case 'enum':
    case 'const':
      return { pointer: e.instancePath, zh: `取值不在允许范围内：${JSON.stringify(p.allowedValues ?? p.allowedValue)}`, en: `must be one of ${JSON.stringify(p.allowedValues ?? p.allowedValue)}` }
    case 'type':
      return { pointer: e.instancePath, zh: `类型应为 ${String(p.type)}`, en: `must be of type ${String(p.type)}` }
    default:
      return { pointer: e.instancePath, zh: `不符合 schema（${e.keyword}）：${e.message ?? ''}`, en: `${e.keyword}: ${e.message ?? 'invalid'}` }
  }
}

/**
 * Checks parsed JSON against the calendar-year schema; returns one `SCHEMA_INVALID` problem per violation,
 * with the file, the JSON pointer and, when `text` (the file's source) is given, its line and column.
 * @example validateCalendarYear(JSON.parse(text), 'rules/calendar/2025.json', text) // []
 */
export function validateCalendarYear(data: unknown, file: string, text?: string): Problem[] {
  const validate = validator()
  if (validate(data)) return []
  let map: SourceMap | undefined
  try {
    map = text === undefined ? undefined : jsonSourceMap.parse(text)
  } catch {
    map = undefined
  }
  const problems = (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if') // the failing branch of an if/then is reported by itself
    .map((e): Problem => {
      const { pointer, zh, en } = describe(e)
      const at = map?.pointers[pointer]
      const position = at?.key ?? at?.value
      return {
        code: 'SCHEMA_INVALID',
        zh,
        en,
        file,
        pointer,
        ...(position ? { line: position.line + 1, column: position.column + 1 } : {}),
      }
    })
  return problems
}
