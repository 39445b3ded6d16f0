/** The rule packs of a rules directory, loaded, validated and versioned; and the layers that apply to a jurisdiction. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { parseAndValidate } from '../schema/validator.js'
import type { RulePack } from '../types/generated.js'
import { packVersion } from './pack-version.js'
import { deepFreeze } from '../utils/deep-freeze.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url))

export interface LoadedPack {
  /** Path relative to the rules directory. */
  readonly file: string
  readonly pack: RulePack
  /** Content hash, `sha256:…`. */
  readonly version: string
}

/** Every file under `dir` whose name ends with `suffix`, sorted, skipping node_modules and dot folders. */
export function findFiles(dir: string, suffix: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith(suffix)) out.push(p)
    }
  }
  walk(dir)
  return out
}

/**
 * Reads every `*.pack.json` under `dir`; returns the packs and the problems of those that failed.
 * @example const { packs, problems } = loadPacks('rules')
 */
export function loadPacks(dir = DEFAULT_RULES_DIR): { packs: LoadedPack[]; problems: Problem[] } {
  const packs: LoadedPack[] = []
  const problems: Problem[] = []
  for (const path of findFiles(dir, '.pack.json')) {
    const file = relative(process.cwd(), path) || path
    try {
      const pack = parseAndValidate<RulePack>('rule-pack', readFileSync(path, 'utf8'), file)
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
    .sort((a, b) => LEVEL_ORDER[a.pack.jurisdiction.level] - LEVEL_ORDER[b.pack.jurisdiction.level] || (a.pack.id < b.pack.id ? -1 : 1))
}
