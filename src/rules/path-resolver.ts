/** A dot-path resolver (`$.a.b`) used by both the compiled evaluator and json-rules-engine, instead of jsonpath-plus. */

/**
 * Resolves `$.a.b` inside a value; undefined when a step is missing.
 * @example resolvePath({ a: { b: 1 } }, '$.a.b') // 1
 */
export function resolvePath(value: unknown, path: string): unknown {
  let cur: unknown = value
  for (const key of path.slice(2).split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}
