/** Brings a database to the latest schema with kysely's Migrator over the ordered migration files. */
import { Migrator, type Kysely, type MigrationResult } from 'kysely'
import { XingquanError } from '../errors/xingquan-error.js'
import { MIGRATIONS } from './migrations/index.js'

/**
 * Runs every migration not yet applied, in name order; throws MIGRATION_FAILED naming the one that failed.
 * @example const applied = await migrateToLatest(db) // ['0001-append-only-guard', …]
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
  const { error, results } = await migrator.migrateToLatest()
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName)
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?'
    throw new XingquanError({
      code: 'MIGRATION_FAILED',
      zh: `数据库迁移 ${failed} 失败：${String((error as Error).message ?? error)}`,
      en: `database migration ${failed} failed: ${String((error as Error).message ?? error)}`,
    })
  }
  return applied
}
