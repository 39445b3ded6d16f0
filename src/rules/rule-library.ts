/** The rule packs of a rules directory, loaded, validated and versioned; and the layers that apply to a jurisdiction. */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { provisionsFor, resolveCitations, type ProvisionLibrary } from '../provisions/provision-library.js'
import { locate, parseAndValidate } from '../schema/validator.js'
import type { RulePack } from '../types/generated.js'
import { packVersion } from './pack-version.js'
import { deepFreeze } from '../utils/deep-freeze.js'
import { findFiles } from '../utils/find-files.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'

export { findFiles }

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url))

export interface LoadedPack {
  /** Path relative to the rules directory. */
  readonly file: string
  readonly pack: RulePack
  /** Content hash, `sha256:…`. */
  readonly version: string
  /** When the pack's conditions have their parameters bound to the values of a day (packsInForce): which values. */
  readonly parameters?: string
}

/**
 * Reads every `*.pack.json` under `dir`; returns the packs and the problems of those that failed. Citations by
 * provision id are resolved from the `*.provisions.json` files of the same directory (the shipped rules directory's
 * when it has none, or `provisions` when given): a loaded pack carries the document, article, item and text of each
 * citation, as records and notices show them, and its version is the hash of that.
 * @example const { packs, problems } = loadPacks('rules')
 */
export function loadPacks(
  dir = DEFAULT_RULES_DIR,
  provisions?: ProvisionLibrary,
): { packs: LoadedPack[]; problems: Problem[] } {
  const packs: LoadedPack[] = []
  const problems: Problem[] = []
  let library = provisions
  if (!library) {
    // a directory without provisions files (a draft, a copy of one pack) cites the shipped documents
    const loaded = provisionsFor(dir)
    library = loaded.library
    // one at a time: a directory of many files may have more problems than a call takes arguments
    for (const p of loaded.problems) problems.push(p)
  }
  for (const path of findFiles(dir, '.pack.json')) {
    const file = relative(process.cwd(), path) || path
    try {
      const text = readFileSync(path, 'utf8')
      const written = parseAndValidate<RulePack>('rule-pack', text, file)
      const { value: pack, problems: unresolved } = resolveCitations(written, library)
      if (unresolved.length > 0) {
        problems.push(...unresolved.map((p) => ({ ...p, file, ...(locate(text, p.pointer!) ?? {}) })))
        continue
      }
      packs.push(Object.freeze({ file, pack: deepFreeze(pack), version: packVersion(pack) }))
    } catch (err) {
      if (err instanceof XingquanError) problems.push(...err.problems)
      else throw err
    }
  }
  return { packs, problems }
}

const LEVEL_ORDER = { national: 0, province: 1, prefecture: 2, county: 3 } as const

/**
 * The packs whose jurisdiction covers `jurisdiction`, upper layers first (province, prefecture, county).
 * @example layersFor(packs, '513222') // 四川省 packs, then 阿坝州, then 理县
 */
export function layersFor(packs: readonly LoadedPack[], jurisdiction: string): LoadedPack[] {
  return packs
    .filter((p) => jurisdiction.startsWith(jurisdictionPrefix(p.pack.jurisdiction.code)))
    .sort(
      (a, b) =>
        LEVEL_ORDER[a.pack.jurisdiction.level] - LEVEL_ORDER[b.pack.jurisdiction.level] ||
        (a.pack.id < b.pack.id ? -1 : 1),
    )
}
