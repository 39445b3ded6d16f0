/** The impact of a draft on the cases already recorded, as a job of the service: src/impact replays, this file keeps the job. */
import { draftPackList, ImpactTally, layerOf, runImpact, type ImpactReport } from '../impact/index.js'
import { packVersion } from '../rules/pack-version.js'
import type { LoadedPack } from '../rules/rule-library.js'
import type { RulePack } from '../types/generated.js'
import { scopeOf, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { notFound } from './service-error.js'

export type { ImpactReport }

export interface ImpactJob {
  readonly id: string
  readonly draftId: string
  status: 'running' | 'done' | 'failed'
  done: number
  total: number
  report?: ImpactReport
  error?: string
}

const jobs = new WeakMap<Runtime, Map<string, ImpactJob>>()

/** The cases a caller may see that the draft's layer covers: the longer of the two prefixes, or none when they are apart. */
function filterFor(p: Principal, layer: string): { jurisdictionPrefix: string; department?: string } | undefined {
  const scope = scopeOf(p)
  const prefix = scope.prefix.startsWith(layer) ? scope.prefix : layer.startsWith(scope.prefix) ? layer : undefined
  if (prefix === undefined) return undefined
  return { jurisdictionPrefix: prefix, ...(scope.department !== null ? { department: scope.department } : {}) }
}

/**
 * Starts the impact of a draft over every stored case in the caller's scope that the pack's layer applies to; the job
 * reports its progress and, when done, the report (summary by department first, then case by case).
 * @example const job = startImpact(rt, principal, draft.draftId, draft.pack); … getImpactJob(rt, job.id)
 */
export function startImpact(
  rt: Runtime,
  p: Principal,
  draftId: string,
  pack: RulePack,
  at?: string,
  options: { workers?: number; sweep?: boolean } = {},
): ImpactJob {
  const job: ImpactJob = {
    id: `i-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    draftId,
    status: 'running',
    done: 0,
    total: 0,
  }
  const registry = jobs.get(rt) ?? new Map<string, ImpactJob>()
  jobs.set(rt, registry)
  registry.set(job.id, job)
  const moment = at ?? rt.clock().toISOString()
  const draft: LoadedPack = { file: `drafts/${pack.id}.pack.json`, pack, version: packVersion(pack) }
  const filter = filterFor(p, layerOf([draft]))
  const env = rt.env()
  if (!filter) {
    // the caller sees no case of the draft's layer: nothing to replay
    const refs = (packs: readonly LoadedPack[]) => packs.map((x) => ({ id: x.pack.id, version: x.version }))
    job.report = new ImpactTally().report(moment, {
      inForce: refs(env.packs),
      draft: refs(draftPackList(env.packs, [draft])),
    })
    job.status = 'done'
    return job
  }
  const run = async () => {
    job.report = await runImpact({
      db: rt.db,
      sides: { rulesDir: rt.rulesDir, inForce: env.packs, draft: [draft], catalog: env.catalog },
      at: moment,
      filter,
      sweep: options.sweep ?? false,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onProgress: (done, total) => {
        job.done = done
        job.total = total
      },
    })
    job.status = 'done'
  }
  void run().catch((err: Error) => {
    job.status = 'failed'
    job.error = err.message
  })
  return job
}

/**
 * An impact job of this process, or 404.
 * @example getImpactJob(rt, 'i-…').done
 */
export function getImpactJob(rt: Runtime, id: string): ImpactJob {
  const job = jobs.get(rt)?.get(id)
  if (!job)
    throw notFound(
      'IMPACT',
      `没有影响分析任务 ${id}（任务只保存在启动它的服务进程中）`,
      `no impact job ${id} (jobs live in the process that started them)`,
    )
  return job
}
