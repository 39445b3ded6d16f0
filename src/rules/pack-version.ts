/** A rule pack's version: the SHA-256 of its canonical JSON, so that any change of content is a new version. */
import { createHash } from 'node:crypto'

/**
 * JSON with object keys sorted at every depth: the same content always gives the same text.
 * (Written as loops: it runs over every record the service hashes. Its output must never change, or the stored hash
 * chains and pack versions would no longer verify; test/store/canonical-json.test.ts holds it to the first version.)
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      // as Array.prototype.join: nothing for an item that has no JSON text
      const item = canonicalJson(value[i]) as string | undefined
      if (item !== undefined) out += item
    }
    return `${out}]`
  }
  const object = value as Record<string, unknown>
  // own enumerable string keys, ordered by UTF-16 code units (the default sort), members that are undefined left out
  const keys = Object.keys(object).sort()
  let out = '{'
  for (const key of keys) {
    const member = object[key]
    if (member === undefined) continue
    out += out.length === 1 ? keyText(key) : `,${keyText(key)}`
    out += canonicalJson(member)
  }
  return `${out}}`
}

/** `"key":`, escaped once per distinct key (the shapes repeat: facts, firings, traces), for a bounded number of keys. */
const KEY_TEXT = new Map<string, string>()

/**
 * A member's key as JSON text with its colon, escaped once per distinct key.
 * @example keyText('a"b') // '"a\\"b":'
 */
export function keyText(key: string): string {
  let text = KEY_TEXT.get(key)
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`
    if (KEY_TEXT.size < 10_000) KEY_TEXT.set(key, text)
  }
  return text
}

/**
 * `sha256:` and the hex digest of the canonical JSON.
 * @example packVersion(pack) // 'sha256:9f86d0…'
 */
export function packVersion(pack: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(pack)).digest('hex')}`
}
