/** Walks schemas/notice-context.schema.json: which fields a template may name, and which of them may be absent. */
import { readSchemas, SCHEMA_BASE, type JsonSchema } from '../schema/schema-files.js'

/** A place in a schema: the file it lives in, and the node. */
export interface ShapeNode {
  readonly file: string
  readonly node: JsonSchema
}

export interface FieldShape {
  /** The schemas the field may take (several for a union). */
  readonly nodes: readonly ShapeNode[]
  /** May be null or missing: a template must guard it (#if, #with, #each) or it needs a provider. */
  readonly mayBeAbsent: boolean
  /** An object whose keys the schema leaves open (firing.params): any key is accepted. */
  readonly open: boolean
}

let files: Map<string, JsonSchema> | undefined
const schemas = () => (files ??= new Map(readSchemas().map(({ file, schema }) => [file, schema])))

function deref(at: ShapeNode): ShapeNode {
  let cur = at
  for (let i = 0; i < 20 && typeof cur.node.$ref === 'string'; i++) {
    const [target = '', pointer = ''] = (cur.node.$ref as string).split('#')
    const file = target === '' ? cur.file : target.replace(SCHEMA_BASE, '')
    let node: unknown = schemas().get(file)
    for (const part of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown>)?.[part]
    if (!node) throw new Error(`schema reference not found: ${String(cur.node.$ref)}`)
    cur = { file, node: node as JsonSchema }
  }
  return cur
}

const typesOf = (n: JsonSchema): string[] =>
  Array.isArray(n.type) ? (n.type as string[]) : typeof n.type === 'string' ? [n.type] : []

/** The non-null alternatives of a node, unions expanded; whether null is one of them. */
function alternatives(at: ShapeNode): { alts: ShapeNode[]; nullable: boolean } {
  const n = deref(at)
  const union = (n.node.oneOf ?? n.node.anyOf) as JsonSchema[] | undefined
  let nullable = typesOf(n.node).includes('null')
  if (!union) return { alts: typesOf(n.node).length === 1 && nullable ? [] : [n], nullable }
  const alts: ShapeNode[] = []
  for (const branch of union) {
    const inner = alternatives({ file: n.file, node: branch })
    nullable ||= inner.nullable
    alts.push(...inner.alts)
  }
  return { alts, nullable }
}

/** The discriminating `type` constant of an event branch, when it has one. */
function typeConst(at: ShapeNode): string | undefined {
  const props = at.node.properties as Record<string, JsonSchema> | undefined
  const c = props?.type?.const
  return typeof c === 'string' ? c : undefined
}

/**
 * The root shape: what every template receives.
 * @example const root = contextRoot(); field(root.nodes, 'case')
 */
export function contextRoot(): FieldShape {
  return {
    nodes: [deref({ file: 'notice-context.schema.json', node: schemas().get('notice-context.schema.json')! })],
    mayBeAbsent: false,
    open: false,
  }
}

/**
 * The shape of `name` inside `parent`; undefined when no alternative of the parent has it. `only` keeps the union
 * branches whose `type` constant is listed (an event narrowed to the event types a notice declares).
 * @example field(contextRoot().nodes, 'deadline')?.mayBeAbsent // true
 */
export function field(parent: readonly ShapeNode[], name: string, only?: readonly string[]): FieldShape | undefined {
  const nodes: ShapeNode[] = []
  let optional = false
  let open = false
  let found = false
  const visit = (at: ShapeNode) => {
    const { alts } = alternatives(at)
    for (const alt of alts) {
      const c = typeConst(alt)
      if (only && c !== undefined && !only.includes(c)) continue
      for (const part of (alt.node.allOf as JsonSchema[] | undefined) ?? []) visit({ file: alt.file, node: part })
      const props = alt.node.properties as Record<string, JsonSchema> | undefined
      const prop = props?.[name]
      if (prop) {
        found = true
        const required = (alt.node.required as string[] | undefined) ?? []
        if (!required.includes(name)) optional = true
        nodes.push({ file: alt.file, node: prop })
      } else if (typesOf(alt.node).includes('object') && !props && alt.node.additionalProperties !== false) {
        found = true
        open = true
        optional = true
      }
    }
  }
  for (const p of parent) visit(p)
  if (!found) return undefined
  const nullable = nodes.some((n) => alternatives(n).nullable)
  return { nodes, mayBeAbsent: optional || nullable, open }
}

/**
 * The item shape of an array field, for `#each`.
 * @example items(field(root.nodes, 'considered')!.nodes)
 */
export function items(nodes: readonly ShapeNode[]): FieldShape | undefined {
  const out: ShapeNode[] = []
  for (const n of nodes) {
    for (const alt of alternatives(n).alts) {
      if (alt.node.items && typeof alt.node.items === 'object')
        out.push({ file: alt.file, node: alt.node.items as JsonSchema })
      if (Array.isArray(alt.node.prefixItems))
        for (const it of alt.node.prefixItems as JsonSchema[]) out.push({ file: alt.file, node: it })
    }
  }
  return out.length > 0 ? { nodes: out, mayBeAbsent: false, open: false } : undefined
}

/**
 * Whether a field may be an array (so `.length` and `#each` apply).
 * @example isArray(field(root.nodes, 'copyTo')!.nodes) // true
 */
export function isArray(nodes: readonly ShapeNode[]): boolean {
  return nodes.some((n) => alternatives(n).alts.some((a) => typesOf(a.node).includes('array')))
}
