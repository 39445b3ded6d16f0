/** Folds the events of supervision into a case or matter: circumstances found, evidence removed, findings, relief circumstances, patrols. */
import type {
  CaseEvent,
  CircumstanceEstablishedEvent,
  CircumstancesDeterminedEvent,
  EvidenceRemovedEvent,
  FindingRaisedEvent,
  PatrolRecordedEvent,
} from '../types/generated.js'
import type { CaseState } from './case-state.js'
import { refuse } from './refuse.js'

export type SupervisionEvent =
  | CircumstancesDeterminedEvent
  | EvidenceRemovedEvent
  | FindingRaisedEvent
  | CircumstanceEstablishedEvent
  | PatrolRecordedEvent

const TYPES: ReadonlySet<string> = new Set([
  'circumstancesDetermined',
  'evidenceRemoved',
  'findingRaised',
  'circumstanceEstablished',
  'patrolRecorded',
])

/**
 * True for the events this module folds.
 * @example isSupervisionEvent({ type: 'findingRaised', ... }) // true
 */
export const isSupervisionEvent = (e: CaseEvent): e is SupervisionEvent => TYPES.has(e.type)

/** The offence's dates as the latest determination gives them (行政处罚法 第三十六条). */
function offenceOf(event: CircumstancesDeterminedEvent, before: CaseState['discretion']) {
  const offenceOn = event.offenceOn ?? before.offenceOn
  const discoveredOn = event.discoveredOn ?? before.discoveredOn
  const harms = event.harmsLifeHealthOrFinance ?? before.harmsLifeHealthOrFinance
  return {
    ...(offenceOn !== undefined ? { offenceOn } : {}),
    ...(discoveredOn !== undefined ? { discoveredOn } : {}),
    ...(harms !== undefined ? { harmsLifeHealthOrFinance: harms } : {}),
  }
}

/**
 * The state after a supervision event (`next` already carries the event id and recording time); refuses what cannot be.
 * @example applySupervisionEvent(next, { type: 'findingRaised', item: '五', ... }, '2018-03-01')
 */
export function applySupervisionEvent(next: CaseState, event: SupervisionEvent, on: string): CaseState {
  switch (event.type) {
    case 'circumstancesDetermined': {
      const standard = event.discretionStandard ?? next.discretion.standard
      const baseAmount = event.baseAmount ?? next.discretion.baseAmount
      return {
        ...next,
        discretion: {
          level: event.level,
          grounds: event.grounds ?? next.discretion.grounds,
          ...(standard !== undefined ? { standard } : {}),
          ...(baseAmount !== undefined ? { baseAmount } : {}),
          ...offenceOf(event, next.discretion),
        },
      }
    }
    case 'evidenceRemoved': {
      const before = next.evidence.get(event.evidenceId)
      if (!before || before.removed)
        refuse(
          event,
          'EVIDENCE_UNKNOWN',
          `没有可删除的证据“${event.evidenceId}”`,
          `no evidence "${event.evidenceId}" to remove`,
        )
      const evidence = next.evidence.with(event.evidenceId, { ...before, removed: true, removedOn: on })
      return { ...next, evidence, evidenceRemovedCount: next.evidenceRemovedCount + 1 }
    }
    case 'findingRaised':
      return {
        ...next,
        raisedFindings: next.raisedFindings.with({
          item: event.item,
          eventId: event.id,
          on,
          description: event.description,
          ...(event.department ? { department: event.department } : {}),
          ...(event.responsible ? { responsible: event.responsible } : {}),
        }),
      }
    case 'circumstanceEstablished':
      return next.reliefCircumstances.includes(event.circumstance)
        ? next
        : { ...next, reliefCircumstances: [...next.reliefCircumstances, event.circumstance] }
    case 'patrolRecorded': {
      if (next.matterType !== 'patrolLog')
        refuse(
          event,
          'NOT_A_PATROL_LOG',
          '巡查只能记入巡查记录事项（patrolLog）',
          'patrols are recorded on a patrol log matter',
        )
      const patrols = next.patrols.with({ on, platform: event.platform, method: event.method })
      const v = event.violation
      if (!v || event.method !== 'video') return { ...next, patrols }
      // 第四十八条（十）：被视频监察系统巡查发现有违规违纪行为的
      const finding = {
        item: '十' as const,
        eventId: event.id,
        on,
        description: v.description,
        department: v.department,
        ...(v.responsible ? { responsible: v.responsible } : {}),
      }
      return { ...next, patrols, raisedFindings: next.raisedFindings.with(finding) }
    }
  }
}
