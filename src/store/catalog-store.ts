/** The power catalog in the database: the items as evaluations read them, every version read, and items listed. */
import type { Kysely, Transaction } from 'kysely'
import type { CatalogEntry, PowerCatalog } from '../catalog/power-catalog.js'
import { packVersion } from '../rules/pack-version.js'
import type { CatalogItem } from '../types/generated.js'
import type { Database } from './database.js'
import { jsonColumn } from './hash-chain.js'

/**
 * The catalog as evaluations read it, built from the service's tables (undefined when no item is listed).
 * @example const catalog = await catalogFromTables(db)
 */
export async function catalogFromTables(db: Kysely<Database>): Promise<PowerCatalog | undefined> {
  const rows = await db
    .selectFrom('power_items')
    .select(['jurisdiction', 'content'])
    .orderBy('jurisdiction')
    .orderBy('code')
    .execute()
  if (rows.length === 0) return undefined
  const items: CatalogEntry[] = rows.map((r) => ({ ...(r.content as CatalogItem), jurisdiction: r.jurisdiction }))
  const catalog = Object.freeze({
    version: packVersion(items),
    jurisdictions: [...new Set(items.map((i) => i.jurisdiction))].sort(),
    items,
  })
  await db
    .insertInto('catalog_versions')
    .values({
      version: catalog.version,
      content: jsonColumn({ jurisdictions: catalog.jurisdictions, items }),
      stored_at: new Date(),
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute()
  return catalog
}

/**
 * A catalog as it was at one version (what an old evaluation read), or undefined.
 * @example await catalogByVersion(db, evaluation.catalog.version)
 */
export async function catalogByVersion(db: Kysely<Database>, version: string): Promise<PowerCatalog | undefined> {
  const row = await db
    .selectFrom('catalog_versions')
    .select('content')
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) return undefined
  const { jurisdictions, items } = row.content as { jurisdictions: string[]; items: CatalogEntry[] }
  return Object.freeze({ version, jurisdictions, items })
}

/**
 * Lists a file's catalog items in the tables (the shipped rules/catalog, on first start).
 * @example await listCatalogItems(db, catalog.items, 'system')
 */
export async function listCatalogItems(
  db: Kysely<Database>,
  items: readonly CatalogEntry[],
  by: string,
): Promise<void> {
  for (const { jurisdiction, ...item } of items) {
    await db.transaction().execute(async (trx) => {
      await insertItem(trx, jurisdiction, item, by)
    })
  }
}

/**
 * Lists one catalog item in the tables, after its change record, inside the caller's transaction.
 * @example await insertItem(trx, '513222', item, 'admin')
 */
export async function insertItem(
  trx: Transaction<Database>,
  jurisdiction: string,
  item: CatalogItem,
  by: string,
): Promise<void> {
  // the change first: the database lists an item only as its latest recorded change lists it (migration 0032)
  await trx
    .insertInto('catalog_changes')
    .values({
      item_code: item.code,
      change: 'listed',
      body: jsonColumn({ jurisdiction, item }),
      recorded_by: by,
      stored_at: new Date(),
    })
    .execute()
  await trx
    .insertInto('power_items')
    .values({
      code: item.code,
      name: item.name,
      power_type: item.powerType,
      jurisdiction,
      department_code: item.department.code,
      department_name: item.department.name,
      status: (item.suspensions ?? []).some((s) => s.until === undefined) ? 'suspended' : 'active',
      content: jsonColumn(item),
      updated_at: new Date(),
    })
    .execute()
}
