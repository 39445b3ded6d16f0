/** Edits of a JSON text in place, by JSON pointer, that keep the rest of the file as legal staff laid it out. */
import jsonSourceMap from 'json-source-map'

export interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** The character range of the value at `pointer`. */
export function rangeOf(text: string, pointer: string): { start: number; end: number } {
  const m = jsonSourceMap.parse(text).pointers[pointer]
  if (!m) throw new Error(`no value at ${pointer}`)
  return { start: m.value.pos, end: m.valueEnd.pos }
}

/** Applies edits that do not overlap, last first, so that each range still means what it meant. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

/** The indentation of the line a position is on. */
export function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1
  return /^[ ]*/.exec(text.slice(lineStart))![0]
}
