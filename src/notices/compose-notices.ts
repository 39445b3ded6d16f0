/** From a case file to its notices: replay to the evaluation asked for, then one notice per firing that names a template. */
import { dateOf } from '../calendar/iso-date.js'
import type { CaseState } from '../case/case-state.js'
import { XingquanError } from '../errors/xingquan-error.js'
import { ruleSetFor, type Environment, type Evaluation } from '../evaluation/evaluation.js'
import { replayCase } from '../evaluation/replay.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseEvent, CaseFile, NoticeContext } from '../types/generated.js'
import { parametersOf } from '../rules/parameters.js'
import { documentsInForce, isLapsed, withFiringCitation, type DocumentsOnDay } from './documents.js'
import { noticeText } from './html-to-text.js'
import { buildNoticeContext } from './notice-context.js'
import type { NoticeRenderer } from './notice-renderer.js'
import { noticeNumber, type NoticeNumber, type NoticeNumberIssuer } from './number-issuer.js'
import { isDepartment, resolveOrgan, type DeclaredOrgan } from './organs.js'
import type { NoticeTemplate } from './template-library.js'

export interface NoticeDeps {
  readonly env: Environment
  readonly renderer: NoticeRenderer
  readonly organs: readonly DeclaredOrgan[]
  readonly issuer: NoticeNumberIssuer
}

export interface NoticeSelection {
  /** 1-based event whose evaluation's firings call for notices; absent = the evaluation as of `at`. */
  readonly event?: number
  /** Replay only what was recorded by this moment; without `event`, the as-of evaluation at this moment. */
  readonly at?: string
  /** Only the firing of this rule. */
  readonly rule?: string
  /** 成文日期; default the date of the evaluation (China time). */
  readonly date?: string
  /** Take real numbers from the issuer; default false: a preview, numbers only peeked at. */
  readonly issue?: boolean
}

export interface ComposedNotice {
  readonly ruleId: string
  readonly template: string
  readonly title: string
  readonly number: NoticeNumber
  readonly preview: boolean
  readonly organ: DeclaredOrgan
  /** The notice as an HTML article (wrap with renderer.page for a printable page). */
  readonly article: string
  readonly text: string
  readonly context: NoticeContext
  /** What the office should know before sending it (a notice made after its own statutory deadline, a date before the facts). */
  readonly warnings: readonly string[]
}

function selectionError(code: string, zh: string, en: string): XingquanError {
  return new XingquanError({ code, zh, en })
}

/** The evaluation asked for and the case state it saw. */
export function selectEvaluation(
  env: Environment,
  caseFile: CaseFile,
  selection: NoticeSelection,
): { evaluation: Evaluation; state: CaseState } {
  if (selection.event === undefined && selection.at === undefined) {
    throw selectionError('ARGUMENT_INVALID', '须指定 --event N 或 --at 时刻', 'give --event N or --at MOMENT')
  }
  if (selection.event !== undefined) {
    const n = selection.event
    if (!Number.isInteger(n) || n < 1 || n > caseFile.events.length) {
      throw selectionError(
        'NOTICE_EVENT_UNKNOWN',
        `办件只有 ${caseFile.events.length} 个事件，没有第 ${n} 个`,
        `the case has ${caseFile.events.length} events, not ${n}`,
      )
    }
    const replay = replayCase(
      env,
      { ...caseFile, events: caseFile.events.slice(0, n) as CaseFile['events'] },
      selection.at !== undefined ? { at: selection.at } : {},
    )
    if (replay.refused) throw new XingquanError(replay.refused.problems)
    const evaluation = replay.evaluations[n - 1]
    if (!evaluation || !replay.state) {
      throw selectionError(
        'NOTICE_EVENT_UNKNOWN',
        `第 ${n} 个事件在 ${selection.at ?? ''} 时尚未录入`,
        `event ${n} was not yet recorded at ${selection.at ?? ''}`,
      )
    }
    return { evaluation, state: replay.state }
  }
  const replay = replayCase(env, caseFile, { at: selection.at! })
  if (replay.refused) throw new XingquanError(replay.refused.problems)
  if (!replay.asOf || !replay.state)
    throw selectionError(
      'NOTICE_EVENT_UNKNOWN',
      `${selection.at} 时办件尚未受理`,
      `the case was not yet accepted at ${selection.at}`,
    )
  return { evaluation: replay.asOf, state: replay.state }
}

/**
 * Every notice the selected evaluation calls for, rendered. A preview peeks at the numbers and consumes none; with
 * `issue`, each notice is first rendered as a preview (so a broken template costs no number), then its number is
 * issued and the notice rendered again; a failure after that voids the number, which is never reused.
 * @example const { notices } = await composeNotices(deps, caseFile, { event: 5 })
 */
export async function composeNotices(
  deps: NoticeDeps,
  caseFile: CaseFile,
  selection: NoticeSelection,
): Promise<{ notices: ComposedNotice[]; evaluation: Evaluation }> {
  const { evaluation, state } = selectEvaluation(deps.env, caseFile, selection)
  const date = selection.date ?? dateOf(evaluation.at)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw selectionError(
      'ARGUMENT_INVALID',
      `成文日期应为 YYYY-MM-DD，收到“${date}”`,
      `the date must be YYYY-MM-DD, got "${date}"`,
    )
  const firings = evaluation.firings.filter(
    (f): f is Firing & { notice: string } =>
      f.notice !== undefined && (selection.rule === undefined || f.ruleId === selection.rule),
  )
  if (selection.rule !== undefined && firings.length === 0) {
    const fired = evaluation.firings.some((f) => f.ruleId === selection.rule)
    throw selectionError(
      'NOTICE_RULE_NOT_FIRED',
      fired ? `规则“${selection.rule}”触发了，但没有指定文书模板` : `规则“${selection.rule}”在该次评估中没有触发`,
      fired
        ? `rule "${selection.rule}" fired but names no notice`
        : `rule "${selection.rule}" did not fire in that evaluation`,
    )
  }
  const previewsTaken = new Map<string, number>()
  // every notice is rendered as a preview first: a notice that cannot be made costs no number, nor do the others
  const previews: Prepared[] = []
  for (const firing of firings)
    previews.push(
      await prepare(
        deps,
        { caseId: caseFile.caseId, events: caseFile.events, state, evaluation, firing, date },
        previewsTaken,
      ),
    )
  const notices: ComposedNotice[] = []
  for (const p of previews)
    notices.push(selection.issue === true ? await issueOne(deps, p) : finish(p, p.rendered, p.previewNumber, true))
  return { notices, evaluation }
}

/** One firing's notice: the case as the evaluation saw it, and the 成文日期. */
export interface OneNotice {
  readonly caseId: string
  /** The case's events as recorded; undefined when only the state is at hand (no event-specific content then). */
  readonly events: readonly CaseEvent[] | undefined
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly firing: Firing & { readonly notice: string }
  /** 成文日期 (YYYY-MM-DD); the number's year is its year. */
  readonly date: string
}

interface Rendered {
  readonly context: NoticeContext
  readonly article: string
}

interface Prepared extends Planned {
  readonly previewNumber: NoticeNumber
  readonly rendered: Rendered
}

/**
 * What a notice needs before its number: the issuing organ and the year the number is taken in, and its rendering
 * from a number (pure: the same number gives the same notice). The service takes the number in its transaction and
 * renders the notice once.
 * @example const plan = planNotice(deps, one); const notice = plan.finish(noticeNumber(plan.organ, plan.year, 7))
 */
export function planNotice(deps: Omit<NoticeDeps, 'issuer'>, one: OneNotice): NoticePlan {
  const { renderer, organs, env } = deps
  const { events, state, evaluation, firing, date } = one
  const year = Number(date.slice(0, 4))
  const template = renderer.template(firing.notice)
  const department = state.header.department
  // a notice to the department never comes from the department itself; a reply to a reporter comes from the unit
  // that received the report: for a report matter, the matter's department in the role its header declares
  const toDepartment = template.meta.addressee === 'department'
  const receivedAs = state.matterType === 'report' ? state.matterHeader?.departmentKind : undefined
  const issuerKind =
    !toDepartment && receivedAs !== undefined && receivedAs !== 'actingDepartment' ? receivedAs : template.meta.issuer
  const organ = resolveOrgan(organs, issuerKind, department, { writesToDepartment: toDepartment })
  // copies go to the other organs named, never to the issuer or the addressee
  const copyTo = (template.meta.copyTo ?? [])
    .map((kind) => resolveOrgan(organs, kind, department))
    .filter(
      (o, i, all) => o.id !== organ.id && !isDepartment(o, department) && all.findIndex((x) => x.id === o.id) === i,
    )
  // the calendar of the case's jurisdiction, with its local holidays (阿坝州 declares its own)
  const calendar = env.calendarFor?.(department.jurisdiction) ?? env.calendar
  // the documents the notice may cite: those in force, by the packs of the case's layers, on the evaluation's day and the
  // notice's date — or, for an evaluation judged under the law of another day (lawOn: the law that set a matter's limit), on that day
  const days = evaluation.lawOn !== undefined ? [evaluation.lawOn] : [dateOf(evaluation.at), date]
  const { layers } = ruleSetFor(env, department.jurisdiction)
  const documents = withFiringCitation(documentsInForce(layers, days), firing)
  // a template's deadline may name a parameter the case's layers declare
  const parameters = parametersOf(layers)
  const render = (number: NoticeNumber, preview: boolean): Rendered => {
    const context = buildNoticeContext({
      template,
      organ,
      copyTo,
      number,
      preview,
      date,
      events,
      state,
      evaluation,
      firing,
      calendar,
      documents,
      parameters,
    })
    return { context, article: renderer.article(template.name, context) }
  }
  const planned = { ...one, year, template, organ, documents, render }
  return { ...planned, finish: (number) => finish(planned, render(number, false), number, false) }
}

/** A notice planned: its organ and year known, its number not yet taken. */
export interface NoticePlan extends Planned {
  /** The notice with this (real) number. */
  finish(number: NoticeNumber): ComposedNotice
}

interface Planned extends OneNotice {
  readonly year: number
  readonly template: NoticeTemplate
  readonly organ: DeclaredOrgan
  readonly documents: DocumentsOnDay
  readonly render: (number: NoticeNumber, preview: boolean) => Rendered
}

async function prepare(deps: NoticeDeps, one: OneNotice, previewsTaken: Map<string, number>): Promise<Prepared> {
  const plan = planNotice(deps, one)
  const peeked = await deps.issuer.peek(plan.organ, plan.year)
  const offset = previewsTaken.get(plan.organ.id) ?? 0
  previewsTaken.set(plan.organ.id, offset + 1)
  const previewNumber = noticeNumber(plan.organ, plan.year, peeked.sequence + offset)
  return { ...plan, previewNumber, rendered: plan.render(previewNumber, true) }
}

async function issueOne(deps: NoticeDeps, p: Prepared): Promise<ComposedNotice> {
  const number = await deps.issuer.issue(p.organ, p.year, {
    caseId: p.caseId,
    ruleId: p.firing.ruleId,
    template: p.template.name,
    eventSequence: p.evaluation.sequence,
  })
  try {
    return finish(p, p.render(number, false), number, false)
  } catch (err) {
    await deps.issuer.void(number, `文书渲染失败 render failed: ${(err as Error).message}`)
    throw err
  }
}

function finish(p: Planned, rendered: Rendered, number: NoticeNumber, preview: boolean): ComposedNotice {
  const { date, firing, template, organ } = p
  const warnings: string[] = []
  const deadline = rendered.context.deadline
  if (deadline && deadline.from === 'eventDate' && date > deadline.date) {
    warnings.push(
      `成文日期 ${date} 已超过本文书的法定期限 ${deadline.date} / the notice is dated after its own deadline ${deadline.date}`,
    )
  }
  // the rule fired while its document was in force, but the notice is dated after it lapsed
  if (isLapsed(p.documents, firing.citation.document)) {
    warnings.push(
      `《${firing.citation.document}》在成文日期 ${date} 已不在有效期内，本文书所报告的触发结果依据该文件 / the rule reported cites a document no longer in force on the notice's date ${date}`,
    )
  }
  if (date < rendered.context.evaluation.on) {
    warnings.push(
      `成文日期 ${date} 早于所依据的评估日期 ${rendered.context.evaluation.on} / the notice is dated before the evaluation it reports`,
    )
  }
  return {
    ruleId: firing.ruleId,
    template: template.name,
    title: template.meta.title,
    number,
    preview,
    organ,
    article: rendered.article,
    text: noticeText(rendered.article),
    context: rendered.context,
    warnings,
  }
}
