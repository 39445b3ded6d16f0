/** Reads the catalogs of a rules directory (rules/catalog/*.catalog.json), validated and versioned. */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { packVersion } from '../rules/pack-version.js'
import { findFiles } from '../rules/rule-library.js'
import { parseAndValidate } from '../schema/validator.js'
import type { CatalogFile } from '../types/generated.js'
import type { CatalogEntry, PowerCatalog } from './power-catalog.js'

/**
 * The catalog of `<dir>/catalog`, or undefined when there is none; the problems of files that failed.
 * @example const { catalog, problems } = loadCatalog('rules')
 */
export function loadCatalog(dir: string): { catalog: PowerCatalog | undefined; problems: Problem[] } {
  const root = join(dir, 'catalog')
  if (!existsSync(root)) return { catalog: undefined, problems: [] }
  const files: CatalogFile[] = []
  const problems: Problem[] = []
  for (const path of findFiles(root, '.catalog.json')) {
    const file = relative(process.cwd(), path) || path
    try {
      const data = parseAndValidate<CatalogFile>('catalog', readFileSync(path, 'utf8'), file)
      const seen = new Set<string>()
      for (const [i, item] of data.items.entries()) {
        if (seen.has(item.code))
          problems.push({
            code: 'CATALOG_ITEM_DUPLICATE',
            file,
            pointer: `/items/${i}/code`,
            zh: `权力编码“${item.code}”重复`,
            en: `power item code "${item.code}" appears twice`,
          })
        seen.add(item.code)
      }
      files.push(data)
    } catch (err) {
      if (err instanceof XingquanError) problems.push(...err.problems)
      else throw err
    }
  }
  const items: CatalogEntry[] = files.flatMap((f) => f.items.map((i) => ({ ...i, jurisdiction: f.jurisdiction.code })))
  const catalog = Object.freeze({
    version: packVersion(files.map(({ $schema: _s, ...f }) => f)),
    jurisdictions: [...new Set(files.map((f) => f.jurisdiction.code))].sort(),
    items,
  })
  return { catalog, problems }
}
