/** The hook through which notices are made: the notices module plugs its renderer in; a plain one stands in until then. */
import type { HookNotice, HookRequest } from '../notices/service-hook.js'

/** What the service hands a notice renderer for one firing (the shape is the notices module's). */
export type NoticeRequest = HookRequest

/** A rendered notice: template, title, issuing organ and number (机关代字〔年份〕序号), A4 HTML and text. */
export type RenderedNotice = HookNotice

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
