/** The impact of a draft over the stored cases: streamed a batch at a time, replayed on worker threads, tallied. */
import type { Kysely } from 'kysely'
import type { LoadedPack } from '../rules/rule-library.js'
import { caseBatches, countCases, type CaseFilter } from '../store/case-batches.js'
import type { Database } from '../store/database.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import { draftPackList, type SidesInput } from './impact-sides.js'
import { ImpactPool } from './impact-pool.js'
import { ImpactTally, type ImpactReport } from './impact-tally.js'

export interface ImpactOptions {
  readonly db: Kysely<Database>
  readonly sides: SidesInput
  /** The moment every case is replayed to. */
  readonly at: string
  /** Which cases (default: those of the draft packs' layers). */
  readonly filter?: CaseFilter
  /** Worker threads (default: one per core; 0: the calling thread). */
  readonly workers?: number
  /**
   * Also evaluate at every moment the sweep would have, between events (see ReplayOptions.sweep). Default true: a light
   * (and its notice) that time alone brings is what a changed margin changes most.
   */
  readonly sweep?: boolean
  /** Cases per batch (default 256). */
  readonly batchSize?: number
  /** Called after each batch with the cases done and the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Filled, when given, with where the time went: reading the store (this thread) and replaying (all threads). */
  readonly timings?: { readMs: number; replayMs: number; threads: number }
}

/**
 * The code prefix of the cases some packs can change: the territory common to their layers ('' for a national pack).
 * @example layerOf([sichuanPack]) // '51'
 */
export function layerOf(packs: readonly LoadedPack[]): string {
  const prefixes = packs.map((p) => jurisdictionPrefix(p.pack.jurisdiction.code))
  if (prefixes.length === 0) return ''
  let common = prefixes[0]!
  for (const p of prefixes) while (!p.startsWith(common)) common = common.slice(0, -1)
  return common
}

const refs = (packs: readonly LoadedPack[]) => packs.map((p) => ({ id: p.pack.id, version: p.version }))

/**
 * Replays every selected stored case under the packs in force and under the draft, and reports what differs.
 * @example const report = await runImpact({ db, sides: { rulesDir, inForce: env.packs, draft }, at: new Date().toISOString() })
 */
export async function runImpact(options: ImpactOptions): Promise<ImpactReport> {
  const { db, sides, at } = options
  const filter = options.filter ?? { jurisdictionPrefix: layerOf(sides.draft) }
  const { cases: total } = await countCases(db, filter)
  options.onProgress?.(0, total)
  const tally = new ImpactTally()
  const pool = await ImpactPool.start(sides, at, options.workers, { sweep: options.sweep ?? true })
  const inflight = new Set<Promise<void>>()
  let failure: Error | undefined
  let readMs = 0
  try {
    const batches = caseBatches(db, filter, options.batchSize ?? 256)
    let reading = batches.next()
    for (;;) {
      const t0 = performance.now()
      const next = await reading
      readMs += performance.now() - t0
      if (next.done || failure) break
      // the following batch is read while this one is replayed: a worker that frees up finds one ready
      reading = batches.next()
      const batch = next.value
      const done = pool.replay(batch).then(
        (result) => {
          tally.add(result)
          options.onProgress?.(tally.cases, total)
        },
        (err: Error) => {
          failure ??= err
        },
      )
      inflight.add(done)
      void done.finally(() => inflight.delete(done))
      // hand out the next batch only once a worker is free: memory stays a few batches, whatever the store holds
      await pool.free()
    }
    await Promise.all(inflight)
  } finally {
    await pool.close()
  }
  if (options.timings) Object.assign(options.timings, { readMs, replayMs: tally.replayMs, threads: pool.size })
  if (failure) throw failure
  return tally.report(at, { inForce: refs(sides.inForce), draft: refs(draftPackList(sides.inForce, sides.draft)) })
}
