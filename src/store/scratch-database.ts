/** A throw-away PostgreSQL database on a server, for tests and benchmarks: created empty, dropped when done. */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface ScratchDatabase {
  /** The connection URL of the new database. */
  readonly url: string
  /** Drops it, waiting (without FORCE) for closing pool connections rather than killing them under their clients. */
  drop(): Promise<void>
}

/**
 * Creates an empty database `<prefix>_<random>` on the server of `serverUrl`.
 * @example const db = await scratchDatabase(process.env.TEST_DATABASE_URL!, 'xq_test'); …; await db.drop()
 */
export async function scratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          await c.query(`drop database if exists ${name}`)
          break
        } catch {
          await new Promise((done) => setTimeout(done, 100))
        }
      }
      await c.end()
    },
  }
}
