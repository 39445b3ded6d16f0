/** Where a JSON pointer lies in a pack file: file, line and column, for lint messages. */
import { readFileSync } from 'node:fs'
import type { Problem } from '../errors/xingquan-error.js'
import type { LoadedPack } from '../rules/rule-library.js'
import { locate } from '../schema/validator.js'

const texts = new Map<string, string>()

/**
 * The location of `pointer` in the pack's file.
 * @example at(pack, '/rules/3/id') // { file: 'rules/aba/catalog.pack.json', pointer: '/rules/3/id', line: 40, column: 7 }
 */
export function at(pack: LoadedPack, pointer: string): Pick<Problem, 'file' | 'pointer' | 'line' | 'column'> {
  let text = texts.get(pack.file)
  if (text === undefined) {
    try {
      text = readFileSync(pack.file, 'utf8')
    } catch {
      text = ''
    }
    texts.set(pack.file, text)
  }
  const pos = text ? locate(text, pointer) : undefined
  return { file: pack.file, pointer, ...(pos ?? {}) }
}

/**
 * `document 第X条(item)` for messages.
 * @example citeText({ document: '阿坝州…实施办法(试行)', article: '第二十条' }) // '阿坝州…实施办法(试行) 第二十条'
 */
export const citeText = (c: { document: string; article: string; item?: string }): string =>
  `${c.document} ${c.article}${c.item ?? ''}`
