/** The power catalog (行政职权目录) as evaluations read it: plain, versioned data, and the status of a power item on a day. */
import type { CatalogItem, CaseHeader } from '../types/generated.js'

/** A catalog item with the government whose catalog lists it. */
export interface CatalogEntry extends CatalogItem {
  /** Six-digit code of the government whose catalog it is, e.g. 513222. */
  readonly jurisdiction: string
}

/**
 * Every catalog known to an environment. The service builds the same shape from its tables: `jurisdictions` says
 * whose catalogs are loaded (a jurisdiction absent here has no catalog, and nothing is judged against it).
 */
export interface PowerCatalog {
  /** `sha256:` of the catalog content, recorded with every evaluation that used it. */
  readonly version: string
  readonly jurisdictions: readonly string[]
  readonly items: readonly CatalogEntry[]
}

export type CatalogStatus = 'listed' | 'suspended' | 'notListed' | 'removed' | 'noCatalog'

/**
 * The entry of a power item in the catalog of a jurisdiction, if any.
 * @example catalogEntry(catalog, '513222', '513222-XZCF-0101')?.name
 */
export function catalogEntry(
  catalog: PowerCatalog | undefined,
  jurisdiction: string,
  code: string,
): CatalogEntry | undefined {
  if (!catalog) return undefined
  let index = indexes.get(catalog)
  if (!index) {
    const built = new Map<string, CatalogEntry>()
    for (const i of catalog.items)
      if (!built.has(`${i.jurisdiction}|${i.code}`)) built.set(`${i.jurisdiction}|${i.code}`, i)
    indexes.set(catalog, built)
    index = built
  }
  return index.get(`${jurisdiction}|${code}`)
}

/** Entries by `jurisdiction|code`, built once per catalog object (every event of every case looks one up). */
const indexes = new WeakMap<PowerCatalog, ReadonlyMap<string, CatalogEntry>>()

/**
 * The status of a power item on a day: listed, suspended (第二十一条), not listed (第十四条), removed, or noCatalog.
 * @example catalogStatusOn(catalog, '513222', 'SC-XK-0001', '2025-09-26') // 'listed'
 */
export function catalogStatusOn(
  catalog: PowerCatalog | undefined,
  jurisdiction: string,
  code: string,
  day: string,
): CatalogStatus {
  if (!catalog?.jurisdictions.includes(jurisdiction)) return 'noCatalog'
  const entry = catalogEntry(catalog, jurisdiction, code)
  if (!entry || entry.listedOn > day) return 'notListed'
  if (entry.removedOn !== undefined && entry.removedOn <= day) return 'removed'
  if ((entry.suspensions ?? []).some((s) => s.from <= day && (s.until === undefined || day < s.until)))
    return 'suspended'
  return 'listed'
}

/**
 * Whether a listed item is exercised as the catalog says: the same acting department and power type (动态调整办法 第七条(一)).
 * @example catalogMatches(entry, header) // false when another department acts
 */
export function catalogMatches(entry: CatalogEntry, header: CaseHeader): boolean {
  return entry.department.code === header.department.code && entry.powerType === header.powerItem.type
}
