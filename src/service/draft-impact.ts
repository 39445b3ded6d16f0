/**
 * The impact of a draft on the cases already recorded, as a job of the service: src/impact replays; the job, its
 * progress and its report are kept in the database (src/store/impact-job-store.ts), so a page polling any server
 * process sees them, and a job whose process stopped is reported lost instead of running for ever.
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { draftPackList, ImpactTally, layerOf, runImpact, type ImpactReport } from '../impact/index.js'
import { packVersion } from '../rules/pack-version.js'
import type { LoadedPack } from '../rules/rule-library.js'
import {
  readImpactJob,
  recordImpactJob,
  recordImpactProgress,
  recordImpactResult,
  type ImpactJobFilter,
  type StoredImpactJob,
} from '../store/impact-job-store.js'
import type { RulePack, WorkbenchImpactJob } from '../types/generated.js'
import { scopeOf, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { notFound } from './service-error.js'

export type ImpactJob = WorkbenchImpactJob

/** A running job writes a progress row at least this often, moving or not: the sign its process is alive. */
export const HEARTBEAT_MS = 5_000
/** A job of another process with no row for this long is lost. */
export const LOST_AFTER_MS = 30_000
/** Progress rows are written at most this often while cases are replayed. */
const PROGRESS_MS = 250

/** Each runtime's name as a job's process (host:pid:boot), and the jobs it is running now. */
const processes = new WeakMap<Runtime, { readonly name: string; readonly running: Set<string> }>()

function processOf(rt: Runtime) {
  let own = processes.get(rt)
  if (!own) {
    own = { name: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, running: new Set() }
    processes.set(rt, own)
  }
  return own
}

/** The cases a caller may see that the draft's layer covers: the longer of the two prefixes, or none when they are apart. */
function filterFor(p: Principal, layer: string): ImpactJobFilter | undefined {
  const scope = scopeOf(p)
  const prefix = scope.prefix.startsWith(layer) ? scope.prefix : layer.startsWith(scope.prefix) ? layer : undefined
  if (prefix === undefined) return undefined
  return { jurisdictionPrefix: prefix, ...(scope.department !== null ? { department: scope.department } : {}) }
}

/**
 * Starts the impact of a draft over every stored case in the caller's scope that the pack's layer applies to; the job
 * reports its progress and, when done, the report (summary by department first, then case by case).
 * @example const job = await startImpact(rt, principal, draft.draftId, draft.pack); … await getImpactJob(rt, p, draftId, job.id)
 */
export async function startImpact(
  rt: Runtime,
  p: Principal,
  draftId: string,
  pack: RulePack,
  at?: string,
  options: { workers?: number; sweep?: boolean } = {},
): Promise<ImpactJob> {
  const own = processOf(rt)
  const id = `i-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
  const moment = at ?? rt.clock().toISOString()
  const draft: LoadedPack = { file: `drafts/${pack.id}.pack.json`, pack, version: packVersion(pack) }
  const filter = filterFor(p, layerOf([draft])) ?? null
  const env = rt.env()
  await recordImpactJob(rt.db, { id, draftId, at: moment, filter, startedBy: p.subject, process: own.name })
  if (!filter) {
    // the caller sees no case of the draft's layer: nothing to replay
    const refs = (packs: readonly LoadedPack[]) => packs.map((x) => ({ id: x.pack.id, version: x.version }))
    const report = new ImpactTally().report(moment, {
      inForce: refs(env.packs),
      draft: refs(draftPackList(env.packs, [draft])),
    })
    await recordImpactResult(rt.db, id, { status: 'done', report })
    return getImpactJob(rt, p, draftId, id)
  }
  own.running.add(id)
  // rows are written one after another, the result last; a failed write shows as a lost job, never a wrong one
  let writes: Promise<void> = Promise.resolve()
  const write = (f: () => Promise<void>) => {
    writes = writes.then(f).catch(() => undefined)
    return writes
  }
  let last = { done: 0, total: 0, written: 0 }
  const progress = (force: boolean) => {
    const now = Date.now()
    if (!force && now - last.written < PROGRESS_MS) return
    last = { ...last, written: now }
    const { done, total } = last
    void write(() => recordImpactProgress(rt.db, id, done, total))
  }
  const heartbeat = setInterval(() => progress(true), HEARTBEAT_MS)
  heartbeat.unref()
  const run = async () => {
    const report = await runImpact({
      db: rt.db,
      sides: { rulesDir: rt.rulesDir, inForce: env.packs, draft: [draft], catalog: env.catalog },
      at: moment,
      filter,
      sweep: options.sweep ?? true,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onProgress: (done, total) => {
        last = { ...last, done, total }
        progress(done === 0 || done === total)
      },
    })
    return report
  }
  void run()
    .then(
      (report) => write(() => recordImpactResult(rt.db, id, { status: 'done', report })),
      (err: Error) => write(() => recordImpactResult(rt.db, id, { status: 'failed', error: err.message })),
    )
    .finally(() => {
      clearInterval(heartbeat)
      own.running.delete(id)
    })
  return {
    id,
    draftId,
    status: 'running',
    done: 0,
    total: 0,
    at: moment,
    startedBy: p.subject,
    startedAt: new Date().toISOString(),
    process: own.name,
  }
}

/** What a stored job is now: its result, or running while its process is known to be alive, or lost. */
function jobNow(rt: Runtime, job: StoredImpactJob, lostAfterMs: number): ImpactJob {
  const base = {
    id: job.id,
    draftId: job.draftId,
    done: job.progress?.done ?? 0,
    total: job.progress?.total ?? 0,
    at: job.at,
    startedBy: job.startedBy,
    startedAt: job.startedAt,
    process: job.process,
    lastSeenAt: job.progress?.at ?? job.startedAt,
  }
  if (job.result?.status === 'done') {
    const report = job.result.report as ImpactReport
    return { ...base, status: 'done', done: report.cases, total: report.cases, report }
  }
  if (job.result?.status === 'failed') return { ...base, status: 'failed', error: job.result.error ?? '' }
  const own = processOf(rt)
  const lastSign = Date.parse(base.lastSeenAt)
  const alive = job.process === own.name ? own.running.has(job.id) : Date.parse(job.readAt) - lastSign <= lostAfterMs
  if (alive) return { ...base, status: 'running' }
  const since = new Date(lastSign).toISOString()
  return {
    ...base,
    status: 'lost',
    error:
      `运行此任务的服务进程 ${job.process} 自 ${since} 起没有消息，已停止；任务不会完成，请重新运行影响分析` +
      ` / the server process running this job (${job.process}) has not reported since ${since} and has stopped; the job will not finish: run the impact again`,
  }
}

/** Whether a caller sees every case a job replayed: their scope covers its filter. */
function mayRead(p: Principal, filter: ImpactJobFilter | null): boolean {
  if (filter === null) return true
  const scope = scopeOf(p)
  if (!filter.jurisdictionPrefix.startsWith(scope.prefix)) return false
  return scope.department === null || scope.department === filter.department
}

/**
 * An impact job of a draft as every server process sees it, or 404 (also for a job over cases the caller may not see).
 * @example (await getImpactJob(rt, principal, draftId, 'i-…')).status // 'running' | 'done' | 'failed' | 'lost'
 */
export async function getImpactJob(
  rt: Runtime,
  p: Principal,
  draftId: string,
  id: string,
  options: { lostAfterMs?: number } = {},
): Promise<ImpactJob> {
  const job = await readImpactJob(rt.db, id)
  if (!job || job.draftId !== draftId || !mayRead(p, job.filter))
    throw notFound('IMPACT', `草稿 ${draftId} 没有影响分析任务 ${id}`, `draft ${draftId} has no impact job ${id}`)
  return jobNow(rt, job, options.lostAfterMs ?? LOST_AFTER_MS)
}
