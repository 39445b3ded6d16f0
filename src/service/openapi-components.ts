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
    out[title] = withMapping(localize(root, rewrite) as Record<string, unknown>, $defs ?? {}, title)
    for (const [name, def] of Object.entries($defs ?? {})) out[defName(title, name)] = localize(def, rewrite) as object
  }
  return out
}

/**
 * A discriminator without a mapping names each alternative by its component name (so generators expect
 * `type: "CaseEvent_accepted"`); give it the mapping from each alternative's `const`.
 */
function withMapping(schema: Record<string, unknown>, defs: Record<string, unknown>, title: string): object {
  const d = schema.discriminator as { propertyName: string; mapping?: object } | undefined
  if (!d || d.mapping || !Array.isArray(schema.oneOf)) return schema
  const mapping: Record<string, string> = {}
  for (const alt of schema.oneOf as { $ref?: string }[]) {
    const name = alt.$ref?.slice(`${COMPONENTS}${title}_`.length) ?? ''
    const value = (defs[name] as { properties?: Record<string, { const?: unknown }> } | undefined)?.properties?.[
      d.propertyName
    ]?.const
    if (typeof value === 'string' && alt.$ref) mapping[value] = alt.$ref
  }
  return { ...schema, discriminator: { ...d, mapping } }
}

/**
 * A deep copy with every `$ref` string rewritten. A choice between two named shapes written `if`/`then`/`else` (for
 * ajv's clearer messages) also gets `anyOf: [then, else]`, which says nothing more to a validator but lets client
 * generators type it as a union of the two.
 */
function localize(value: unknown, rewrite: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => localize(v, rewrite))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value))
    out[k] = k === '$ref' && typeof v === 'string' ? rewrite(v) : localize(v, rewrite)
  const named = (x: unknown) => x !== null && typeof x === 'object' && Object.keys(x).length === 1 && '$ref' in x
  if (named(out.then) && named(out.else) && !('anyOf' in out)) out.anyOf = [out.then, out.else]
  return out
}
