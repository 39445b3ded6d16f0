/** The condition-by-condition trace of a firing: what each condition found, expected and concluded. */
import type { EvaluationJson, TraceEntry } from '../types/generated.js'

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
 * Flattens a result tree into trace entries, depth first.
 * @example toTrace(root) // [{ at: 'all', operator: 'all', result: true }, { at: 'all[0]', fact: 'statutoryOverdue', ... }]
 */
export function toTrace(node: ResultNode, at = node.kind === 'boolean' ? node.operator : ''): TraceEntry[] {
  const ref = node.reference !== undefined ? { condition: node.reference } : {}
  if (node.kind === 'boolean') {
    const head: TraceEntry = { at, ...ref, operator: node.operator, result: node.result ?? 'not-evaluated' }
    return [
      head,
      ...node.children.flatMap((c, i) => toTrace(c, `${at}[${i}]${c.kind === 'boolean' ? `.${c.operator}` : ''}`)),
    ]
  }
  const expected = isFactRef(node.value)
    ? { ...(node.evaluated ? { expected: node.valueResult as EvaluationJson } : {}), expectedFact: node.value.fact }
    : { expected: node.value as EvaluationJson }
  return [
    {
      at,
      ...ref,
      operator: node.operator,
      fact: node.fact,
      ...(node.path !== undefined ? { path: node.path } : {}),
      ...expected,
      ...(node.evaluated ? { found: node.factResult ?? null } : {}),
      result: node.evaluated ? (node.result ?? false) : 'not-evaluated',
    },
  ]
}
