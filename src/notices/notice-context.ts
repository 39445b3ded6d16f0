/** Builds what a template sees (schemas/notice-context.schema.json) from the case, the evaluation, the firing, the organ and the number. */
import type { Calendar } from '../calendar/calendar.js'
import { dateOf } from '../calendar/iso-date.js'
import { provisionalNote } from '../calendar/provisional-note.js'
import type { CaseState } from '../case/case-state.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import { valueOn, type ParamRef } from '../rules/parameters.js'
import type { Firing } from '../rules/rule-set.js'
import type {
  CaseEvent,
  Citation,
  ComplaintReceivedEvent,
  DeadlineBasis,
  NoticeContext,
  Parameter,
  SupplementRequestedEvent,
} from '../types/generated.js'
import { documentsNamedIn, inForceFlags, isLapsed, type DocumentsOnDay } from './documents.js'
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
  /**
   * The documents in force on the evaluation's day and on the notice's date (from the packs of the case's layers,
   * src/notices/documents.ts): the notice's own basis cites no other, and nothing it quotes is from a lapsed one.
   */
  readonly documents: DocumentsOnDay
  /** The parameters the packs of the case's layers declare (a template's deadline names one by id). */
  readonly parameters: ReadonlyMap<string, Parameter>
}

const MATTER_NAMES: Record<string, string> = {
  case: '办件',
  supervision: '督办事项',
  report: '举报',
  catalogApplication: '行政职权目录动态调整申请',
  catalogReview: '行政职权目录调整审核',
  catalogUpdate: '行政职权目录更新公布',
  rectification: '整改事项',
  annualReport: '年度运行情况报告',
  quarterlyLedger: '平台监督管理台账季报',
  quarterlySummary: '监察机关季度汇总',
  patrolLog: '日常巡查记录',
  oversight: '督查检查',
}

const sameArticle = (a: Citation, b: Citation) =>
  a.document === b.document && a.article === b.article && (a.item ?? '') === (b.item ?? '')

const EFFECTS = { exemption: '相关行权责任人不承担责任', mitigation: '可以从轻或者免予责任追究' } as const

const citation = (c: Citation): Citation => ({ ...c })

/** The documents a deadline's basis cites: the law's, or those its office note names. */
const basisDocuments = (b: DeadlineBasis): string[] =>
  b.kind === 'law' ? [b.citation.document] : documentsNamedIn(b.note).map((d) => d.title)

/**
 * The notice's own basis on the day: each entry whose document is in force; for a document that is not, the
 * alternatives the description gives for it (themselves only where in force).
 */
function basisInForce(input: NoticeInput): Citation[] {
  const { meta } = input.template
  const out: Citation[] = []
  const replaced = new Set<string>()
  for (const c of meta.basis) {
    if (input.documents.inForce.has(c.document)) out.push(c)
    else if (!replaced.has(c.document)) {
      replaced.add(c.document)
      out.push(
        ...(meta.whenNotInForce?.[c.document]?.basis ?? []).filter((alt) => input.documents.inForce.has(alt.document)),
      )
    }
  }
  return out
}

/** The deadline's days: the number written, or the value on the day the period starts of the parameter it names. */
function deadlineDays(input: NoticeInput, days: number | ParamRef, fromDate: string): number {
  if (typeof days === 'number') return days
  const parameter = input.parameters.get(days.param)
  const value = parameter && valueOn(parameter, fromDate)
  if (value === undefined)
    throw fieldMissing(
      'deadline.days',
      `模板说明 ${input.template.metaFile} 的期限引用参数“${days.param}”，办件所属各层级的规则包${parameter ? `没有 ${fromDate} 生效的值` : '都没有声明它'}`,
      `${input.template.metaFile} takes its deadline from parameter "${days.param}", which ${parameter ? `has no value in force on ${fromDate}` : "no pack of the case's layers declares"}`,
    )
  return value
}

/** The deadline's basis on the day: the description's, or the alternative for a document of it that is not in force. */
function deadlineBasisInForce(input: NoticeInput, basis: DeadlineBasis): DeadlineBasis {
  const lapsed = basisDocuments(basis).filter((d) => !input.documents.inForce.has(d))
  if (lapsed.length === 0) return basis
  const alt = input.template.meta.whenNotInForce?.[lapsed[0]!]?.deadlineBasis
  if (!alt || basisDocuments(alt).some((d) => !input.documents.inForce.has(d))) {
    throw fieldMissing(
      'deadline.basis',
      `模板说明 ${input.template.metaFile} 的期限依据引用了评估之日不在有效期内的《${lapsed[0]}》，且没有在 whenNotInForce 中给出替代的 deadlineBasis`,
      `${input.template.metaFile} bases its deadline on "${lapsed[0]}", not in force on the evaluation's day, and gives no whenNotInForce deadlineBasis`,
    )
  }
  return alt
}

/**
 * The 第四十八条 item the alarm falls under: the accountability rule of the same evaluation that lists the alarm's
 * rule in its params.alarms (in force on the day), or null — a notice never cites an item for a conduct it is not.
 */
function accountabilityOf(
  evaluation: Evaluation,
  firing: Firing,
  documents: DocumentsOnDay,
): NoticeContext['accountability'] {
  const alarms = (f: Firing) => (Array.isArray(f.params?.alarms) ? (f.params.alarms as unknown[]) : [])
  const found = evaluation.firings.find(
    (f) =>
      f.kind === 'accountability' && alarms(f).includes(firing.ruleId) && !isLapsed(documents, f.citation.document),
  )
  const item = found?.params?.item
  return found && typeof item === 'string' ? { ruleId: found.ruleId, item, citation: citation(found.citation) } : null
}

/** The events the platform had recorded up to the evaluation. */
function eventsSoFar(input: NoticeInput): readonly CaseEvent[] {
  if (!input.events) return input.state.complaints.toArray()
  const n = input.evaluation.sequence ?? input.state.eventIds.size
  return input.events.slice(0, n)
}

function lastOf<T extends CaseEvent['type']>(
  events: readonly CaseEvent[],
  type: T,
): Extract<CaseEvent, { type: T }> | undefined {
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]!.type === type) return events[i] as Extract<CaseEvent, { type: T }>
  return undefined
}

function reportOf(event: ComplaintReceivedEvent | undefined): NoticeContext['report'] {
  if (!event?.realName || !event.complainant?.trim()) return null
  return {
    kind: event.kind,
    realName: event.realName,
    complainant: event.complainant,
    content: event.content,
    receivedOn: dateOf(event.occurredAt),
  }
}

function addresseeOf(
  input: NoticeInput,
  report: NoticeContext['report'],
  finding: NoticeContext['finding'],
): NoticeContext['addressee'] {
  const h = input.state.header
  switch (input.template.meta.addressee) {
    case 'department':
      return { kind: 'department', name: finding?.department.name ?? h.department.name }
    case 'applicant':
      return { kind: 'applicant', name: h.applicant.name }
    case 'reporter':
      if (!report)
        throw fieldMissing(
          'report.complainant',
          '办件中没有写明举报人姓名的实名举报（complaintReceived，realName 为 true，complainant 不为空），告知书无法确定主送',
          'the case has no real-name report with a complainant to address the notice to',
        )
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
  const notInForce = (meta.inForceRequired ?? []).filter((d) => !input.documents.inForce.has(d))
  if (notInForce.length > 0) {
    throw fieldMissing(
      'inForce',
      `${meta.title}只在《${notInForce.join('》《')}》有效期内制作；该文件在评估之日（${evaluationOn}）或成文日期（${input.date}）不在有效期内`,
      `${template.name} is made only while ${notInForce.join(', ')} is in force; it was not on ${evaluationOn} or ${input.date}`,
    )
  }

  const complaint = event?.type === 'complaintReceived' ? event : lastOf(events, 'complaintReceived')
  // a report registered as a matter of its own (matterType report): the reporter is the matter's applicant
  const report =
    reportOf(complaint) ??
    (state.matterType === 'report'
      ? {
          kind: 'report' as const,
          realName: true,
          complainant: h.applicant.name,
          content: h.name,
          receivedOn: state.acceptedOn,
        }
      : null)
  const supplement: SupplementRequestedEvent | undefined =
    event?.type === 'supplementRequested' ? event : lastOf(events, 'supplementRequested')
  const materials = supplement ? supplement.materials : null
  if (meta.eventTypes?.includes('supplementRequested') && !materials) {
    throw fieldMissing(
      'materials',
      '办件中没有补正告知事件（supplementRequested），无法列出需要补正的材料',
      'the case has no supplementRequested event to list the materials from',
    )
  }

  let deadline: NoticeContext['deadline'] = null
  let deadlineProvisional: readonly number[] = []
  if (meta.deadline) {
    const d = meta.deadline
    const basis = deadlineBasisInForce(input, d.basis)
    const eventDay =
      meta.addressee === 'reporter' && report ? report.receivedOn : event ? dateOf(event.occurredAt) : evaluationOn
    const fromDate = d.from === 'noticeDate' ? input.date : eventDay
    const days = deadlineDays(input, d.days, fromDate)
    const counted = calendar.observe(() =>
      d.unit === 'working' ? calendar.addWorkingDays(fromDate, days) : calendar.addCalendarDays(fromDate, days),
    )
    const date = counted.result
    deadlineProvisional = counted.provisionalYears
    deadline = {
      days,
      unit: d.unit,
      from: d.from,
      fromDate,
      date,
      basis:
        basis.kind === 'law'
          ? { kind: 'law', citation: citation(basis.citation), note: null }
          : { kind: 'office', citation: null, note: basis.note },
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
  const accountability = accountabilityOf(evaluation, firing, input.documents)
  // the exemptions and mitigations that apply to this firing: the finding's relief, else the firings that name it
  const inForceCitation = (c: Citation) => !isLapsed(input.documents, c.document)
  const considered = (
    found
      ? found.relief.map((r) => ({
          ruleId: r.ruleId,
          kind: r.kind,
          title: r.title,
          citation: citation(r.citation),
          effect: EFFECTS[r.kind],
        }))
      : evaluation.firings
          .filter(
            (f): f is Firing & { kind: 'exemption' | 'mitigation' } =>
              (f.kind === 'exemption' || f.kind === 'mitigation') && (f.appliesTo ?? []).includes(firing.ruleId),
          )
          .map((f) => ({
            ruleId: f.ruleId,
            kind: f.kind,
            title: f.title,
            citation: citation(f.citation),
            effect: EFFECTS[f.kind],
          }))
  ).filter((c) => inForceCitation(c.citation))
  // what the firing also cites, less the documents not in force (a province rule citing a lapsed prefecture article)
  const alsoCites = (firing.alsoCites ?? []).filter(inForceCitation)

  const overdueSteps = evaluation.facts.overdueStepIds.flatMap((id) => {
    const i = h.steps.findIndex((s) => s.id === id)
    const step = h.steps[i]
    const startedOn = state.steps[i]?.startedOn
    return step?.limit && startedOn
      ? [{ id, name: step.name, post: step.post, startedOn, limit: { ...step.limit } }]
      : []
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
      basis: basisInForce(input)
        .filter((c) => ![firing.citation, ...alsoCites].some((f) => sameArticle(f, c)))
        .map((c) => {
          if (!c.text)
            throw fieldMissing(
              'notice.basis',
              `模板说明 ${template.metaFile} 引用的 ${c.document}${c.article} 缺少条文原文`,
              `${template.metaFile} cites ${c.article} without its text`,
            )
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
      applicant: {
        name: h.applicant.name,
        kind: h.applicant.kind,
        idNumber: h.applicant.idNumber ?? null,
        contact: h.applicant.contact ?? null,
      },
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
              ? {
                  kinds: [...decision.penalty.kinds],
                  kindNames: decision.penalty.kinds.map((k) => PENALTY_KIND_NAMES[k] ?? k),
                  amount: decision.penalty.amount ?? null,
                }
              : null,
          }
        : null,
    },
    facts: evaluation.facts,
    evaluation: { at: evaluation.at, on: evaluationOn, sequence: evaluation.sequence, eventId: evaluation.eventId },
    inForce: inForceFlags(input.documents.inForce),
    event,
    firing: {
      ruleId: firing.ruleId,
      ruleVersion: firing.ruleVersion,
      pack: { ...firing.pack },
      kind: firing.kind,
      level: firing.level,
      title: firing.title,
      citation: citation(firing.citation),
      alsoCites: alsoCites.map(citation),
      params: { ...(firing.params ?? {}) },
    },
    overdueSteps,
    finding,
    accountability,
    timeAlarm: firing.kind === 'deadline',
    considered,
    exempted: considered.some((c) => c.kind === 'exemption'),
    mitigated: considered.some((c) => c.kind === 'mitigation'),
    deadline,
    materials: materials ? [materials[0]!, ...materials.slice(1)] : null,
    report,
    calendarProvisional: provisionalOf([...(evaluation.calendarProvisional?.years ?? []), ...deadlineProvisional]),
  }
}

/** The note on the provisional calendar years the evaluation or the notice's own deadline counted, or null. */
function provisionalOf(years: readonly number[]): NoticeContext['calendarProvisional'] {
  const unique = [...new Set(years)].sort((a, b) => a - b)
  return unique.length > 0 ? provisionalNote(unique) : null
}
