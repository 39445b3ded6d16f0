/**
 * The notice renderer of the service (src/service/notice-hook.ts) made with the real templates: for a firing it gives
 * the organ and year whose number the notice takes, and renders the notice once from that number. Pure: the service
 * takes the number in its own transaction; this module imports nothing of the service and matches its shape.
 */
import type { CaseState } from '../case/case-state.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseEvent } from '../types/generated.js'
import { dateOf } from '../calendar/iso-date.js'
import { planNotice, type NoticeDeps } from './compose-notices.js'
import { noticeNumber } from './number-issuer.js'

/** What the service hands the renderer for one firing. */
export interface HookRequest {
  readonly caseId: string
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly firing: Firing
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

/** A notice planned for a firing: the counter its number comes from (organ id and year, or none), then the notice. */
export interface HookPlan {
  /** The organ (by its id) whose counter numbers the notice, or null for a notice without a number. */
  readonly organ: string | null
  readonly year: number
  /** The notice with the number taken (null when `organ` is null); rendered once. */
  render(sequence: number | null): HookNotice
}

/**
 * The renderer: the plan of the notice the firing calls for, dated on the evaluation's day. Errors (an undeclared
 * organ, a field the notice needs) are thrown, before any number is taken when they can be known from the plan.
 * @example const plan = serviceNoticeHook({ env, renderer, organs })(request); plan?.render(7)
 */
export function serviceNoticeHook(deps: Omit<NoticeDeps, 'issuer'>): (request: HookRequest) => HookPlan | undefined {
  return (request) => {
    const { firing } = request
    if (firing.notice === undefined) return undefined
    const one = {
      caseId: request.caseId,
      events: request.events,
      state: request.state,
      evaluation: request.evaluation,
      firing: { ...firing, notice: firing.notice },
      date: dateOf(request.evaluation.at),
    }
    const plan = planNotice(deps, one)
    return {
      organ: plan.organ.id,
      year: plan.year,
      render: (sequence) => {
        const notice = plan.finish(noticeNumber(plan.organ, plan.year, sequence ?? 0))
        return {
          template: notice.template,
          title: notice.title,
          organ: notice.organ.name,
          number: notice.number.text,
          html: deps.renderer.page([notice.article], notice.title),
          text: notice.text,
        }
      },
    }
  }
}
