/** The impact of a draft on the cases already recorded: each replayed under the draft and under the rules in force. */
import type { Evaluation } from '../evaluation/evaluation.js'
import { replayCase } from '../evaluation/replay.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import type { CaseEvent, CaseFile, RulePack } from '../types/generated.js'
import { levelOf, type CaseLevel } from '../evaluation/case-outcome.js'
import { draftEnvironment } from './draft-try.js'
import { scopeOf, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { notFound } from './service-error.js'

export interface CaseImpact {
  readonly caseId: string
  readonly department: { readonly code: string; readonly name: string }
  readonly level: { readonly inForce: CaseLevel; readonly draft: CaseLevel }
  /** Rule ids firing somewhere in the replay under the draft only, or under the rules in force only. */
  readonly appear: readonly string[]
  readonly disappear: readonly string[]
  readonly notices: { readonly appear: readonly string[]; readonly disappear: readonly string[] }
  readonly due: readonly { readonly fact: string; readonly inForce: unknown; readonly draft: unknown }[]
}

export interface ImpactReport {
  readonly at: string
  readonly cases: number
  readonly changed: number
  /** Level changes by department: "yellow → red" and how many cases. */
  readonly byDepartment: readonly { readonly department: string; readonly name: string; readonly changes: Readonly<Record<string, number>> }[]
  readonly details: readonly CaseImpact[]
}

export interface ImpactJob {
  readonly id: string
  readonly draftId: string
  status: 'running' | 'done' | 'failed'
  done: number
  total: number
  report?: ImpactReport
  error?: string
}

const DUE_FACTS = ['statutoryDueDate', 'promisedDueDate'] as const
const LEVEL_ZH: Record<CaseLevel, string> = { none: '无预警', info: '提示', yellow: '黄灯', red: '红灯' }
const jobs = new WeakMap<Runtime, Map<string, ImpactJob>>()

const firedIn = (evs: readonly Evaluation[]) => new Set(evs.flatMap((e) => e.firings.map((f) => f.ruleId)))
const noticesIn = (evs: readonly Evaluation[]) => new Set(evs.flatMap((e) => e.firings.filter((f) => f.notice !== undefined).map((f) => `${e.sequence ?? 'at'}:${f.ruleId}`)))
const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort()

/**
 * One case replayed both ways, as of `at`; undefined when nothing differs.
 * @example compareCase(rt, pack, caseFile, dept, '2026-12-01T09:00:00+08:00')
 */
export function compareCase(rt: Runtime, pack: RulePack, file: CaseFile, department: CaseImpact['department'], at: string): CaseImpact | undefined {
  const env = rt.env()
  const a = replayCase(env, file, { at })
  const b = replayCase(draftEnvironment(env, pack), file, { at })
  const all = (r: typeof a) => [...r.evaluations, ...(r.asOf ? [r.asOf] : [])]
  const [fa, fb] = [firedIn(all(a)), firedIn(all(b))]
  const [na, nb] = [noticesIn(all(a)), noticesIn(all(b))]
  const level = { inForce: levelOf(a.asOf?.firings ?? []), draft: levelOf(b.asOf?.firings ?? []) }
  const due = DUE_FACTS.map((fact) => ({ fact, inForce: (a.asOf?.facts as Record<string, unknown> | undefined)?.[fact], draft: (b.asOf?.facts as Record<string, unknown> | undefined)?.[fact] })).filter(
    (d) => JSON.stringify(d.inForce) !== JSON.stringify(d.draft),
  )
  const impact: CaseImpact = { caseId: file.caseId, department, level, appear: minus(fb, fa), disappear: minus(fa, fb), notices: { appear: minus(nb, na), disappear: minus(na, nb) }, due }
  const changed = level.inForce !== level.draft || impact.appear.length + impact.disappear.length + impact.notices.appear.length + impact.notices.disappear.length + due.length > 0
  return changed ? impact : undefined
}

/**
 * Starts the impact of a draft over every stored case in the caller's scope that the pack's layer applies to; the job
 * reports its progress and, when done, the report (summary by department first, then case by case).
 * @example const job = startImpact(rt, principal, draft.draftId, draft.pack); … getImpactJob(rt, job.id)
 */
export function startImpact(rt: Runtime, p: Principal, draftId: string, pack: RulePack, at?: string): ImpactJob {
  const job: ImpactJob = { id: `i-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, draftId, status: 'running', done: 0, total: 0 }
  const registry = jobs.get(rt) ?? new Map<string, ImpactJob>()
  jobs.set(rt, registry)
  registry.set(job.id, job)
  const moment = at ?? rt.clock().toISOString()
  void run(rt, p, pack, moment, job).catch((err: Error) => {
    job.status = 'failed'
    job.error = err.message
  })
  return job
}

async function run(rt: Runtime, p: Principal, pack: RulePack, at: string, job: ImpactJob): Promise<void> {
  const scope = scopeOf(p)
  const layer = jurisdictionPrefix(pack.jurisdiction.code)
  let q = rt.db.selectFrom('cases').select(['case_id', 'department_code', 'department_name', 'jurisdiction']).where('jurisdiction', 'like', `${scope.prefix}%`)
  if (scope.department !== null) q = q.where('department_code', '=', scope.department)
  const rows = (await q.orderBy('case_id').execute()).filter((r) => r.jurisdiction.startsWith(layer))
  job.total = rows.length
  const details: CaseImpact[] = []
  for (const row of rows) {
    const events = await rt.db.selectFrom('case_events').select('body').where('case_id', '=', row.case_id).orderBy('sequence').execute()
    if (events.length > 0) {
      const file = { caseId: row.case_id, events: events.map((e) => e.body as CaseEvent) } as CaseFile
      const impact = compareCase(rt, pack, file, { code: row.department_code, name: row.department_name }, at)
      if (impact) details.push(impact)
    }
    job.done++
    if (job.done % 20 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  const byDept = new Map<string, { department: string; name: string; changes: Record<string, number> }>()
  for (const d of details) {
    const entry = byDept.get(d.department.code) ?? { department: d.department.code, name: d.department.name, changes: {} }
    const key = d.level.inForce === d.level.draft ? `${LEVEL_ZH[d.level.draft]}（级别不变，触发有变）` : `${LEVEL_ZH[d.level.inForce]} → ${LEVEL_ZH[d.level.draft]}`
    entry.changes[key] = (entry.changes[key] ?? 0) + 1
    byDept.set(d.department.code, entry)
  }
  job.report = { at, cases: rows.length, changed: details.length, byDepartment: [...byDept.values()], details }
  job.status = 'done'
}

/**
 * An impact job of this process, or 404.
 * @example getImpactJob(rt, 'i-…').done
 */
export function getImpactJob(rt: Runtime, id: string): ImpactJob {
  const job = jobs.get(rt)?.get(id)
  if (!job) throw notFound('IMPACT', `没有影响分析任务 ${id}（任务只保存在启动它的服务进程中）`, `no impact job ${id} (jobs live in the process that started them)`)
  return job
}
