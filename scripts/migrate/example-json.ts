/** JSON as the rule examples are written by hand: two-space indent, and an object or array that fits kept on one line. */

const WIDTH = 120

/** One line, with a space inside braces and after colons and commas: `{ "id": "u-li", "name": "李明" }`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map(inline).join(', ')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`
  }
  return JSON.stringify(value)
}

function format(value: unknown, indent: string, prefix: number, top: boolean): string {
  const one = inline(value)
  if (!top && (value === null || typeof value !== 'object' || indent.length + prefix + one.length <= WIDTH)) return one
  const inner = `${indent}  `
  if (Array.isArray(value))
    return `[\n${value.map((v) => `${inner}${format(v, inner, 0, false)}`).join(',\n')}\n${indent}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner, JSON.stringify(k).length + 2, false)}`).join(',\n')}\n${indent}}`
}

/**
 * The text of an example or base case file, ending with a newline.
 * @example exampleJson({ name: 'x', expect: { fires: ['a'] } }) // '{\n  "name": "x",\n  "expect": { "fires": ["a"] }\n}\n'
 */
export function exampleJson(value: unknown): string {
  return `${format(value, '', 0, true)}\n`
}
