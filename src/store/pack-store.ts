/** Rule packs kept by content hash, and their activations: who made which version the one in force, and when. */
import type { Kysely, Transaction } from 'kysely'
import { XingquanError } from '../errors/xingquan-error.js'
import { packVersion } from '../rules/pack-version.js'
import type { LoadedPack } from '../rules/rule-library.js'
import type { RulePack } from '../types/generated.js'
import { deepFreeze } from '../utils/deep-freeze.js'
import type { Database } from './database.js'
import { jsonColumn } from './hash-chain.js'

type Db = Kysely<Database> | Transaction<Database>

export interface StoredPackVersion {
  readonly packId: string
  readonly version: string
  readonly jurisdiction: string
  readonly title: string
  readonly storedBy: string
  readonly storedAt: string
}

export interface Activation {
  readonly id: number
  readonly packId: string
  readonly version: string
  readonly activatedBy: string
  readonly activatedAt: string
  readonly note: string | null
}

/** A stored pack as the engine loads it; its content hash is checked on the way out. */
export function loadedPackOf(version: string, content: unknown): LoadedPack {
  const actual = packVersion(content)
  if (actual !== version) {
    throw new XingquanError({
      code: 'PACK_HASH_MISMATCH',
      zh: `规则包 ${version} 的内容与其摘要不符（实为 ${actual}）`,
      en: `rule pack ${version} does not match its content hash (found ${actual})`,
    })
  }
  return Object.freeze({ file: `rule_packs/${version}`, pack: deepFreeze(content as RulePack), version })
}

/**
 * Keeps a pack by its content hash (a second store of the same content is a no-op); returns the version.
 * @example const version = await storePack(db, pack, 'admin')
 */
export async function storePack(db: Db, pack: RulePack, by: string): Promise<string> {
  const version = packVersion(pack)
  await db
    .insertInto('rule_packs')
    .values({
      version,
      pack_id: pack.id,
      jurisdiction: pack.jurisdiction.code,
      content: jsonColumn(pack),
      stored_by: by,
      stored_at: new Date(),
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute()
  return version
}

/**
 * Records that `version` is now the one in force for its pack id.
 * @example await recordActivation(db, 'sha256:…', 'admin', 'shipped with the release')
 */
export async function recordActivation(db: Db, version: string, by: string, note?: string): Promise<Activation> {
  const stored = await db.selectFrom('rule_packs').select(['pack_id']).where('version', '=', version).executeTakeFirst()
  if (!stored)
    throw new XingquanError({
      code: 'PACK_NOT_FOUND',
      zh: `没有版本为 ${version} 的规则包`,
      en: `no rule pack has version ${version}`,
    })
  const row = await db
    .insertInto('pack_activations')
    .values({ pack_id: stored.pack_id, version, activated_by: by, activated_at: new Date(), note: note ?? null })
    .returningAll()
    .executeTakeFirstOrThrow()
  return activationOf(row)
}

function activationOf(row: {
  id: number
  pack_id: string
  version: string
  activated_by: string
  activated_at: Date
  note: string | null
}): Activation {
  return {
    id: row.id,
    packId: row.pack_id,
    version: row.version,
    activatedBy: row.activated_by,
    activatedAt: row.activated_at.toISOString(),
    note: row.note,
  }
}

/**
 * The version in force of every pack: the latest activation of each pack id.
 * @example const packs = await activePacks(db)
 */
export async function activePacks(db: Db): Promise<LoadedPack[]> {
  const rows = await db
    .selectFrom('pack_activations as a')
    .innerJoin('rule_packs as p', 'p.version', 'a.version')
    .select(['a.pack_id', 'a.version', 'p.content'])
    .where('a.id', 'in', (q) =>
      q
        .selectFrom('pack_activations')
        .select((eb) => eb.fn.max('id').as('id'))
        .groupBy('pack_id'),
    )
    .orderBy('a.pack_id')
    .execute()
  return rows.map((r) => loadedPackOf(r.version, r.content))
}

/**
 * The packs of the given versions, as an old evaluation used them.
 * @example const packs = await packsByVersion(db, evaluation.packs.map((p) => p.version))
 */
export async function packsByVersion(db: Db, versions: readonly string[]): Promise<LoadedPack[]> {
  if (versions.length === 0) return []
  const rows = await db
    .selectFrom('rule_packs')
    .select(['version', 'content'])
    .where('version', 'in', [...versions])
    .execute()
  const byVersion = new Map(rows.map((r) => [r.version, r.content]))
  return versions.map((v) => {
    if (!byVersion.has(v))
      throw new XingquanError({
        code: 'PACK_NOT_FOUND',
        zh: `没有版本为 ${v} 的规则包`,
        en: `no rule pack has version ${v}`,
      })
    return loadedPackOf(v, byVersion.get(v))
  })
}

/** One stored version's content, or undefined. */
export async function packContent(db: Db, version: string): Promise<RulePack | undefined> {
  const row = await db.selectFrom('rule_packs').select('content').where('version', '=', version).executeTakeFirst()
  return row?.content as RulePack | undefined
}

/**
 * Every stored version of every pack (or of one pack), newest first.
 * @example await packVersions(db, 'sichuan.electronic-supervision')
 */
export async function packVersions(db: Db, packId?: string): Promise<StoredPackVersion[]> {
  let q = db
    .selectFrom('rule_packs')
    .select(['pack_id', 'version', 'jurisdiction', 'content', 'stored_by', 'stored_at'])
    .orderBy('stored_at', 'desc')
    .orderBy('version')
  if (packId !== undefined) q = q.where('pack_id', '=', packId)
  const rows = await q.execute()
  return rows.map((r) => ({
    packId: r.pack_id,
    version: r.version,
    jurisdiction: r.jurisdiction,
    title: (r.content as RulePack).title,
    storedBy: r.stored_by,
    storedAt: r.stored_at.toISOString(),
  }))
}

/**
 * The activations of a pack (or of all), newest first.
 * @example (await activations(db, 'national.licensing'))[0]?.version
 */
export async function activations(db: Db, packId?: string): Promise<Activation[]> {
  let q = db.selectFrom('pack_activations').selectAll().orderBy('id', 'desc')
  if (packId !== undefined) q = q.where('pack_id', '=', packId)
  return (await q.execute()).map(activationOf)
}
