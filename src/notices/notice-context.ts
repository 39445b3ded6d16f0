/** Builds what a template sees (schemas/notice-context.schema.json) from the case, the evaluation, the firing, the organ and the number. */
import type { Calendar } from '../calendar/calendar.js'
import { dateOf } from '../calendar/iso-date.js'
import type { CaseState } from '../case/case-state.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import type { Firing } from '../rules/rule-set.js'
import type { CaseEvent, Citation, ComplaintReceivedEvent, NoticeContext, SupplementRequestedEvent } from '../types/generated.js'
import { PENALTY_KIND_NAMES } from './helpers.js'
import { fieldMissing } from './notice-error.js'
import type { NoticeNumber } from './number-issuer.js'
import type { DeclaredOrgan } from './organs.js'
import type { NoticeTemplate } from './template-library.js'

export interface NoticeInput {
  readonly template: NoticeTemplate
  readonly organ: DeclaredOrgan
  readonly copyTo: readonly DeclaredOrgan[]
  readonly number: NoticeNumber
  /** True when the number was only peeked at, not issued. */
  readonly preview: boolean
  /** 成文日期 (YYYY-MM-DD). */
  readonly date: string
  /** The case's events as recorded (at least up to the evaluation); undefined when the caller has only the state. */
  readonly events: readonly CaseEvent[] | undefined
  /** The case as it stood at the evaluation. */
  readonly state: CaseState
  readonly evaluation: Evaluation
  readonly firing: Firing
  readonly calendar: Calendar
}

const MATTER_NAMES: Record<string, string> = {
  case: '办件', supervision: '督办事项', report: '举报', catalogApplication: '行政职权目录动态调整申请', catalogReview: '行政职权目录调整审核',
  catalogUpdate: '行政职权目录更新公布', rectification: '整改事项', annualReport: '年度运行情况报告', quarterlyLedger: '平台监督管理台账季报',
  quarterlySummary: '监察机关季度汇总', patrolLog: '日常巡查记录', oversight: '督查检查',
}

const sameArticle = (a: Citation, b: Citation) => a.document === b.document && a.article === b.article && (a.item ?? '') === (b.item ?? '')

const EFFECTS = { exemption: '相关行权责任人不承担责任', mitigation: '可以从轻或者免予责任追究' } as const

const citation = (c: Citation): Citation => ({ ...c })

/** The events the platform had recorded up to the evaluation. */
function eventsSoFar(input: NoticeInput): readonly CaseEvent[] {
  if (!input.events) return input.state.complaints
  const n = input.evaluation.sequence ?? input.state.eventIds.size
  return input.events.slice(0, n)
}

function lastOf<T extends CaseEvent['type']>(events: readonly CaseEvent[], type: T): Extract<CaseEvent, { type: T }> | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === type) return events[i] as Extract<CaseEvent, { type: T }>
  return undefined
}

function reportOf(event: ComplaintReceivedEvent | undefined): NoticeContext['report'] {
  if (!event || !event.realName || !event.complainant?.trim()) return null
  return { kind: event.kind, realName: event.realName, complainant: event.complainant, content: event.content, receivedOn: dateOf(event.occurredAt) }
}

function addresseeOf(input: NoticeInput, report: NoticeContext['report'], finding: NoticeContext['finding']): NoticeContext['addressee'] {
  const h = input.state.header
  switch (input.template.meta.addressee) {
    case 'department':
      return { kind: 'department', name: finding?.department.name ?? h.department.name }
    case 'applicant':
      return { kind: 'applicant', name: h.applicant.name }
    case 'reporter':
      if (!report) throw fieldMissing('report.complainant', '办件中没有写明举报人姓名的实名举报（complaintReceived，realName 为 true，complainant 不为空），告知书无法确定主送', 'the case has no real-name report with a complainant to address the notice to')
      return { kind: 'reporter', name: report.complainant }
  }
}

/**
 * The template context of one notice; throws NOTICE_FIELD_MISSING when the case lacks something the notice needs.
 * @example const context = buildNoticeContext({ template, organ, copyTo, number, preview: true, date: '2025-10-31', events: caseFile.events, state, evaluation, firing, calendar })
 */
export function buildNoticeContext(input: NoticeInput): NoticeContext {
  const { template, organ, state, evaluation, firing, calendar, number } = input
  const meta = template.meta
  const h = state.header
  const events = eventsSoFar(input)
  const event = evaluation.sequence !== null && input.events ? (input.events[evaluation.sequence - 1] ?? null) : null
  const evaluationOn = dateOf(evaluation.at)

  const complaint = event?.type === 'complaintReceived' ? event : lastOf(events, 'complaintReceived')
  // a report registered as a matter of its own (matterType report): the reporter is the matter's applicant
  const report = reportOf(complaint) ?? (state.matterType === 'report' ? { kind: 'report' as const, realName: true, complainant: h.applicant.name, content: h.name, receivedOn: state.acceptedOn } : null)
  const supplement: SupplementRequestedEvent | undefined = event?.type === 'supplementRequested' ? event : lastOf(events, 'supplementRequested')
  const materials = supplement ? supplement.materials : null
  if (meta.eventTypes?.includes('supplementRequested') && !materials) {
    throw fieldMissing('materials', '办件中没有补正告知事件（supplementRequested），无法列出需要补正的材料', 'the case has no supplementRequested event to list the materials from')
  }

  let deadline: NoticeContext['deadline'] = null
  if (meta.deadline) {
    const d = meta.deadline
    const eventDay = meta.addressee === 'reporter' && report ? report.receivedOn : event ? dateOf(event.occurredAt) : evaluationOn
    const fromDate = d.from === 'noticeDate' ? input.date : eventDay
    const date = d.unit === 'working' ? calendar.addWorkingDays(fromDate, d.days) : calendar.addCalendarDays(fromDate, d.days)
    deadline = {
      days: d.days,
      unit: d.unit,
      from: d.from,
      fromDate,
      date,
      basis: d.basis.kind === 'law' ? { kind: 'law', citation: citation(d.basis.citation), note: null } : { kind: 'office', citation: null, note: d.basis.note },
    }
  }

  const decision = state.decision
  const found = evaluation.findings?.find((f) => f.ruleId === firing.ruleId)
  const finding: NoticeContext['finding'] = found
    ? {
        department: { code: found.department.code, name: found.department.name },
        responsible: found.responsible ? { name: found.responsible.name, post: found.responsible.post ?? null } : null,
        status: found.status,
        item: found.item ?? null,
      }
    : null
  // the exemptions and mitigations that apply to this firing: the finding's relief, else the firings that name it
  const considered = found
    ? found.relief.map((r) => ({ ruleId: r.ruleId, kind: r.kind, title: r.title, citation: citation(r.citation), effect: EFFECTS[r.kind] }))
    : evaluation.firings
        .filter((f): f is Firing & { kind: 'exemption' | 'mitigation' } => (f.kind === 'exemption' || f.kind === 'mitigation') && (f.appliesTo ?? []).includes(firing.ruleId))
        .map((f) => ({ ruleId: f.ruleId, kind: f.kind, title: f.title, citation: citation(f.citation), effect: EFFECTS[f.kind] }))

  const overdueSteps = evaluation.facts.overdueStepIds.flatMap((id) => {
    const i = h.steps.findIndex((s) => s.id === id)
    const step = h.steps[i]
    const startedOn = state.steps[i]?.startedOn
    return step && step.limit && startedOn ? [{ id, name: step.name, post: step.post, startedOn, limit: { ...step.limit } }] : []
  })

  return {
    notice: {
      template: template.name,
      title: meta.title,
      number: { text: number.text, code: number.code, year: number.year, sequence: number.sequence },
      preview: input.preview,
      date: input.date,
      dateStyle: meta.dateStyle ?? 'arabic',
      // the notice's own basis, less the articles the firing already quotes
      basis: meta.basis.filter((c) => ![firing.citation, ...(firing.alsoCites ?? [])].some((f) => sameArticle(f, c))).map((c) => {
        if (!c.text) throw fieldMissing('notice.basis', `模板说明 ${template.metaFile} 引用的 ${c.document}${c.article} 缺少条文原文`, `${template.metaFile} cites ${c.article} without its text`)
        return { ...c, text: c.text }
      }),
    },
    organ: {
      id: organ.id,
      name: organ.name,
      code: organ.code,
      kind: organ.kind,
      jurisdiction: { ...organ.jurisdiction },
      contact: organ.contact ? { ...organ.contact } : null,
      status: organ.status,
    },
    copyTo: input.copyTo.map((o) => ({ id: o.id, name: o.name })),
    addressee: addresseeOf(input, report, finding),
    case: {
      id: state.caseId,
      matterType: state.matterType,
      matterTypeName: MATTER_NAMES[state.matterType] ?? state.matterType,
      isMatter: state.matterType !== 'case',
      serialNumber: h.serialNumber,
      name: h.name,
      applicant: { name: h.applicant.name, kind: h.applicant.kind, idNumber: h.applicant.idNumber ?? null, contact: h.applicant.contact ?? null },
      powerItem: { ...h.powerItem },
      department: { ...h.department },
      acceptedAt: state.acceptedAt,
      acceptedOn: state.acceptedOn,
      statutoryLimit: { ...h.statutoryLimit },
      promisedLimit: { ...h.promisedLimit },
      status: state.status,
      closedOn: state.closedOn ?? null,
      steps: h.steps.map((s, i) => ({
        id: s.id,
        name: s.name,
        post: s.post,
        limit: s.limit ? { ...s.limit } : null,
        status: state.steps[i]?.status ?? 'pending',
        startedOn: state.steps[i]?.startedOn ?? null,
        completedOn: state.steps[i]?.completedOn ?? null,
      })),
      decision: decision
        ? {
            outcome: decision.outcome,
            decidedOn: dateOf(decision.occurredAt),
            legalBasis: [...decision.legalBasis],
            circumstance: decision.circumstance ?? null,
            missingEvidenceIds: decision.evidenceIds.filter((id) => !state.evidence.has(id)),
            penalty: decision.penalty
              ? { kinds: [...decision.penalty.kinds], kindNames: decision.penalty.kinds.map((k) => PENALTY_KIND_NAMES[k] ?? k), amount: decision.penalty.amount ?? null }
              : null,
          }
        : null,
    },
    facts: evaluation.facts,
    evaluation: { at: evaluation.at, on: evaluationOn, sequence: evaluation.sequence, eventId: evaluation.eventId },
    event,
    firing: {
      ruleId: firing.ruleId,
      ruleVersion: firing.ruleVersion,
      pack: { ...firing.pack },
      kind: firing.kind,
      level: firing.level,
      title: firing.title,
      citation: citation(firing.citation),
      alsoCites: (firing.alsoCites ?? []).map(citation),
      params: { ...(firing.params ?? {}) },
    },
    overdueSteps,
    finding,
    considered,
    exempted: considered.some((c) => c.kind === 'exemption'),
    mitigated: considered.some((c) => c.kind === 'mitigation'),
    deadline,
    materials: materials ? [materials[0]!, ...materials.slice(1)] : null,
    report,
  }
}
