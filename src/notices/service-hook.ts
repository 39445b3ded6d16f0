/**
 * The notice hook of the service (src/service/notice-hook.ts) made with the real templates: the service calls it
 * inside the append's transaction and passes its database counter; this module imports nothing of the service and
 * matches its hook by shape.
 */
import type { CaseState } from '../case/case-state.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseEvent } from '../types/generated.js'
import { dateOf } from '../calendar/iso-date.js'
import { makeNotice, type NoticeDeps } from './compose-notices.js'
import { noticeNumber, type NoticeNumberIssuer } from './number-issuer.js'

/** What the service hands the hook for one firing. */
export interface HookRequest {
  readonly caseId: string
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly firing: Firing
  /** The next number of an organ (by its id) for a year, in the append's transaction. */
  allocateNumber(organ: string, year: number): Promise<number>
  /** The case's events as recorded; without them a notice that lists event content (补正材料) cannot be made. */
  readonly events?: readonly CaseEvent[]
}

export interface HookNotice {
  readonly template: string
  readonly title: string
  readonly organ: string | null
  readonly number: string | null
  /** A complete A4 page. */
  readonly html: string
  readonly text: string
}

/**
 * A NoticeNumberIssuer over the service's transactional counter: `issue` moves the counter inside the transaction
 * (committed with the notice, rolled back with it); nothing is previewed or voided there, since a notice is rendered
 * as a preview before its number is taken.
 * @example const issuer = transactionIssuer(request.allocateNumber)
 */
export function transactionIssuer(allocate: (organ: string, year: number) => Promise<number>): NoticeNumberIssuer {
  return {
    // a preview in the service shows the first number; the real one is taken by issue
    peek: async (organ, year) => noticeNumber(organ, year, 1),
    issue: async (organ, year) => noticeNumber(organ, year, await allocate(organ.id, year)),
    void: async () => {},
  }
}

/**
 * The hook: the notice the firing calls for, numbered from the service's counter and dated on the evaluation's day.
 * Errors (an undeclared organ, a field the notice needs) are thrown, so the service rolls the append back.
 * @example const runtime = createRuntime({ …, notices: serviceNoticeHook({ env, renderer, organs }) })
 */
export function serviceNoticeHook(deps: Omit<NoticeDeps, 'issuer'>): (request: HookRequest) => Promise<HookNotice | undefined> {
  return async (request) => {
    const { firing } = request
    if (firing.notice === undefined) return undefined
    const notice = await makeNotice(
      { ...deps, issuer: transactionIssuer((organ, year) => request.allocateNumber(organ, year)) },
      { caseId: request.caseId, events: request.events, state: request.state, evaluation: request.evaluation, firing: { ...firing, notice: firing.notice }, date: dateOf(request.evaluation.at) },
      { issue: true },
    )
    return {
      template: notice.template,
      title: notice.title,
      organ: notice.organ.name,
      number: notice.number.text,
      html: deps.renderer.page([notice.article], notice.title),
      text: notice.text,
    }
  }
}
