/** Every text the API takes has a length cap in its schema: no 2 MiB note, no 500,000-character name. */
import { describe, expect, it } from 'vitest'
import { readSchemas, SCHEMA_BASE, type JsonSchema } from '../../src/schema/schema-files.js'
import { SERVICE_SCHEMA_NAMES } from '../../src/service/input-validator.js'

const byId = new Map(readSchemas().map(({ file, schema }) => [`${SCHEMA_BASE}${file}`, schema]))

/** The schema a $ref names, from the schema `base` it appears in. */
function resolve(ref: string, base: string): { schema: unknown; base: string } {
  const [file, fragment] = ref.split('#')
  const id = file ? new URL(file, base).href : base
  let node: unknown = byId.get(id)
  for (const key of (fragment ?? '').split('/').filter(Boolean))
    node = (node as Record<string, unknown>)[decodeURIComponent(key)]
  return { schema: node, base: id }
}

/** A bounded pattern: anchored, without an unbounded repetition. */
const bounded = (pattern: string) => pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(pattern)

function uncapped(start: string): string[] {
  const out: string[] = []
  const seen = new Set<unknown>()
  const walk = (node: unknown, base: string, path: string): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return
    seen.add(node)
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, base, `${path}/${i}`)
      return
    }
    const s = node as JsonSchema & Record<string, unknown>
    if (typeof s.$ref === 'string') {
      const r = resolve(s.$ref, base)
      walk(r.schema, r.base, `${path}→${s.$ref}`)
    }
    const types = ([] as unknown[]).concat(s.type ?? [])
    const capped =
      s.maxLength !== undefined ||
      s.enum !== undefined ||
      s.const !== undefined ||
      s.format !== undefined ||
      (typeof s.pattern === 'string' && bounded(s.pattern))
    if (types.includes('string') && !capped) out.push(path)
    for (const [k, v] of Object.entries(s))
      if (k !== '$ref' && k !== 'enum' && k !== 'const' && k !== 'examples') walk(v, base, `${path}/${k}`)
  }
  walk(byId.get(`${SCHEMA_BASE}${start}.schema.json`), `${SCHEMA_BASE}${start}.schema.json`, start)
  return out
}

describe("length caps on the API's text", () => {
  it.each([...SERVICE_SCHEMA_NAMES.filter((n) => n !== 'pack-activation'), 'case-event'])(
    '%s: every string has maxLength, an enum, a format or a bounded pattern',
    (name) => {
      expect(uncapped(name)).toEqual([])
    },
  )
})
