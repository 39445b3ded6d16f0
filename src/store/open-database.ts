/** Opens the database: embedded PGlite in a local data directory by default, PostgreSQL through pg with a URL. The one file of wiring. */
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { join, resolve } from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import type { Database } from './database.js'
import { lockDataDir } from './data-dir-lock.js'
import { initdbApart } from './pglite-initdb.js'

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
 * PGlite's memory, for a county office's laptop: 16 MB of shared buffers (one connection; the operating system caches
 * the data directory's files), and its WebAssembly compiled once, by the optimizing compiler only (V8 otherwise keeps a
 * baseline copy of the code beside the optimized one: about 100 MiB).
 */
const PGLITE_CONF = 'shared_buffers = 16MB\nwork_mem = 2MB\nmaintenance_work_mem = 16MB\ntemp_buffers = 2MB\n'

async function createPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir) await initdbApart(dataDir)
  v8.setFlagsFromString('--no-liftoff')
  const options = { postgresqlconf: PGLITE_CONF }
  const client = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options)
  await releaseInitdb()
  return client
}

/**
 * PGlite runs initdb in a WebAssembly instance of its own, garbage once the database is made but hundreds of MiB until
 * a full collection notices: one is asked for right after the start.
 */
async function releaseInitdb(): Promise<void> {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as (() => void) | undefined
  if (typeof gc !== 'function') return
  gc()
  await new Promise((done) => setTimeout(done, 50))
  gc()
}

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
    const client = await createPglite()
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) })
    return { db, dialect: 'pglite', location: 'memory', close: () => db.destroy() }
  }
  const lock = lockDataDir(resolve(dir))
  try {
    const client = await createPglite(join(resolve(dir), 'pglite'))
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
