/** Derives the facts of schemas/facts.schema.json for one event (or one moment) from the case state. */
import type { Calendar } from '../calendar/calendar.js'
import { dateOf } from '../calendar/iso-date.js'
import type { PowerCatalog } from '../catalog/power-catalog.js'
import type { CaseState, ResolvedLimit } from '../case/case-state.js'
import { recordingDelayHours, startsOutOfOrder } from '../case/case-state.js'
import type { PenaltyContext } from '../discretion/penalty-context.js'
import type { CaseEvent, DeadlinePolicy, Facts, Penalty } from '../types/generated.js'
import { timePolicyOf } from '../case/time-policy.js'
import { readClock, readFixedDue, readNoLimit } from './deadline-clock.js'
import { acceptanceOf } from './acceptance.js'
import { countedLimit } from './case-limit.js'
import { stoppedSpans, stopsClock } from './clock-stops.js'
import { discretionFacts } from './discretion-facts.js'
import { historyFacts } from './history-facts.js'
import { patrolFacts } from './patrol-facts.js'

export interface FactInput {
  /** The state before the event (undefined for the first event or an as-of evaluation). */
  readonly before: CaseState | undefined
  /** The state after the event, or at the moment. */
  readonly state: CaseState
  /** The event evaluated; undefined for an evaluation at a moment. */
  readonly event: CaseEvent | undefined
  /** The moment of the evaluation (ISO 8601). */
  readonly at: string
  readonly policy: DeadlinePolicy | undefined
  /** The policy in force on the day the case opened: its power's time policy is fixed then (default: `policy`). */
  readonly openingPolicy?: DeadlinePolicy
  /** The power catalog, when the environment has one: catalog status and the item's discretion standard. */
  readonly catalog?: PowerCatalog | undefined
  /** Penalty grounds and discretion standards in force: the recommended band. */
  readonly penalty?: PenaltyContext
}

const samePenalty = (a: Penalty | undefined, b: Penalty | undefined): boolean => {
  if (!a || !b) return a === b
  const ka = [...a.kinds].sort().join(',')
  const kb = [...b.kinds].sort().join(',')
  return ka === kb && (a.amount ?? null) === (b.amount ?? null)
}

/**
 * The most working days between a handling event and its recording, over the case's late recordings: kept per
 * calendar as the list grows (one step per new recording, not a walk of all of them), the provisional years it counted
 * observed again each time, as a walk would.
 */
function maxLateRecording(calendar: Calendar, state: CaseState): number {
  const { max, years } = state.conductDays.lateRecordings.foldPrefix(
    calendar,
    (acc: { max: number; years: readonly number[] }, r) => {
      const { result, provisionalYears } = calendar.observe(() => calendar.countWorkingDays(r.on, r.recordedOn))
      return {
        max: Math.max(acc.max, result),
        years: provisionalYears.some((y) => !acc.years.includes(y))
          ? [...new Set([...acc.years, ...provisionalYears])]
          : acc.years,
      }
    },
    { max: 0, years: [] },
  )
  for (const y of years) calendar.isWorkingDay(`${y}-01-01`)
  return max
}

/**
 * Derives every fact. Pure: the same input gives the same facts.
 * @example const facts = deriveFacts(calendar, { before, state, event, at: event.recordedAt, policy })
 */
export function deriveFacts(calendar: Calendar, input: FactInput): Facts {
  const { before, state, event, at, policy, catalog, penalty, openingPolicy } = input
  const h = state.header
  const now = dateOf(at)
  const today = state.closedOn !== undefined && state.closedOn < now ? state.closedOn : now
  const timePolicy = timePolicyOf(openingPolicy ?? policy, state.matterType, h.powerItem.type)
  const counted = countedLimit(state, timePolicy)
  const acceptance = acceptanceOf(calendar, state, timePolicy)
  // the case's limits run from 受理; before it (a timely supplement awaited) nothing has been counted yet
  const start = acceptance.clockStart ?? today
  // days stopped: the suspensions the law excludes, and the wait for a timely supplement (a step's clock too)
  const stopped = stoppedSpans(
    [...state.stops.filter((s) => stopsClock(s, timePolicy)), ...(acceptance.awaiting ? [acceptance.awaiting] : [])],
    today,
  )
  const clock = (limit: ResolvedLimit, extension: number) =>
    'none' in limit
      ? readNoLimit({ start, stopped, today })
      : 'dueDate' in limit
        ? readFixedDue({ start, dueDate: limit.dueDate, stopped, today })
        : readClock(calendar, {
            start,
            unit: limit.unit,
            days: limit.days,
            extensionWorkingDays: extension,
            stopped,
            today,
          })
  const statutory = clock(counted.statutory, counted.extensionWorkingDays)
  const promised = clock(state.limits.promised, 0)

  const active = state.steps.filter((s) => s.status === 'active')
  const stepReadings = active.flatMap((s) => {
    const limit = h.steps[s.index]?.limit
    if (!limit || !s.startedOn) return []
    return [
      {
        id: s.id,
        reading: readClock(calendar, {
          start: s.startedOn,
          unit: limit.unit,
          days: limit.days,
          extensionWorkingDays: 0,
          stopped,
          today,
        }),
      },
    ]
  })
  const stepDaysLeft = stepReadings.length > 0 ? Math.min(...stepReadings.map((r) => r.reading.left)) : null

  const stepOutOfOrder = event?.type === 'stepStarted' && before !== undefined && startsOutOfOrder(before, event.stepId)

  const decision = state.decision
  const execution = state.execution
  const qualification = event?.actor.qualification
  // the days of the event's moments, each read once (an event's evaluation is usually at its own moment)
  const occurredOn = event ? (event.occurredAt === at ? now : dateOf(event.occurredAt)) : now
  const recordedOn = event ? (event.recordedAt === event.occurredAt ? occurredOn : dateOf(event.recordedAt)) : now
  const history = historyFacts(state, event, catalog, openingPolicy ?? policy)
  const discretion = discretionFacts(state, catalog, penalty)
  const patrol = patrolFacts(calendar, state, now)
  // one literal, without spreads, its keys in the order the spreads gave (the order the stored evaluations have)
  return {
    eventType: event?.type ?? 'asOf',
    eventId: event?.id ?? null,
    powerType: h.powerItem.type,
    powerItemCode: h.powerItem.code,
    jurisdiction: h.department.jurisdiction,
    caseStatus: state.status,
    clockStopped:
      acceptance.clockStart === null || state.stops.some((s) => s.to === undefined && stopsClock(s, timePolicy)),
    acceptedOnByLaw: acceptance.clockStart,
    supplementNoticeLate: acceptance.noticeLate,
    statutoryLimitUnit: statutory.unit,
    statutoryLimitDays: statutory.limitDays,
    statutoryDaysUsed: statutory.used,
    statutoryDaysLeft: statutory.left,
    statutoryDueDate: statutory.dueDate,
    statutoryOverdue: statutory.overdue,
    promisedLimitUnit: promised.unit,
    promisedLimitDays: promised.limitDays,
    promisedDaysUsed: promised.used,
    promisedDaysLeft: promised.left,
    promisedDueDate: promised.dueDate,
    promisedOverdue: promised.overdue,
    extensionWorkingDays: counted.extensionWorkingDays,
    extensionsWithoutBasis: counted.extensionsWithoutBasis,
    activeStepIds: active.map((s) => s.id),
    overdueStepIds: stepReadings.filter((r) => r.reading.overdue).map((r) => r.id),
    stepDaysLeft,
    stepOverdue: stepReadings.some((r) => r.reading.overdue),
    recordingDelayHours: event ? recordingDelayHours(event) : 0,
    recordingDelayWorkingDays: event ? calendar.countWorkingDays(occurredOn, recordedOn) : 0,
    maxRecordingDelayWorkingDays: maxLateRecording(calendar, state),
    actorQualificationValid: event ? qualification !== undefined && qualification.validUntil >= occurredOn : true,
    stepOutOfOrder,
    returnedWithoutReason: event?.type === 'returned' && (!event.reason || !event.approvedBy),
    supplementRequestCount: state.supplementRequestCount,
    evidenceCount: state.evidence.size,
    evidenceChanged: state.evidenceChangedCount > 0,
    decisionMade: decision !== undefined,
    decisionEvidenceCount: decision?.evidenceIds.length ?? 0,
    decisionMissingEvidenceCount: decision
      ? decision.evidenceIds.filter((id) => !state.evidence.has(id) || state.evidence.get(id)!.removed === true).length
      : 0,
    decisionHasLegalBasis: decision?.legalBasis.some((b) => b.trim() !== '') ?? false,
    penaltyKinds: decision?.penalty ? [...decision.penalty.kinds] : [],
    penaltyAmount: decision?.penalty?.amount ?? null,
    circumstance: decision?.circumstance ?? null,
    executed: execution !== undefined,
    executionHasVoucher: execution?.voucher !== undefined,
    executionMatchesDecision: execution ? samePenalty(execution.penalty, decision?.penalty) : null,
    matterType: history.matterType,
    departmentKind: history.departmentKind,
    jurisdictionLevel: history.jurisdictionLevel,
    limitSource: counted.source,
    extensionCount: history.extensionCount,
    extensionRequestOverCap: history.extensionRequestOverCap,
    catalogStatus: history.catalogStatus,
    catalogMismatch: history.catalogMismatch,
    stepOutOfOrderCount: history.stepOutOfOrderCount,
    unjustifiedReturnCount: history.unjustifiedReturnCount,
    maxRecordingDelayHours: history.maxRecordingDelayHours,
    evidenceRemovedCount: history.evidenceRemovedCount,
    opinionReasonBlank: history.opinionReasonBlank,
    denialWithoutReason: history.denialWithoutReason,
    raisedFindingItems: history.raisedFindingItems,
    reliefCircumstances: history.reliefCircumstances,
    realNameReport: history.realNameReport,
    penaltyImposed: discretion.penaltyImposed,
    penaltyGrounds: discretion.penaltyGrounds,
    noPenaltyGrounds: discretion.noPenaltyGrounds,
    mitigationGrounds: discretion.mitigationGrounds,
    optionalReliefGrounds: discretion.optionalReliefGrounds,
    aggravationGrounds: discretion.aggravationGrounds,
    discretionStandardId: discretion.discretionStandardId,
    discretionLevel: discretion.discretionLevel,
    discretionProblem: discretion.discretionProblem,
    discretionBand: discretion.discretionBand,
    penaltyWithinBand: discretion.penaltyWithinBand,
    penaltyWithinStatutoryRange: discretion.penaltyWithinStatutoryRange,
    penaltyTimeBarred: discretion.penaltyTimeBarred,
    patrolDaysChecked: patrol.patrolDaysChecked,
    minDailyPatrolsOwn: patrol.minDailyPatrolsOwn,
    minDailyPatrolsLower: patrol.minDailyPatrolsLower,
    minDailyPrefecturePlatforms: patrol.minDailyPrefecturePlatforms,
    minDailyCountyPlatforms: patrol.minDailyCountyPlatforms,
  }
}
