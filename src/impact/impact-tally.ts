/** The impact report built case by case: the summary (by department, by rule, due dates, notices) and the changed cases. */
import type { WorkbenchImpactReport, WorkbenchPackRef } from '../types/generated.js'
import type { CaseImpact } from './compare-case.js'

export type ImpactReport = WorkbenchImpactReport & { readonly summary: NonNullable<WorkbenchImpactReport['summary']> }

export const LEVEL_ZH: Readonly<Record<string, string>> = { none: '无预警', info: '提示', yellow: '黄灯', red: '红灯' }

/** What one batch of cases gives the tally: how many were replayed, their events, the changed ones and the failures. */
export interface BatchResult {
  readonly cases: number
  readonly events: number
  readonly changed: readonly CaseImpact[]
  readonly failed: readonly { readonly caseId: string; readonly zh: string; readonly en: string }[]
  /** Milliseconds the replay of the batch took on its thread. */
  readonly ms: number
}

/**
 * Adds batches in any order and gives the report with its cases in case-id order.
 * @example const tally = new ImpactTally(); tally.add(batch); tally.report(at, packs)
 */
export class ImpactTally {
  cases = 0
  events = 0
  /** Milliseconds of replay summed over the batches (over all threads). */
  replayMs = 0
  private readonly details: CaseImpact[] = []
  private readonly failed: BatchResult['failed'][number][] = []

  add(batch: BatchResult): void {
    this.cases += batch.cases
    this.events += batch.events
    this.replayMs += batch.ms
    this.details.push(...batch.changed)
    this.failed.push(...batch.failed)
  }

  report(
    at: string,
    packs: { inForce: readonly WorkbenchPackRef[]; draft: readonly WorkbenchPackRef[] },
  ): ImpactReport {
    const details = [...this.details].sort((x, y) => (x.caseId < y.caseId ? -1 : x.caseId > y.caseId ? 1 : 0))
    const byDept = new Map<string, { department: string; name: string; changes: Record<string, number> }>()
    const byRule = new Map<string, { ruleId: string; appear: number; disappear: number }>()
    const dueMoves = new Map<string, number>()
    let levelChanges = 0
    const notices = { appear: 0, disappear: 0 }
    for (const d of details) {
      const entry = byDept.get(d.department.code) ?? {
        department: d.department.code,
        name: d.department.name,
        changes: {},
      }
      const moved = d.level.inForce !== d.level.draft
      if (moved) levelChanges++
      const key = moved
        ? `${LEVEL_ZH[d.level.inForce] ?? d.level.inForce} → ${LEVEL_ZH[d.level.draft] ?? d.level.draft}`
        : `${LEVEL_ZH[d.level.draft] ?? d.level.draft}（级别不变，触发有变）`
      entry.changes[key] = (entry.changes[key] ?? 0) + 1
      byDept.set(d.department.code, entry)
      for (const [ids, side] of [
        [d.appear, 'appear'],
        [d.disappear, 'disappear'],
      ] as const) {
        for (const ruleId of ids) {
          const r = byRule.get(ruleId) ?? { ruleId, appear: 0, disappear: 0 }
          r[side]++
          byRule.set(ruleId, r)
        }
      }
      for (const m of d.due) dueMoves.set(m.fact, (dueMoves.get(m.fact) ?? 0) + 1)
      notices.appear += d.notices.appear.length
      notices.disappear += d.notices.disappear.length
    }
    return {
      at,
      cases: this.cases,
      changed: details.length,
      byDepartment: [...byDept.values()].sort((x, y) => (x.department < y.department ? -1 : 1)),
      details,
      summary: {
        events: this.events,
        levelChanges,
        firings: [...byRule.values()].sort((x, y) => (x.ruleId < y.ruleId ? -1 : 1)),
        dueMoves: [...dueMoves].map(([fact, cases]) => ({ fact, cases })),
        notices,
        failed: [...this.failed].sort((x, y) => (x.caseId < y.caseId ? -1 : 1)),
      },
      packs: { inForce: [...packs.inForce], draft: [...packs.draft] },
    }
  }
}
