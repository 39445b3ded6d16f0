/**
 * Replaces every citation written out inline (document, article, item, text) by a citation of its provision by id,
 * `{ "provision": "sc-es.10.2.3" }`, in rule packs and notice template descriptions. The text moves to the provisions
 * files (rules/**\/*.provisions.json); records and notices still show it, resolved when the pack is loaded.
 * Idempotent: a file without inline citations is left as it is. A citation no provision matches is reported and
 * left inline; the script then exits 1 and writes nothing for that file.
 *
 *   npx tsx scripts/migrate/cite-provisions.ts                     # every shipped pack but the 理县 discretion pack, and templates/
 *   npx tsx scripts/migrate/cite-provisions.ts rules/lixian/discretion-standards.pack.json
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inlineCitations, loadProvisions, type ProvisionLibrary } from '../../src/provisions/provision-library.js'
import { findFiles } from '../../src/utils/find-files.js'
import { applyEdits, rangeOf, type Edit } from './text-edits.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const rulesDir = join(root, 'rules')
/** Another helper reshapes it; the lead runs this script on it after merging. */
const LEFT_FOR_LATER = 'rules/lixian/discretion-standards.pack.json'

interface Inline {
  document: string
  article: string
  item?: string
  text?: string
}

const key = (document: string, article: string, item: string | undefined) => `${document}|${article}|${item ?? ''}`

function index(library: ProvisionLibrary): Map<string, string> {
  const out = new Map<string, string>()
  for (const p of library.byId.values()) out.set(key(p.document, p.article, p.item), p.id)
  return out
}

/** The provision ids an inline citation stands for: one, or one per item of a joined "(三)(四)". */
function idsOf(c: Inline, ids: Map<string, string>): string[] | undefined {
  const one = ids.get(key(c.document, c.article, c.item))
  if (one) return [one]
  const items = c.item?.match(/\([一二三四五六七八九十]+\)/g)
  if (!items || items.length < 2 || items.join('') !== c.item) return undefined
  const each = items.map((i) => ids.get(key(c.document, c.article, i)))
  return each.every((x) => x !== undefined) ? (each as string[]) : undefined
}

const get = (data: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce(
      (node: unknown, part) => (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')],
      data,
    )

/** The migrated text of one file, and the citations no provision matched. */
export function migrateText(text: string, ids: Map<string, string>): { text: string; unmatched: string[] } {
  const data = JSON.parse(text) as unknown
  const edits: Edit[] = []
  const unmatched: string[] = []
  for (const pointer of inlineCitations(data)) {
    const c = get(data, pointer) as Inline
    const extra = Object.keys(c).filter((k) => !['document', 'article', 'item', 'text'].includes(k))
    const found = extra.length === 0 ? idsOf(c, ids) : undefined
    if (!found) {
      unmatched.push(
        `${pointer}: ${c.document} ${c.article}${c.item ?? ''}${extra.length ? ` (${extra.join(', ')})` : ''}`,
      )
      continue
    }
    const inArray = /\/\d+$/.test(pointer)
    if (found.length > 1 && !inArray) {
      unmatched.push(`${pointer}: ${c.document} ${c.article}${c.item} (several items outside a list)`)
      continue
    }
    const { start, end } = rangeOf(text, pointer)
    edits.push({ start, end, text: found.map((id) => `{ "provision": "${id}" }`).join(', ') })
  }
  return { text: applyEdits(text, edits), unmatched }
}

function defaultFiles(): string[] {
  const packs = findFiles(rulesDir, '.pack.json').filter(
    (f) => relative(root, f) !== LEFT_FOR_LATER && !relative(root, f).includes('/examples/'),
  )
  const templatesDir = join(root, 'templates')
  const templates = readdirSync(templatesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(templatesDir, f))
  return [...packs, ...templates]
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { library, problems } = loadProvisions(rulesDir)
  if (problems.length > 0) {
    for (const p of problems) console.error(`${p.file ?? ''} ${p.pointer ?? ''} [${p.code}] ${p.zh} / ${p.en}`)
    process.exit(1)
  }
  const ids = index(library)
  const files =
    process.argv.slice(2).length > 0 ? process.argv.slice(2).map((f) => join(process.cwd(), f)) : defaultFiles()
  let failed = false
  for (const file of files) {
    const before = readFileSync(file, 'utf8')
    const { text, unmatched } = migrateText(before, ids)
    const name = relative(root, file)
    if (unmatched.length > 0) {
      failed = true
      console.error(`${name}: 没有对应条文的引用 / citations no provision matches:\n  ${unmatched.join('\n  ')}`)
      continue
    }
    if (text === before) console.log(`${name}: 无需迁移 / nothing to migrate`)
    else {
      writeFileSync(file, text)
      console.log(
        `${name}: ${inlineCitations(JSON.parse(before)).length} 处引用改为条文编号 / citations now cite a provision id`,
      )
    }
  }
  process.exit(failed ? 1 : 0)
}
