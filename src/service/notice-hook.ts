/** What the service asks of a notice renderer: the notices module plugs its templates in; a plain one stands in. */
import type { HookNotice, HookPlan, HookRequest } from '../notices/service-hook.js'
import type { Firing } from '../rules/rule-set.js'
import type { NumberCounters } from '../store/record-writer.js'

/** What the service hands a notice renderer for one firing (the shape is the notices module's). */
export type NoticeRequest = HookRequest

/** A rendered notice: template, title, issuing organ and number (机关代字〔年份〕序号), A4 HTML and text. */
export type RenderedNotice = HookNotice

/** The counter a notice's number comes from, and the notice rendered (once) from the number taken. */
export type NoticePlan = HookPlan

/**
 * Plans the notice a firing calls for, or undefined for none. Pure: the service takes the number from the plan's
 * counter in its transaction, then renders. An append renders in its transaction, and a thrown error refuses it; the
 * sweep takes the number in its transaction and renders after the commit, from the outbox (outbox-renderer.ts), where a
 * thrown error is a failed attempt, retried later.
 */
export type NoticeRenderer = (request: NoticeRequest) => NoticePlan | undefined

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * A plain notice from the firing's title and citation, without a number: what the service records when no
 * templates are plugged in (tests, a bare runtime).
 * @example const notice = plainNotice({ caseId, state, evaluation, firing })?.render(null)
 */
export const plainNotice: NoticeRenderer = ({ state, evaluation, firing }) => {
  if (!firing.notice) return undefined
  const notice = firing.notice
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
  return {
    organ: null,
    year: Number(evaluation.at.slice(0, 4)),
    render: () => ({
      template: notice,
      title: firing.title,
      organ: null,
      number: null,
      html,
      text: `${lines.join('\n')}\n`,
    }),
  }
}

/**
 * The notices of the firings given, each planned, numbered from its organ's counter and rendered once; when one
 * cannot be made, every number taken here is given back and its error is thrown.
 * @example const notices = await issueNotices(rt.notices, counters, { caseId, state, evaluation, events }, outcome.toNotice)
 */
export async function issueNotices(
  renderer: NoticeRenderer,
  counters: NumberCounters,
  request: Omit<NoticeRequest, 'firing'>,
  firings: readonly Firing[],
): Promise<{ ruleId: string; notice: RenderedNotice }[]> {
  const made: { ruleId: string; notice: RenderedNotice }[] = []
  const taken: { organ: string; year: number; number: number }[] = []
  try {
    for (const firing of firings) {
      const plan = renderer({ ...request, firing })
      if (!plan) continue
      const number = plan.organ === null ? null : await counters.next(plan.organ, plan.year)
      if (plan.organ !== null && number !== null) taken.push({ organ: plan.organ, year: plan.year, number })
      made.push({ ruleId: firing.ruleId, notice: plan.render(number) })
    }
  } catch (err) {
    // the case's notices are not made: every number it took goes back, last first
    for (const t of taken.reverse()) counters.giveBack(t.organ, t.year, t.number)
    throw err
  }
  return made
}
