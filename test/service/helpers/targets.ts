/** The databases every service test runs against: PGlite always, PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is set. */
import { openRuntime, type Runtime, type RuntimeOptions } from '../../../src/service/runtime.js'
import { scratchDatabase } from '../../../src/store/scratch-database.js'

export interface Target {
  readonly name: 'pglite' | 'postgres'
  /** A runtime over a fresh, empty database of this kind. */
  open(options?: Omit<RuntimeOptions, 'url' | 'dataDir'>): Promise<Runtime>
}

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL

/** A new database on the test server; dropped when the runtime closes. */
async function freshPostgres(options: Omit<RuntimeOptions, 'url' | 'dataDir'>): Promise<Runtime> {
  const db = await scratchDatabase(serverUrl!, 'xq_test')
  const rt = await openRuntime({ checkpointKey: 'memory', ...options, url: db.url, poolSize: 20 })
  return {
    ...rt,
    close: async () => {
      await rt.close()
      await db.drop()
    },
  }
}

export const TARGETS: readonly Target[] = [
  { name: 'pglite', open: (options = {}) => openRuntime({ ...options, dataDir: 'memory' }) },
  ...(serverUrl
    ? [
        {
          name: 'postgres' as const,
          open: (options: Omit<RuntimeOptions, 'url' | 'dataDir'> = {}) => freshPostgres(options),
        },
      ]
    : []),
]
