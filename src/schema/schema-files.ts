/** Where the JSON Schemas live and how they are read: the single source of truth for every shape. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas', import.meta.url))
export const SCHEMA_BASE = 'https://xingquan.example/schemas/'

export type JsonSchema = { $id?: string; [key: string]: unknown }

/**
 * Reads every `schemas/*.schema.json`, sorted by file name.
 * @example const all = readSchemas(); all.map((s) => s.file)
 */
export function readSchemas(dir = SCHEMA_DIR): { file: string; schema: JsonSchema }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonSchema }))
}
