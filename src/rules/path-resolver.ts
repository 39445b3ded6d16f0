/** A dot-path resolver (`$.a.b`) used by both the compiled evaluator and json-rules-engine, instead of jsonpath-plus. */

/**
 * Resolves `$.a.b` inside a value as jsonpath-plus does for such paths: own properties only (never
 * `constructor` or `toString` from a prototype), a string's `length` included; undefined when a step is missing.
 * @example resolvePath({ a: { b: 1 } }, '$.a.b') // 1
 */
export function resolvePath(value: unknown, path: string): unknown {
  let cur: unknown = value
  for (const key of path.slice(2).split('.')) {
    // jsonpath-plus steps into `val` only when `val && hasOwnProperty.call(val, key)`
    if (!cur || !Object.hasOwn(cur, key)) return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}
