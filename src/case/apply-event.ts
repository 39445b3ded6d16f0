/** Applies one event to a case state, or refuses it with a bilingual reason: the fold behind every case. */
import { dateOf, daysBetween } from '../calendar/iso-date.js'
import type { CaseEvent, Citation, DeadlinePolicy } from '../types/generated.js'
import { applySupervisionEvent, isSupervisionEvent } from './apply-supervision-event.js'
import { refuse } from './refuse.js'
import type { CaseState, StepState, StopPeriod } from './case-state.js'
import { delayHours, isOpenStop, startsOutOfOrder } from './case-state.js'
import { VersionedList, VersionedMap, VersionedSet } from './versioned-map.js'
import { extensionFor, headerOf, isMatterHeader, resolveLimits } from './matter-limits.js'

/**
 * What the rules say about events that the fold must enforce (from the rule pack, never from code): each power type's
 * time policy under its own law, and the limits and extension caps of matters (督办, 举报, 目录调整, ...).
 */
export type AdmissionPolicy = Readonly<Pick<DeadlinePolicy, 'powerTypes' | 'matters'>>

const cite = (c: Citation) => `${c.document} ${c.article}${c.item ?? ''}`

function withStep(
  state: CaseState,
  event: CaseEvent,
  stepId: string,
  change: (s: StepState) => StepState,
): readonly StepState[] {
  const step = state.steps.find((s) => s.id === stepId)
  if (!step) refuse(event, 'STEP_UNKNOWN', `办件没有环节“${stepId}”`, `the case has no step "${stepId}"`)
  return state.steps.map((s) => (s.id === stepId ? change(s) : s))
}

function closeStop(state: CaseState, event: CaseEvent, kind: StopPeriod['kind'], on: string): readonly StopPeriod[] {
  const open = state.stops.findIndex((s) => s.kind === kind && isOpenStop(s))
  if (open < 0) {
    const [zh, en] =
      kind === 'supplement'
        ? ['没有未收到的补正告知', 'no supplement request is open']
        : ['办件未暂停', 'the case is not suspended']
    refuse(event, kind === 'supplement' ? 'NO_OPEN_SUPPLEMENT' : 'NOT_SUSPENDED', zh, en)
  }
  return state.stops.map((s, i) => (i === open ? { ...s, to: on } : s))
}

function openStop(state: CaseState, event: CaseEvent, stop: StopPeriod): readonly StopPeriod[] {
  if (state.stops.some((s) => s.kind === stop.kind && isOpenStop(s))) {
    const [zh, en] =
      stop.kind === 'supplement'
        ? ['上一次补正尚未收到', 'the previous supplement request is still open']
        : ['办件已处于暂停状态', 'the case is already suspended']
    refuse(event, 'ALREADY_STOPPED', zh, en)
  }
  return [...state.stops, stop]
}

/**
 * The state after `event`; throws EventRefused when the event cannot be admitted.
 * @example let s = applyEvent(undefined, accepted, 'case-1'); s = applyEvent(s, stepStarted, 'case-1')
 */
export function applyEvent(
  state: CaseState | undefined,
  event: CaseEvent,
  caseId: string,
  policy: AdmissionPolicy = {},
): CaseState {
  // each moment parsed once: the checks below and the recording delay read them
  const occurredMs = Date.parse(event.occurredAt)
  const recordedMs = Date.parse(event.recordedAt)
  if (recordedMs < occurredMs) {
    refuse(event, 'RECORDED_BEFORE_OCCURRED', '录入时刻早于发生时刻', 'recordedAt is before occurredAt')
  }
  const on = dateOf(event.occurredAt)
  if (!state) {
    if (event.type !== 'accepted')
      refuse(
        event,
        'CASE_NOT_ACCEPTED',
        '办件的第一个事件必须是受理（accepted）',
        'the first event of a case must be "accepted"',
      )
    const resolved = resolveLimits(event.case, on, policy)
    if ('refusal' in resolved) refuse(event, resolved.refusal.code, resolved.refusal.zh, resolved.refusal.en)
    const header = headerOf(event.case, resolved.limits, on, daysBetween)
    const matter = isMatterHeader(event.case) ? event.case : undefined
    const ids = new Set<string>()
    for (const s of header.steps) {
      if (ids.has(s.id)) refuse(event, 'STEP_DUPLICATE', `环节编号“${s.id}”重复`, `step id "${s.id}" appears twice`)
      ids.add(s.id)
    }
    return {
      caseId,
      header,
      acceptedAt: event.occurredAt,
      acceptedOn: on,
      status: 'open',
      eventIds: VersionedSet.of([event.id]),
      lastRecordedAt: event.recordedAt,
      stops: [],
      extensionWorkingDays: 0,
      steps: header.steps.map((s, index) => ({ id: s.id, index, status: 'pending' })),
      supplementRequestCount: 0,
      evidence: VersionedMap.empty(),
      evidenceChangedCount: 0,
      evidenceRemovedCount: 0,
      mergedCaseIds: [],
      complaints: VersionedList.of([]),
      matterType: matter?.matterType ?? 'case',
      ...(matter ? { matterHeader: matter } : {}),
      ...(matter?.period ? { period: matter.period } : {}),
      limits: resolved.limits,
      extensionCount: 0,
      extensionsWithoutBasis: 0,
      extensionDaysWithoutBasis: 0,
      stepOutOfOrderCount: 0,
      unjustifiedReturnCount: 0,
      maxRecordingDelayHours: delayHours(occurredMs, recordedMs),
      conductDays: {
        outOfOrder: [],
        unjustifiedReturn: [],
        longestDelays:
          delayHours(occurredMs, recordedMs) > 0 ? [{ on, hours: delayHours(occurredMs, recordedMs) }] : [],
        lateRecordings: VersionedList.of(
          dateOf(event.recordedAt) > on ? [{ on, recordedOn: dateOf(event.recordedAt) }] : [],
        ),
      },
      discretion: { grounds: [] },
      raisedFindings: VersionedList.of([]),
      reliefCircumstances: [],
      patrols: VersionedList.of([]),
      lastHandler: event.actor,
    }
  }
  if (state.eventIds.has(event.id))
    refuse(event, 'EVENT_DUPLICATE', '事件编号已经记录过', 'this event id is already recorded')
  if (recordedMs < Date.parse(state.lastRecordedAt)) {
    refuse(
      event,
      'RECORDED_OUT_OF_ORDER',
      '录入时刻早于上一事件的录入时刻；更正请作为新事件录入',
      'recordedAt is before the previous event was recorded; record corrections as new events',
    )
  }
  if (event.type === 'accepted') refuse(event, 'ALREADY_ACCEPTED', '办件已受理', 'the case was already accepted')
  const afterClosing =
    event.type === 'complaintReceived' ||
    event.type === 'complaintAnswered' ||
    event.type === 'satisfactionRated' ||
    event.type === 'findingRaised' ||
    event.type === 'circumstanceEstablished'
  if (state.status === 'closed' && !afterClosing) {
    refuse(
      event,
      'CASE_CLOSED',
      '办件已办结，只能记录投诉举报及其答复、满意度评价和监督认定',
      'the case is closed; only complaints and their replies, satisfaction ratings and supervisory findings may follow',
    )
  }
  const handled = !afterClosing && event.type !== 'patrolRecorded'
  const delay = delayHours(occurredMs, recordedMs)
  const longer = handled && delay > state.maxRecordingDelayHours
  const recordedOn = handled ? dateOf(event.recordedAt) : on
  const late = recordedOn > on
  const next: CaseState = {
    ...state,
    eventIds: state.eventIds.with(event.id),
    lastRecordedAt: event.recordedAt,
    // only the department's own handling counts as 事后录入: a supervisor may date a finding to the fact it concerns
    maxRecordingDelayHours: longer ? delay : state.maxRecordingDelayHours,
    // a new conduct record only when the event adds to it
    conductDays:
      longer || late
        ? {
            ...state.conductDays,
            ...(longer ? { longestDelays: [...state.conductDays.longestDelays, { on, hours: delay }] } : {}),
            ...(late ? { lateRecordings: state.conductDays.lateRecordings.with({ on, recordedOn }) } : {}),
          }
        : state.conductDays,
    ...(handled ? { lastHandler: event.actor } : {}),
  }
  if (isSupervisionEvent(event)) return applySupervisionEvent(next, event, on)
  switch (event.type) {
    case 'stepStarted':
      return {
        ...next,
        ...(startsOutOfOrder(state, event.stepId)
          ? {
              stepOutOfOrderCount: state.stepOutOfOrderCount + 1,
              conductDays: { ...next.conductDays, outOfOrder: [...next.conductDays.outOfOrder, on] },
            }
          : {}),
        steps: withStep(state, event, event.stepId, (s) => ({
          id: s.id,
          index: s.index,
          status: 'active',
          startedOn: on,
          startedBy: event.actor,
        })),
      }
    case 'stepCompleted':
      return {
        ...next,
        steps: withStep(state, event, event.stepId, (s) => {
          if (s.status !== 'active')
            refuse(event, 'STEP_NOT_ACTIVE', `环节“${s.id}”未开始或已办结`, `step "${s.id}" is not in progress`)
          return { ...s, status: 'done', completedOn: on, opinion: event.opinion }
        }),
      }
    case 'returned': {
      const from = state.steps.find((s) => s.id === event.fromStepId)
      const to = state.steps.find((s) => s.id === event.toStepId)
      if (!from || !to) refuse(event, 'STEP_UNKNOWN', '退回的环节不存在', 'a step of the return does not exist')
      if (to.index >= from.index)
        refuse(event, 'RETURN_NOT_BACKWARD', '只能退回到此前的环节', 'a return must go to an earlier step')
      return {
        ...next,
        ...(!event.reason?.trim() || !event.approvedBy?.trim()
          ? {
              unjustifiedReturnCount: state.unjustifiedReturnCount + 1,
              conductDays: { ...next.conductDays, unjustifiedReturn: [...next.conductDays.unjustifiedReturn, on] },
            }
          : {}),
        steps: state.steps.map((s) =>
          s.index === to.index
            ? { id: s.id, index: s.index, status: 'active', startedOn: on, startedBy: event.actor }
            : s.index > to.index
              ? { id: s.id, index: s.index, status: 'pending' }
              : s,
        ),
      }
    }
    case 'supplementRequested':
      return {
        ...next,
        supplementRequestCount: state.supplementRequestCount + 1,
        stops: openStop(state, event, { kind: 'supplement', from: on }),
      }
    case 'supplementReceived':
      return { ...next, stops: closeStop(state, event, 'supplement', on) }
    case 'suspended':
      return { ...next, stops: openStop(state, event, { kind: 'suspension', reason: event.reason, from: on }) }
    case 'resumed':
      return { ...next, stops: closeStop(state, event, 'suspension', on) }
    case 'extensionApproved': {
      const extension = extensionFor(state, policy)
      if (extension.kind === 'none')
        refuse(
          event,
          'EXTENSION_NOT_ALLOWED',
          '该类事项的时限不得延长（规则包未声明延长）',
          `a ${state.matterType} matter cannot be extended: no rule pack declares an extension`,
        )
      // whether it names the law that allows it is the event's; whether that matters is the power's law (the facts)
      const withoutBasis = !event.legalBasis?.some((b) => b.trim() !== '')
      const unnamed = withoutBasis
        ? {
            extensionsWithoutBasis: state.extensionsWithoutBasis + 1,
            extensionDaysWithoutBasis: state.extensionDaysWithoutBasis + event.workingDays,
          }
        : {}
      if (extension.kind === 'byOtherLaw')
        return {
          ...next,
          ...unnamed,
          extensionWorkingDays: state.extensionWorkingDays + event.workingDays,
          extensionCount: state.extensionCount + 1,
        }
      const total = state.extensionWorkingDays + event.workingDays
      const cap = extension.kind === 'capped' ? extension.policy : undefined
      if (cap?.maxCount !== undefined && state.extensionCount + 1 > cap.maxCount) {
        refuse(
          event,
          'EXTENSION_COUNT_OVER_CAP',
          `延长次数超过 ${cap.maxCount} 次（${cite(cap.citation)}）`,
          `more than ${cap.maxCount} extension(s) (${cite(cap.citation)})`,
        )
      }
      if (cap && total > cap.maxWorkingDays) {
        refuse(
          event,
          'EXTENSION_OVER_CAP',
          `延期合计 ${total} 个工作日，超过上限 ${cap.maxWorkingDays} 个工作日（${cite(cap.citation)}）`,
          `extensions would total ${total} working days, over the cap of ${cap.maxWorkingDays} (${cite(cap.citation)})`,
        )
      }
      return { ...next, ...unnamed, extensionWorkingDays: total, extensionCount: state.extensionCount + 1 }
    }
    case 'extensionRequested':
      // recorded as asked, even over the cap: the rules judge it (行政许可法 第四十二条); only an approval is capped here
      return next
    case 'merged':
      return { ...next, mergedCaseIds: [...state.mergedCaseIds, ...event.caseIds] }
    case 'evidenceUploaded': {
      const before = state.evidence.get(event.evidence.id)
      const changed = before !== undefined && (before.changed || before.evidence.sha256 !== event.evidence.sha256)
      const changedOn = before?.changedOn ?? (changed ? on : undefined)
      // a new upload of a removed id stands in its place: it is no longer removed
      const evidence = state.evidence.with(event.evidence.id, {
        evidence: event.evidence,
        uploadedAt: event.occurredAt,
        changed,
        ...(changedOn !== undefined ? { changedOn } : {}),
      })
      return {
        ...next,
        evidence,
        evidenceChangedCount: state.evidenceChangedCount + (changed && !before?.changed ? 1 : 0),
        evidenceRemovedCount: state.evidenceRemovedCount - (before?.removed ? 1 : 0),
      }
    }
    case 'decisionMade': {
      const d = state.discretion
      const discretion = {
        ...d,
        grounds: event.grounds ?? d.grounds,
        ...((event.discretionStandard ?? d.standard) !== undefined
          ? { standard: event.discretionStandard ?? d.standard }
          : {}),
        ...((event.circumstance ?? d.level) !== undefined ? { level: event.circumstance ?? d.level } : {}),
        ...((event.baseAmount ?? d.baseAmount) !== undefined ? { baseAmount: event.baseAmount ?? d.baseAmount } : {}),
      }
      return { ...next, decision: event, discretion }
    }
    case 'executed':
      return { ...next, execution: event }
    case 'closed':
      return {
        ...next,
        status: 'closed',
        closedOn: on,
        stops: state.stops.map((s) => (isOpenStop(s) ? { ...s, to: on } : s)),
      }
    case 'complaintReceived':
      return { ...next, complaints: state.complaints.with(event) }
    case 'complaintAnswered': {
      // the reply is kept beside the complaint it answers, in the same list (readers filter by type)
      const complaint = state.complaints.find((c) => c.type === 'complaintReceived' && c.id === event.complaintId)
      if (!complaint)
        refuse(
          event,
          'COMPLAINT_UNKNOWN',
          `办件没有编号为“${event.complaintId}”的投诉（complaintReceived）`,
          `the case has no complaint (complaintReceived) with id "${event.complaintId}"`,
        )
      const earlier = state.complaints.find(
        (c) => c.type === 'complaintAnswered' && c.complaintId === event.complaintId,
      )
      if (earlier)
        refuse(
          event,
          'COMPLAINT_ALREADY_ANSWERED',
          `投诉“${event.complaintId}”已由事件 ${earlier.id} 答复`,
          `complaint "${event.complaintId}" was already answered by event ${earlier.id}`,
        )
      if (Date.parse(event.occurredAt) < Date.parse(complaint.occurredAt))
        refuse(
          event,
          'COMPLAINT_ANSWERED_BEFORE_RECEIVED',
          `答复时刻早于投诉“${event.complaintId}”的收到时刻`,
          `the reply is dated before complaint "${event.complaintId}" was received`,
        )
      return { ...next, complaints: state.complaints.with(event) }
    }
    case 'satisfactionRated':
      return next
  }
}
