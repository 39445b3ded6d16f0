/** Where a JSON pointer lies in a pack file (or any JSON file): file, line and column, for lint messages. */
import { readFileSync } from 'node:fs'
import type { Problem } from '../errors/xingquan-error.js'
import type { LoadedPack } from '../rules/rule-library.js'
import { locate } from '../schema/validator.js'

/**
 * The location of `pointer` in a JSON file (a pack, a template description): file, line and column; the file is read
 * as it is now (a draft's file may change between lints); one that cannot be read gives the file and pointer alone.
 * @example inFile('templates/red-alarm.json', '/deadline/days') // { file, pointer, line: 11, column: 5 }
 */
export function inFile(file: string, pointer: string): Pick<Problem, 'file' | 'pointer' | 'line' | 'column'> {
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {}
  const pos = text ? locate(text, pointer) : undefined
  return { file, pointer, ...(pos ?? {}) }
}

/**
 * The location of `pointer` in the pack's file.
 * @example at(pack, '/rules/3/id') // { file: 'rules/aba/catalog.pack.json', pointer: '/rules/3/id', line: 40, column: 7 }
 */
export const at = (pack: LoadedPack, pointer: string) => inFile(pack.file, pointer)

/**
 * `document 第X条(item)` for messages.
 * @example citeText({ document: '阿坝州…实施办法(试行)', article: '第二十条' }) // '阿坝州…实施办法(试行) 第二十条'
 */
export const citeText = (c: { document: string; article: string; item?: string }): string =>
  `${c.document} ${c.article}${c.item ?? ''}`
