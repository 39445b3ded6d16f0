/** The databases every service test runs against: PGlite always, PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is set. */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openRuntime, type Runtime, type RuntimeOptions } from '../../../src/service/runtime.js'

export interface Target {
  readonly name: 'pglite' | 'postgres'
  /** A runtime over a fresh, empty database of this kind. */
  open(options?: Omit<RuntimeOptions, 'url' | 'dataDir'>): Promise<Runtime>
}

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL

/** A new database on the test server; dropped when the runtime closes. */
async function freshPostgres(options: Omit<RuntimeOptions, 'url' | 'dataDir'>): Promise<Runtime> {
  const name = `xq_test_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl!)
  url.pathname = `/${name}`
  const rt = await openRuntime({ ...options, url: url.toString(), poolSize: 20 })
  return {
    ...rt,
    close: async () => {
      await rt.close()
      // Without FORCE: the pool's connections are closing; wait for them rather than kill them under their clients.
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

export const TARGETS: readonly Target[] = [
  { name: 'pglite', open: (options = {}) => openRuntime({ ...options, dataDir: 'memory' }) },
  ...(serverUrl ? [{ name: 'postgres' as const, open: (options: Omit<RuntimeOptions, 'url' | 'dataDir'> = {}) => freshPostgres(options) }] : []),
]
