/** The impact report as a legal officer reads it: the summary first, then each case that changes, in Chinese and English. */
import type { CaseImpact } from './compare-case.js'
import { LEVEL_ZH, type ImpactReport } from './impact-tally.js'

const DUE_ZH: Readonly<Record<string, string>> = {
  statutoryDueDate: '法定期限届满日',
  promisedDueDate: '承诺期限届满日',
}
const level = (l: string) => `${LEVEL_ZH[l] ?? l}(${l})`
const value = (v: unknown) => (v === null || v === undefined ? '—' : String(v))

/** One case in one line. */
function caseLine(d: CaseImpact): string {
  const parts = [
    `${d.caseId}  ${d.department.name}（${d.department.code}）  ${level(d.level.inForce)}${d.level.inForce === d.level.draft ? '' : ` → ${level(d.level.draft)}`}`,
  ]
  if (d.appear.length > 0) parts.push(`多触发 appear: ${d.appear.join('、')}`)
  if (d.disappear.length > 0) parts.push(`不再触发 disappear: ${d.disappear.join('、')}`)
  for (const m of d.due) parts.push(`${DUE_ZH[m.fact] ?? m.fact} ${m.fact}: ${value(m.inForce)} → ${value(m.draft)}`)
  if (d.notices.appear.length > 0) parts.push(`会制发文书 notices issued: ${d.notices.appear.join('、')}`)
  if (d.notices.disappear.length > 0)
    parts.push(`不再制发文书 notices no longer issued: ${d.notices.disappear.join('、')}`)
  if (d.refused) parts.push(`拒绝的事件 refused event: ${value(d.refused.inForce)} → ${value(d.refused.draft)}`)
  return `  ${parts.join('\n      ')}`
}

/**
 * The report as text: what was replayed, the summary (by department, by rule, due dates, notices), then the cases.
 * @example formatImpact(report) // '草稿影响 / impact of the draft …'
 */
export function formatImpact(report: ImpactReport): string {
  const s = report.summary
  const lines = [
    `草稿影响：回放至 ${report.at} / impact of the draft, replayed to ${report.at}`,
    `回放办件 ${report.cases} 个、事件 ${s.events} 个；结果有变 ${report.changed} 个，其中级别改变 ${s.levelChanges} 个 / ${report.cases} cases and ${s.events} events replayed; ${report.changed} change, ${s.levelChanges} of them in level`,
  ]
  if (report.changed === 0 && s.failed.length === 0)
    lines.push('本草稿不改变任何已存办件的结果 / this draft changes no stored case')
  if (report.byDepartment.length > 0) {
    lines.push('', '按部门 / by department:')
    for (const d of report.byDepartment)
      lines.push(
        `  ${d.name}（${d.department}）：${Object.entries(d.changes)
          .map(([k, n]) => `${k} ${n} 个`)
          .join('；')}`,
      )
  }
  if (s.firings.length > 0) {
    lines.push('', '按规则 / by rule:')
    for (const r of s.firings)
      lines.push(
        `  ${r.ruleId}：多触发 ${r.appear} 个办件、不再触发 ${r.disappear} 个 / appears in ${r.appear} cases, disappears from ${r.disappear}`,
      )
  }
  if (s.dueMoves.length > 0) {
    lines.push('', '届满日改变 / due dates that move:')
    for (const m of s.dueMoves)
      lines.push(`  ${DUE_ZH[m.fact] ?? m.fact} ${m.fact}：${m.cases} 个办件 / ${m.cases} cases`)
  }
  if (s.notices.appear + s.notices.disappear > 0)
    lines.push(
      '',
      `文书：会多制发 ${s.notices.appear} 份，不再制发 ${s.notices.disappear} 份 / notices: ${s.notices.appear} more would be issued, ${s.notices.disappear} would not`,
    )
  if (s.failed.length > 0) {
    lines.push('', `无法回放 ${s.failed.length} 个办件 / ${s.failed.length} cases could not be replayed:`)
    for (const f of s.failed) lines.push(`  ${f.caseId}：${f.zh} / ${f.en}`)
  }
  if (report.details.length > 0) lines.push('', '逐个办件 / case by case:', ...report.details.map(caseLine))
  return `${lines.join('\n')}\n`
}
