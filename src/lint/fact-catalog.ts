/** The facts a rule may name, read from schemas/facts.schema.json: their JSON types and allowed values. */
import { readSchemas } from '../schema/schema-files.js'

export interface FactSpec {
  readonly name: string
  readonly types: readonly string[]
  readonly enum?: readonly unknown[]
}

let catalog: ReadonlyMap<string, FactSpec> | undefined

/**
 * Every fact of the schema, by name.
 * @example factCatalog().get('statutoryOverdue') // { name: 'statutoryOverdue', types: ['boolean'] }
 */
export function factCatalog(): ReadonlyMap<string, FactSpec> {
  if (catalog) return catalog
  const schema = readSchemas().find((s) => s.file === 'facts.schema.json')!.schema as {
    properties: Record<string, { type?: string | string[]; enum?: unknown[] }>
  }
  catalog = new Map(
    Object.entries(schema.properties).map(([name, p]) => {
      const types =
        p.type === undefined
          ? p.enum
            ? [...new Set(p.enum.map((v) => (v === null ? 'null' : typeof v)))]
            : []
          : Array.isArray(p.type)
            ? p.type
            : [p.type]
      return [
        name,
        { name, types: types.map((t) => (t === 'integer' ? 'number' : t)), ...(p.enum ? { enum: p.enum } : {}) },
      ]
    }),
  )
  return catalog
}
