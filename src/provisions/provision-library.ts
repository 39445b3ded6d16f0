/** The provisions of a rules directory (rules/**\/*.provisions.json): each article, paragraph, item and sub-item by id. */
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { findFiles } from '../utils/find-files.js'
import { parseAndValidate } from '../schema/validator.js'
import type { Citation, Provision, ProvisionsFile } from '../types/generated.js'

/** A provision with the document it belongs to. */
export interface PlacedProvision extends Provision {
  readonly document: string
  readonly file: string
}

export interface ProvisionLibrary {
  readonly files: readonly { readonly file: string; readonly content: ProvisionsFile }[]
  readonly byId: ReadonlyMap<string, PlacedProvision>
}

export const EMPTY_LIBRARY: ProvisionLibrary = Object.freeze({ files: [], byId: new Map() })

/**
 * Reads every `*.provisions.json` under `dir`; returns the library and the problems (an id twice, an id outside its
 * document's prefix, a file that is not valid).
 * @example const { library } = loadProvisions('rules'); library.byId.get('sc-es.10.2.3')?.label // '第十条第（二）项第3目'
 */
export function loadProvisions(dir: string): { library: ProvisionLibrary; problems: Problem[] } {
  const files: { file: string; content: ProvisionsFile }[] = []
  const byId = new Map<string, PlacedProvision>()
  const problems: Problem[] = []
  if (!existsSync(dir)) return { library: EMPTY_LIBRARY, problems }
  for (const path of findFiles(dir, '.provisions.json')) {
    const file = relative(process.cwd(), path) || path
    let content: ProvisionsFile
    try {
      content = parseAndValidate<ProvisionsFile>('provisions', readFileSync(path, 'utf8'), file)
    } catch (err) {
      if (err instanceof XingquanError) {
        problems.push(...err.problems)
        continue
      }
      throw err
    }
    files.push({ file, content })
    for (const [i, p] of content.provisions.entries()) {
      const pointer = `/provisions/${i}/id`
      if (!p.id.startsWith(`${content.id}.`)) {
        problems.push({
          code: 'PROVISION_ID_PREFIX',
          file,
          pointer,
          zh: `条文编号“${p.id}”应以文件编号“${content.id}.”开头`,
          en: `provision id "${p.id}" must start with the document id "${content.id}."`,
        })
      }
      const twin = byId.get(p.id)
      if (twin) {
        problems.push({
          code: 'PROVISION_ID_DUPLICATE',
          file,
          pointer,
          zh: `条文编号“${p.id}”与 ${twin.file} 重复`,
          en: `provision id "${p.id}" is also used in ${twin.file}`,
        })
        continue
      }
      byId.set(p.id, Object.freeze({ ...p, document: content.document.title, file }))
    }
  }
  return { library: Object.freeze({ files, byId }), problems }
}

const SHIPPED_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url))

/**
 * The provisions a rules directory's packs cite, read now: its own `*.provisions.json` files, or the shipped ones when
 * it has none (a draft, a copy of one pack); the problems are those of its own files.
 * @example const { library, problems } = provisionsFor('rules')
 */
export function provisionsFor(dir: string): { library: ProvisionLibrary; problems: Problem[] } {
  const own = existsSync(dir) && findFiles(dir, '.provisions.json').length > 0
  const loaded = loadProvisions(own ? dir : SHIPPED_RULES_DIR)
  return { library: loaded.library, problems: own ? loaded.problems : [] }
}

const byDir = new Map<string, ProvisionLibrary>()

/**
 * The provisions of the service's rules directory, as provisionsFor, read once per process (a provisions file edited
 * while the service runs is read at its next start): the service resolves drafts and activations with them.
 * @example resolveCitations(input, provisionsOf(rt.rulesDir))
 */
export function provisionsOf(dir: string): ProvisionLibrary {
  let library = byDir.get(dir)
  if (!library) {
    library = provisionsFor(dir).library
    byDir.set(dir, library)
  }
  return library
}

/**
 * The citation a provision stands for, as records, notices and traces show it: document, article, item, its text,
 * with the provision's id and label.
 * @example citationOf(library.byId.get('sc-es.9')!) // { document: '四川省…电子监察管理办法(试行)', article: '第九条', text: '对监察机关…', … }
 */
export function citationOf(p: PlacedProvision): Citation {
  return {
    document: p.document,
    article: p.article,
    ...(p.item !== undefined ? { item: p.item } : {}),
    text: p.text,
    provision: p.id,
    label: p.label,
  }
}

const isRef = (v: unknown): v is { provision: string } =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  typeof (v as { provision?: unknown }).provision === 'string' &&
  Object.keys(v).length === 1

const pointerPart = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

/**
 * A copy of `data` with every citation by id (`{ "provision": id }`) replaced by the citation it stands for; the
 * problems name each id that no provision has, with its JSON pointer. Nothing else changes.
 * @example const { value, problems } = resolveCitations(JSON.parse(text), library)
 */
export function resolveCitations<T>(data: T, library: ProvisionLibrary): { value: T; problems: Problem[] } {
  const problems: Problem[] = []
  const walk = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => walk(v, `${pointer}/${i}`))
    if (node === null || typeof node !== 'object') return node
    if (isRef(node)) {
      const p = library.byId.get(node.provision)
      if (p) return citationOf(p)
      problems.push({
        code: 'CITATION_UNKNOWN',
        pointer: `${pointer}/provision`,
        zh: `引用的条文“${node.provision}”不存在（条文文件 rules/**/*.provisions.json 中没有这一编号）`,
        en: `the cited provision "${node.provision}" does not exist (no provisions file under rules/ has this id)`,
      })
      return node
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, `${pointer}/${pointerPart(k)}`)]))
  }
  return { value: walk(data, '') as T, problems }
}

/**
 * The JSON pointers of citations still written out inline (document and article, no provision id): they load,
 * and lint asks to migrate them with scripts/migrate/cite-provisions.ts.
 * @example inlineCitations(pack) // ['/rules/0/citation']
 */
export function inlineCitations(data: unknown): string[] {
  const out: string[] = []
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${pointer}/${i}`)
    } else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>
      if (typeof o.document === 'string' && typeof o.article === 'string' && o.provision === undefined)
        out.push(pointer)
      else for (const [k, v] of Object.entries(o)) walk(v, `${pointer}/${pointerPart(k)}`)
    }
  }
  walk(data, '')
  return out
}
