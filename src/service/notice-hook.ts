/** The hook through which notices are made: the notices module plugs its renderer in; a plain one stands in until then. */
import type { CaseState } from '../case/case-state.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseEvent } from '../types/generated.js'

export interface NoticeRequest {
  readonly caseId: string
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly firing: Firing
  /**
   * The next number of an organ for a year, allocated inside the append's transaction: committed with the notice,
   * never given twice (counters only move forward).
   */
  allocateNumber(organ: string, year: number): Promise<number>
  /** The case's events as recorded, the current one included. */
  readonly events?: readonly CaseEvent[]
}

export interface RenderedNotice {
  /** The template used (the rule's `notice`). */
  readonly template: string
  readonly title: string
  /** Issuing organ and its document number (机关代字〔年份〕序号), when the notice is numbered. */
  readonly organ: string | null
  readonly number: string | null
  readonly html: string
  readonly text: string
}

/** Renders the notice a firing calls for, or undefined for none. Thrown errors roll the whole append back. */
export type NoticeRenderer = (request: NoticeRequest) => Promise<RenderedNotice | undefined> | RenderedNotice | undefined

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * A plain notice from the firing's title and citation: what the service records until the notices module
 * (src/notices/) provides the real templates.
 * @example const notice = plainNotice({ caseId, state, evaluation, firing, allocateNumber })
 */
export const plainNotice: NoticeRenderer = ({ state, evaluation, firing }) => {
  if (!firing.notice) return undefined
  const h = state.header
  const c = firing.citation
  const basis = `${c.document} ${c.article}${c.item ?? ''}${c.text ? `：${c.text}` : ''}`
  const lines = [
    firing.title,
    '',
    `${h.department.name}：`,
    `办件 ${h.serialNumber}（${h.name}，${h.powerItem.name}）于 ${evaluation.at} 触发规则 ${firing.ruleId}（${firing.level}）。`,
    `依据：${basis}`,
  ]
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${escapeHtml(firing.title)}</title><body><h1>${escapeHtml(firing.title)}</h1>${lines
    .slice(2)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')}</body></html>`
  return { template: firing.notice, title: firing.title, organ: null, number: null, html, text: `${lines.join('\n')}\n` }
}
