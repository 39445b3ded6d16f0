/** The state of a case (办件), a fold over its events: nothing in it is stored, all is derived. */
import type { VersionedList, VersionedMap, VersionedSet } from './versioned-map.js'
import type {
  Actor,
  CaseEvent,
  CaseHeader,
  DecisionMadeEvent,
  Evidence,
  ExecutedEvent,
  FindingItem,
  FindingSubject,
  MatterHeader,
  MatterPeriod,
  MatterType,
  Opinion,
  ResponsiblePerson,
} from '../types/generated.js'

export type ClockStopKind = 'supplement' | 'suspension'

/** A period during which a clock may stop; `to` is absent while it lasts. Dates are China Standard Time. */
export interface StopPeriod {
  readonly kind: ClockStopKind
  readonly reason?: string
  readonly from: string
  readonly to?: string
}

export interface StepState {
  readonly id: string
  readonly index: number
  readonly status: 'pending' | 'active' | 'done'
  readonly startedOn?: string
  readonly completedOn?: string
  readonly opinion?: Opinion
  /** Who started the step (the handler the platform knows). */
  readonly startedBy?: Actor
}

export interface EvidenceState {
  readonly evidence: Evidence
  readonly uploadedAt: string
  /** True once the same evidence id was uploaded again with other content. */
  readonly changed: boolean
  /** True once an evidenceRemoved event removed it (阿坝州办法 第三十一条 forbids it; the platform records it). */
  readonly removed?: boolean
  /** The days it was first changed and removed: conduct is judged under the law of its day. */
  readonly changedOn?: string
  readonly removedOn?: string
}

/** A limit as resolved when the case or matter opened: a period, a fixed due date (年度报告 1月31日), or none in force. */
export type ResolvedLimit =
  | { readonly days: number; readonly unit: 'working' | 'calendar' }
  | { readonly dueDate: string }
  | { readonly none: true }

/** The limits that govern a case or matter, fixed on the day it opened, and where they come from. */
export interface ResolvedLimits {
  readonly statutory: ResolvedLimit
  readonly promised: ResolvedLimit
  /** `header` for a case (and a rectification's order), `none` when no limit is in force, else the citation of the pack entry that declares it. */
  readonly source: string
}

/** The discretion inputs found so far (circumstancesDetermined, then the decision). */
export interface DiscretionInput {
  readonly standard?: string
  readonly level?: string
  readonly grounds: readonly string[]
  readonly baseAmount?: number
  /** 违法行为发生（或终了）之日, when found; 被发现之日; whether it concerns life, health or financial security with harm. */
  readonly offenceOn?: string
  readonly discoveredOn?: string
  readonly harmsLifeHealthOrFinance?: boolean
}

/** A 第四十八条 item raised by a supervisor, or by a video patrol that found a violation. */
export interface RaisedFinding {
  readonly item: FindingItem
  readonly eventId: string
  /** The day the finding is dated to (the conduct it concerns). */
  readonly on: string
  readonly description: string
  readonly department?: FindingSubject
  readonly responsible?: ResponsiblePerson
}

/** One recorded patrol (巡查) of a platform. */
export interface PatrolRecord {
  readonly on: string
  readonly platform: string
  readonly method: 'data' | 'video'
}

export interface CaseState {
  readonly caseId: string
  readonly header: CaseHeader
  readonly acceptedAt: string
  readonly acceptedOn: string
  readonly status: 'open' | 'closed'
  readonly closedOn?: string
  /** Persistent (src/case/versioned-map.ts): the next event adds its id without copying the others. */
  readonly eventIds: VersionedSet<string>
  readonly lastRecordedAt: string
  readonly stops: readonly StopPeriod[]
  readonly extensionWorkingDays: number
  readonly steps: readonly StepState[]
  readonly supplementRequestCount: number
  readonly evidence: VersionedMap<string, EvidenceState>
  /** How many of the evidence entries are changed and removed: kept as the events come, so no fact walks the evidence. */
  readonly evidenceChangedCount: number
  readonly evidenceRemovedCount: number
  readonly decision?: DecisionMadeEvent
  readonly execution?: ExecutedEvent
  readonly mergedCaseIds: readonly string[]
  /** The complaints and reports received, in order: persistent (one more costs O(1), as the event ids). */
  readonly complaints: VersionedList<CaseEvent>
  /** case for a 办件; otherwise the kind of matter (督办, 举报, 目录调整, ...). */
  readonly matterType: MatterType
  /** The header as the accepted event gave it, for a matter (the `header` above is then completed from the policy). */
  readonly matterHeader?: MatterHeader
  readonly period?: MatterPeriod
  readonly limits: ResolvedLimits
  readonly extensionCount: number
  /** Extensions recorded without naming the law that allows them (legalBasis), and their days: where the power's own law
   *  gives no extension (行政处罚法 第六十条), they are not counted. `extensionWorkingDays` holds all extensions' days. */
  readonly extensionsWithoutBasis: number
  readonly extensionDaysWithoutBasis: number
  readonly stepOutOfOrderCount: number
  readonly unjustifiedReturnCount: number
  readonly maxRecordingDelayHours: number
  /** The days of the conduct behind the counts above, so that it is judged under the law of its day (src/case/state-as-of.ts). */
  readonly conductDays: ConductDays
  readonly discretion: DiscretionInput
  readonly raisedFindings: VersionedList<RaisedFinding>
  readonly reliefCircumstances: readonly string[]
  readonly patrols: VersionedList<PatrolRecord>
  /** The actor of the latest event that handled the case (not a supervisor's finding, patrol or complaint). */
  readonly lastHandler?: Actor
}

/** A handling event recorded on a later day than it happened. */
export interface LateRecording {
  readonly on: string
  readonly recordedOn: string
}

/** When each counted conduct happened: a step out of order, a return without reason, each new longest recording delay. */
export interface ConductDays {
  readonly outOfOrder: readonly string[]
  readonly unjustifiedReturn: readonly string[]
  readonly longestDelays: readonly { readonly on: string; readonly hours: number }[]
  /** Handling events recorded on a later day than they happened: their days, counted in working days by the facts. */
  readonly lateRecordings: VersionedList<LateRecording>
}

export const isOpenStop = (s: StopPeriod): boolean => s.to === undefined

/** Hours between the moment an event happened and the moment it was recorded, to the hundredth. */
export const recordingDelayHours = (e: CaseEvent): number =>
  delayHours(Date.parse(e.occurredAt), Date.parse(e.recordedAt))

/** The same from the two moments already parsed (milliseconds). */
export const delayHours = (occurredMs: number, recordedMs: number): number =>
  Math.round((recordedMs - occurredMs) / 36e3) / 100

/** True when starting `stepId` breaks the prescribed order: it is not pending, or an earlier step is not done. */
export function startsOutOfOrder(before: CaseState, stepId: string): boolean {
  const step = before.steps.find((s) => s.id === stepId)
  return step?.status !== 'pending' || before.steps.some((s) => s.index < step.index && s.status !== 'done')
}
