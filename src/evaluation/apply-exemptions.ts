/** The post-step over firings: accountability firings become findings against a department and a person, and exemption (第四十九条) and mitigation (第五十条) firings clear or reduce the firings they apply to; the finding shows both. */
import type { CaseState } from '../case/case-state.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseEvent, Finding, Relief } from '../types/generated.js'
import { findingSubject } from './finding-subject.js'

export type { Finding } from '../types/generated.js'

const itemOf = (f: Firing): string | undefined => {
  const item = f.params?.item
  return typeof item === 'string' ? item : undefined
}

/**
 * The findings of one evaluation's firings: one per accountability firing, and one per other firing that some
 * exemption or mitigation applies to. The firings themselves stay as the rules gave them.
 * @example findingsOf(evaluation.firings, state, event).filter((f) => f.status === 'cleared')
 */
export function findingsOf(firings: readonly Firing[], state: CaseState, event: CaseEvent | undefined): Finding[] {
  const reliefs = firings.filter((f) => f.kind === 'exemption' || f.kind === 'mitigation')
  const out: Finding[] = []
  for (const f of firings) {
    if (f.kind === 'exemption' || f.kind === 'mitigation') continue
    const relief: Relief[] = reliefs
      .filter((r) => (r.appliesTo ?? []).includes(f.ruleId))
      .map((r) => ({
        ruleId: r.ruleId,
        ruleVersion: r.ruleVersion,
        kind: r.kind as Relief['kind'],
        effect: r.kind === 'exemption' ? 'cleared' : 'reduced',
        title: r.title,
        citation: r.citation,
        trace: r.trace,
      }))
    if (f.kind !== 'accountability' && relief.length === 0) continue
    const item = itemOf(f)
    const subject = findingSubject(state, event, item?.replace(/[()（）]/g, ''))
    const status = relief.some((r) => r.effect === 'cleared') ? 'cleared' : relief.length > 0 ? 'reduced' : 'open'
    // 第四十九条 frees the 行权责任人 only; the department (第四十八条: 行权部门及相关责任人) is relieved by 第五十条 alone
    const departmentStatus = relief.some((r) => r.kind === 'mitigation') ? 'reduced' : 'open'
    out.push({
      ruleId: f.ruleId,
      ruleVersion: f.ruleVersion,
      kind: f.kind,
      level: f.level,
      title: f.title,
      citation: f.citation,
      ...(item !== undefined ? { item } : {}),
      ...subject,
      status,
      departmentStatus,
      relief,
    })
  }
  return out
}
