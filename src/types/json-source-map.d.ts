/** Types for json-source-map (it ships none). */
declare module 'json-source-map' {
  interface Position {
    line: number
    column: number
    pos: number
  }
  interface Mapping {
    value: Position
    valueEnd: Position
    key?: Position
    keyEnd?: Position
  }
  export function parse(text: string): { data: unknown; pointers: Record<string, Mapping> }
  const _default: { parse: typeof parse }
  export default _default
}
