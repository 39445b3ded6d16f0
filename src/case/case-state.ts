/** The state of a case (办件), a fold over its events: nothing in it is stored, all is derived. */
import type { CaseEvent, CaseHeader, DecisionMadeEvent, Evidence, ExecutedEvent, Opinion } from '../types/generated.js'

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
}

export interface EvidenceState {
  readonly evidence: Evidence
  readonly uploadedAt: string
  /** True once the same evidence id was uploaded again with other content. */
  readonly changed: boolean
}

export interface CaseState {
  readonly caseId: string
  readonly header: CaseHeader
  readonly acceptedAt: string
  readonly acceptedOn: string
  readonly status: 'open' | 'closed'
  readonly closedOn?: string
  readonly eventIds: ReadonlySet<string>
  readonly lastRecordedAt: string
  readonly stops: readonly StopPeriod[]
  readonly extensionWorkingDays: number
  readonly steps: readonly StepState[]
  readonly supplementRequestCount: number
  readonly evidence: ReadonlyMap<string, EvidenceState>
  readonly decision?: DecisionMadeEvent
  readonly execution?: ExecutedEvent
  readonly mergedCaseIds: readonly string[]
  readonly complaints: readonly CaseEvent[]
}

export const isOpenStop = (s: StopPeriod): boolean => s.to === undefined
