/** Opens the database: embedded PGlite in a local data directory by default, PostgreSQL through pg with a URL. The one file of wiring. */
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { join, resolve } from 'node:path'
import type { Database } from './database.js'
import { lockDataDir } from './data-dir-lock.js'

export type DialectName = 'pglite' | 'postgres'

export interface OpenDatabase {
  readonly db: Kysely<Database>
  readonly dialect: DialectName
  /** Where the data is: a directory, `memory`, or the URL without its password. */
  readonly location: string
  close(): Promise<void>
}

export interface OpenOptions {
  /** postgres://… — PostgreSQL through pg. Without it, PGlite. */
  readonly url?: string | undefined
  /** The PGlite data directory's parent (default ./data); `memory` for a throw-away database. */
  readonly dataDir?: string | undefined
  /** pg pool size (default 10). */
  readonly poolSize?: number
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')

/**
 * Opens PostgreSQL when a URL is given, else PGlite under `dataDir` (holding its lock file), or in memory.
 * @example const { db, close } = await openDatabase({ url: process.env.DATABASE_URL })
 */
export async function openDatabase(options: OpenOptions = {}): Promise<OpenDatabase> {
  if (options.url) {
    // timestamptz as Date (pg's default); int8 (counts) as numbers.
    pg.types.setTypeParser(20, (v) => Number(v))
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', location: redact(options.url), close: () => db.destroy() }
  }
  const dir = options.dataDir ?? './data'
  if (dir === 'memory') {
    const client = await PGlite.create()
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) })
    return { db, dialect: 'pglite', location: 'memory', close: () => db.destroy() }
  }
  const lock = lockDataDir(resolve(dir))
  try {
    const client = await PGlite.create(join(resolve(dir), 'pglite'))
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) })
    return {
      db,
      dialect: 'pglite',
      location: resolve(dir),
      close: async () => {
        try {
          await db.destroy()
        } finally {
          lock.release()
        }
      },
    }
  } catch (err) {
    lock.release()
    throw err
  }
}
