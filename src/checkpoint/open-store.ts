/** Opens the store for a command (verify, checkpoint): the database, checked to be xingquan's, and the signing key. */
import { existsSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { CommandResult } from '../cli/command-result.js'
import { formatProblem, XingquanError } from '../errors/xingquan-error.js'
import type { Database } from '../store/database.js'
import { migrateToLatest } from '../store/migrate.js'
import { openDatabase } from '../store/open-database.js'
import { checkpointKeyPath } from './key-path.js'
import { loadOrCreateKey, type SigningKey } from './signing-key.js'

export interface StoreArgs {
  readonly 'database-url'?: string | undefined
  readonly 'data-dir'?: string | undefined
  readonly 'checkpoint-key'?: string | undefined
}

export interface OpenStore {
  readonly db: Kysely<Database>
  readonly location: string
  /** The signing key: made when `createKey`, else only when its file exists. */
  readonly key?: SigningKey
  readonly keyFile?: string
  close(): Promise<void>
}

const failed = (stderr: string): { failed: CommandResult } => ({ failed: { exitCode: 2, stdout: '', stderr } })

/**
 * The database of the options (PostgreSQL by URL or $DATABASE_URL, else PGlite in the data directory), brought to the
 * latest schema, and the checkpoint key; or the command's failure (exit 2) to return.
 * @example const store = await openStore(args.values, { createKey: false, migrate: false }); if ('failed' in store) return store.failed
 */
export async function openStore(
  args: StoreArgs,
  options: { readonly createKey: boolean; readonly migrate: boolean },
): Promise<OpenStore | { failed: CommandResult }> {
  const url = args['database-url'] ?? (args['data-dir'] === undefined ? process.env.DATABASE_URL : undefined)
  let opened
  try {
    opened = await openDatabase({ url, dataDir: args['data-dir'] })
  } catch (err) {
    if (err instanceof XingquanError) return failed(`${err.problems.map(formatProblem).join('\n')}\n`)
    return failed(`[DATABASE_UNAVAILABLE] 无法打开数据库 / cannot open the database: ${(err as Error).message}\n`)
  }
  try {
    const tables = await opened.db.introspection.getTables()
    if (!tables.some((t) => t.name === 'cases')) {
      await opened.close()
      return failed(
        `[DATABASE_EMPTY] ${opened.location} 不是 xingquan 数据库（尚未建表）/ is not a xingquan database (no tables yet)\n`,
      )
    }
    // taking a checkpoint writes: a store of an older release first gets the tables it needs; verify only reads
    if (options.migrate) await migrateToLatest(opened.db)
    const keyFile = checkpointKeyPath({ explicit: args['checkpoint-key'], dataDir: url ? undefined : args['data-dir'] })
    const key = keyFile && (options.createKey || existsSync(keyFile)) ? loadOrCreateKey(keyFile) : undefined
    return {
      db: opened.db,
      location: opened.location,
      ...(key ? { key } : {}),
      ...(keyFile ? { keyFile } : {}),
      close: () => opened.close(),
    }
  } catch (err) {
    await opened.close()
    return failed(`[DATABASE_UNAVAILABLE] 无法读取数据库 / cannot read the database: ${(err as Error).message}\n`)
  }
}
