/** The running service's dependencies in one place: the database, the rules in force, the calendar, the notice hook. */
import type { Kysely } from 'kysely'
import { checkpointKeyPath } from '../checkpoint/key-path.js'
import { loadOrCreateKey, type SigningKey } from '../checkpoint/signing-key.js'
import { loadCalendars, loadEnvironment } from '../evaluation/environment.js'
import type { Environment } from '../evaluation/evaluation.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import type { Database } from '../store/database.js'
import { migrateToLatest } from '../store/migrate.js'
import { openDatabase, type DialectName } from '../store/open-database.js'
import { activePacks, activations, recordActivation, storePack } from '../store/pack-store.js'
import { catalogFromTables, listCatalogItems } from '../store/catalog-store.js'
import { listenForChanges, type ChangeListener } from '../store/change-listener.js'
import { serviceLog } from './logger.js'
import { plainNotice, type NoticeRenderer } from './notice-hook.js'
import { StateCache } from './state-cache.js'
import { DEFAULT_TOKEN_DAYS, TokenCache } from './tokens.js'

/** Points where a test can make an append fail once its rows are written and before it commits, as a crash would. */
export interface FaultHooks {
  afterEventStored?(caseId: string): void | Promise<void>
  afterEvaluationStored?(caseId: string): void | Promise<void>
}

export interface RuntimeOptions {
  /** PostgreSQL URL; without it, PGlite. */
  readonly url?: string | undefined
  /** PGlite's data directory (default ./data), or `memory`. */
  readonly dataDir?: string | undefined
  /** Where the shipped rule packs and the calendar are (default: the shipped rules/). */
  readonly rulesDir?: string
  /** Store and activate the shipped packs whose content is new to the database (default true). */
  readonly installShippedPacks?: boolean
  readonly notices?: NoticeRenderer
  readonly faults?: FaultHooks
  /** The service's clock (default: the system clock); the sweep asks it what is due. */
  readonly clock?: () => Date
  readonly poolSize?: number
  /** Days a token lasts unless its issuer says otherwise (default 90). */
  readonly tokenLifetimeDays?: number
  /** The checkpoint signing key's file, or `memory` (default: see checkpointKeyPath). */
  readonly checkpointKey?: string
  /** On PostgreSQL: follow other processes' pack activations, token revocations and catalog changes (default true). */
  readonly listen?: boolean
}

export interface Runtime {
  readonly db: Kysely<Database>
  readonly dialect: DialectName
  readonly location: string
  readonly rulesDir: string
  readonly notices: NoticeRenderer
  readonly faults: FaultHooks
  readonly clock: () => Date
  readonly states: StateCache
  readonly tokens: TokenCache
  /** Days a token issued without a lifetime of its own is accepted. */
  readonly tokenLifetimeDays: number
  /** The checkpoint signing key, made (and kept in its file) on first use. */
  checkpointKey(): SigningKey
  /** The calendar and the pack versions in force now. */
  env(): Environment
  /** Reloads the packs in force from the database (after an activation). */
  reloadPacks(): Promise<void>
  /** Reloads the power catalog from the database (after a change). */
  reloadCatalog(): Promise<void>
  /** Reads the calendar of the rules directory again (a year's notice added); throws XingquanError for a broken file. */
  reloadCalendar(): void
  close(): Promise<void>
}

export const SYSTEM = 'system'

/**
 * Opens the database, migrates it, installs the shipped packs and loads what is in force.
 * @example const rt = await openRuntime({ dataDir: 'memory' }); … ; await rt.close()
 */
export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const opened = await openDatabase({
    url: options.url,
    dataDir: options.dataDir,
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  })
  try {
    await migrateToLatest(opened.db)
    const rulesDir = options.rulesDir ?? DEFAULT_RULES_DIR
    const shipped = loadEnvironment(rulesDir)
    if (options.installShippedPacks ?? true) await installShipped(opened.db, shipped)
    // The catalog lives in the database; a shipped one is listed there on the first start.
    const { catalog: _shippedCatalog, ...base } = shipped
    if (shipped.catalog && !(await catalogFromTables(opened.db)))
      await listCatalogItems(opened.db, shipped.catalog.items, SYSTEM)
    let catalog = await catalogFromTables(opened.db)
    let packs = await activePacks(opened.db)
    let calendars = { calendar: base.calendar, ...(base.calendarFor ? { calendarFor: base.calendarFor } : {}) }
    const build = (): Environment => ({ ...base, ...calendars, packs, ...(catalog ? { catalog } : {}) })
    let env = build()
    let key: SigningKey | undefined
    const tokens = new TokenCache()
    const reloadPacks = async () => {
      packs = await activePacks(opened.db)
      env = build()
    }
    const reloadCatalog = async () => {
      catalog = await catalogFromTables(opened.db)
      env = build()
    }
    // what another process changed, applied here in the order it was announced
    let following: Promise<unknown> = Promise.resolve()
    const follow = (change: string) => {
      if (change.startsWith('token_revocations:')) tokens.forget(change.slice('token_revocations:'.length))
      if (change === '*') tokens.clear()
      const reload =
        change === 'pack_activations'
          ? reloadPacks
          : change.startsWith('catalog_')
            ? reloadCatalog
            : change === '*'
              ? async () => {
                  await reloadPacks()
                  await reloadCatalog()
                }
              : undefined
      if (reload)
        following = following
          .then(reload)
          .catch((err) => serviceLog().error({ err, code: 'RELOAD_FAILED', change }, 'reload after a change failed'))
    }
    let listener: ChangeListener | undefined
    if (opened.dialect === 'postgres' && options.url && (options.listen ?? true)) {
      listener = await listenForChanges(options.url, follow, (err) =>
        serviceLog().warn({ err, code: 'LISTEN_LOST' }, 'change notifications lost; listening again'),
      )
    }
    // revocations reach this process: announced by the others, or (embedded) made only by it
    if (listener || opened.dialect === 'pglite') tokens.trustUntilRevoked()
    const keyFile =
      options.checkpointKey === 'memory'
        ? undefined
        : checkpointKeyPath({ explicit: options.checkpointKey, dataDir: options.url ? undefined : options.dataDir })
    return {
      db: opened.db,
      dialect: opened.dialect,
      location: opened.location,
      rulesDir,
      notices: options.notices ?? plainNotice,
      faults: options.faults ?? {},
      clock: options.clock ?? (() => new Date()),
      states: new StateCache(),
      tokens,
      tokenLifetimeDays: options.tokenLifetimeDays ?? DEFAULT_TOKEN_DAYS,
      env: () => env,
      checkpointKey: () => (key ??= loadOrCreateKey(keyFile)),
      reloadPacks,
      reloadCatalog,
      reloadCalendar: () => {
        calendars = loadCalendars(rulesDir)
        env = build()
      },
      close: async () => {
        await listener?.close()
        await following
        await opened.close()
      },
    }
  } catch (err) {
    await opened.close()
    throw err
  }
}

/** Every shipped pack whose content the database has not seen is stored and activated by the release. */
async function installShipped(db: Kysely<Database>, shipped: Environment): Promise<void> {
  const known = new Set((await db.selectFrom('rule_packs').select('version').execute()).map((r) => r.version))
  const active = new Set((await activations(db)).map((a) => a.packId))
  for (const p of shipped.packs) {
    if (known.has(p.version) && active.has(p.pack.id)) continue
    await db.transaction().execute(async (trx) => {
      await storePack(trx, p.pack, SYSTEM)
      await recordActivation(trx, p.version, SYSTEM, `随版本发布 / shipped in ${p.file}`)
    })
  }
}
