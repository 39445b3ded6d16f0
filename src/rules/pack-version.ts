/** A rule pack's version: the SHA-256 of its canonical JSON, so that any change of content is a new version. */
import { createHash } from 'node:crypto'

/**
 * JSON with object keys sorted at every depth: the same content always gives the same text.
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * `sha256:` and the hex digest of the canonical JSON.
 * @example packVersion(pack) // 'sha256:9f86d0…'
 */
export function packVersion(pack: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(pack)).digest('hex')}`
}
