/** Freezes a value loaded from a file, all the way down: validated once at load, never changed after. */

/**
 * Freezes `value` and everything it holds; returns it.
 * @example const pack = deepFreeze(JSON.parse(text))
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
