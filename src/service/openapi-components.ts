/** The JSON Schemas of schemas/ as OpenAPI components: each file's `$defs` hoisted, every `$ref` made document-local. */
import { SCHEMA_BASE, type JsonSchema } from '../schema/schema-files.js'

const COMPONENTS = '#/components/schemas/'

/** The component name of a definition: the file's title, then the definition's name (`CaseEvent_accepted`). */
const defName = (title: string, def: string) => `${title}_${def}`

/**
 * The components for a set of schema files: one per file (named by its title) and one per `$defs` entry, with
 * `#/$defs/x`, `other.schema.json#/$defs/x` and absolute `$id` references rewritten to `#/components/schemas/…`, and
 * `$id`/`$schema`/`$defs` removed, so that an OpenAPI 3.1 validator resolves every reference inside the document.
 * @example const components = schemaComponents(readSchemas()) // { CaseEvent: {…}, CaseEvent_accepted: {…}, … }
 */
export function schemaComponents(files: readonly { file: string; schema: JsonSchema }[]): Record<string, object> {
  const titleOf = new Map(files.map(({ file, schema }) => [file, String(schema.title)]))
  const out: Record<string, object> = {}
  for (const { file, schema } of files) {
    const title = titleOf.get(file)!
    const rewrite = (ref: string): string => {
      const rel = ref.startsWith(SCHEMA_BASE) ? ref.slice(SCHEMA_BASE.length) : ref
      const [target, pointer = ''] = rel.split('#') as [string, string?]
      const owner = target === '' ? title : titleOf.get(target)
      if (owner === undefined) throw new Error(`openapi: ${file} refers to ${ref}, which is not in schemas/`)
      const m = /^\/\$defs\/([^/]+)(.*)$/.exec(pointer)
      if (m) return `${COMPONENTS}${defName(owner, m[1]!)}${m[2]}`
      if (pointer === '') return `${COMPONENTS}${owner}`
      return `${COMPONENTS}${owner}${pointer}`
    }
    const { $id: _id, $schema: _schema, $defs, ...root } = schema as JsonSchema & { $defs?: Record<string, unknown> }
    out[title] = localize(root, rewrite) as object
    for (const [name, def] of Object.entries($defs ?? {})) out[defName(title, name)] = localize(def, rewrite) as object
  }
  return out
}

/** A deep copy with every `$ref` string rewritten. */
function localize(value: unknown, rewrite: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => localize(v, rewrite))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' ? rewrite(v) : localize(v, rewrite)
  return out
}
