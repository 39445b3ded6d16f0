/** JSON merge patches (RFC 7386): how an example's acceptance differs from its folder's base case. */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * `target` with `patch` applied: a field given replaces the target's (objects merged field by field), a field set to
 * null is removed, an array is replaced whole. Neither argument is changed.
 * @example applyMergePatch({ a: 1, b: { c: 2 } }, { b: { c: null, d: 3 } }) // { a: 1, b: { d: 3 } }
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch)
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else out[key] = applyMergePatch(out[key], value)
  }
  return out
}

/**
 * The smallest merge patch that turns `from` into `to` (undefined when they are equal); `to` must hold no null
 * inside an object that `from` also has, which case files never do.
 * @example mergePatchBetween({ a: 1, b: 2 }, { a: 1, c: 3 }) // { b: null, c: 3 }
 */
export function mergePatchBetween(from: unknown, to: unknown): Json | undefined {
  if (JSON.stringify(from) === JSON.stringify(to)) return undefined
  if (!isObject(from) || !isObject(to)) return structuredClone(to) as Json
  const patch: Record<string, Json> = {}
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null
  for (const [key, value] of Object.entries(to)) {
    const sub = key in from ? mergePatchBetween(from[key], value) : (structuredClone(value) as Json)
    if (sub !== undefined) patch[key] = sub
  }
  return Object.keys(patch).length > 0 ? patch : undefined
}
