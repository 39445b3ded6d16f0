/** The condition-by-condition trace of a firing: what each condition found, expected and concluded. */
import type { TraceEntry } from '../types/generated.js'

/** One condition as evaluated: the shape json-rules-engine leaves in a RuleResult, as plain data. */
export type ResultNode =
  | {
      readonly kind: 'boolean'
      readonly operator: 'all' | 'any' | 'not'
      readonly reference?: string
      readonly children: readonly ResultNode[]
      readonly result?: boolean
    }
  | {
      readonly kind: 'fact'
      readonly fact: string
      readonly operator: string
      readonly value: unknown
      /** The parameter the value was bound from (`{ "param": id }`), when the condition names one. */
      readonly param?: string
      readonly path?: string
      readonly reference?: string
      readonly evaluated: boolean
      readonly factResult?: unknown
      readonly valueResult?: unknown
      readonly result?: boolean
    }

/** One condition as evaluated, for the record (schemas/evaluation.schema.json). */
export type { TraceEntry } from '../types/generated.js'

const isFactRef = (v: unknown): v is { fact: string } =>
  v !== null && typeof v === 'object' && Object.hasOwn(v as object, 'fact')

/**
 * Flattens a result tree into trace entries, depth first (each entry's keys in one fixed order).
 * @example toTrace(root) // [{ at: 'all', operator: 'all', result: true }, { at: 'all[0]', fact: 'statutoryOverdue', ... }]
 */
export function toTrace(node: ResultNode, at = node.kind === 'boolean' ? node.operator : ''): TraceEntry[] {
  const out: TraceEntry[] = []
  walk(node, at, out)
  return out
}

/** One node's entry, then its children's: built in place, since every firing's trace is made on the hot path. */
function walk(node: ResultNode, at: string, out: TraceEntry[]): void {
  const entry: Record<string, unknown> = { at }
  if (node.reference !== undefined) entry.condition = node.reference
  entry.operator = node.operator
  if (node.kind === 'boolean') {
    entry.result = node.result ?? 'not-evaluated'
    out.push(entry as unknown as TraceEntry)
    for (let i = 0; i < node.children.length; i++) {
      const c = node.children[i]!
      walk(c, c.kind === 'boolean' ? `${at}[${i}].${c.operator}` : `${at}[${i}]`, out)
    }
    return
  }
  entry.fact = node.fact
  if (node.path !== undefined) entry.path = node.path
  if (isFactRef(node.value)) {
    if (node.evaluated) entry.expected = node.valueResult
    entry.expectedFact = node.value.fact
  } else entry.expected = node.value
  if (node.param !== undefined) entry.param = node.param
  if (node.evaluated) entry.found = node.factResult ?? null
  entry.result = node.evaluated ? (node.result ?? false) : 'not-evaluated'
  out.push(entry as unknown as TraceEntry)
}
