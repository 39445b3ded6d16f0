/** Derives the facts of a case's history and of its supervision: matter type, catalog status, process breaches so far, findings and relief. */
import { catalogEntry, catalogMatches, catalogStatusOn, type PowerCatalog } from '../catalog/power-catalog.js'
import type { CaseState, RaisedFinding } from '../case/case-state.js'
import { extensionFor } from '../case/matter-limits.js'
import type { CaseEvent, DeadlinePolicy, Facts, FindingItem } from '../types/generated.js'
import { jurisdictionLevel } from '../utils/jurisdiction-code.js'

export type HistoryFacts = Pick<
  Facts,
  | 'matterType'
  | 'departmentKind'
  | 'jurisdictionLevel'
  | 'limitSource'
  | 'extensionCount'
  | 'extensionRequestOverCap'
  | 'catalogStatus'
  | 'catalogMismatch'
  | 'stepOutOfOrderCount'
  | 'unjustifiedReturnCount'
  | 'maxRecordingDelayHours'
  | 'evidenceRemovedCount'
  | 'opinionReasonBlank'
  | 'denialWithoutReason'
  | 'raisedFindingItems'
  | 'reliefCircumstances'
  | 'realNameReport'
>

/**
/** Whether an extension of `workingDays` more, with those approved, would pass the cap that applies (days or count). */
function requestOverCap(state: CaseState, workingDays: number, policy: DeadlinePolicy | undefined): boolean {
  const rule = policy ? extensionFor(state, policy) : undefined
  if (rule?.kind !== 'capped') return false
  const cap = rule.policy
  return (
    state.extensionWorkingDays + workingDays > cap.maxWorkingDays ||
    (cap.maxCount !== undefined && state.extensionCount + 1 > cap.maxCount)
  )
}

/** The distinct items of the findings raised, in the order first raised: kept as the list grows (foldPrefix). */
const ITEMS = {}
const NO_ITEMS: readonly FindingItem[] = []
const distinctItems = (items: readonly FindingItem[], f: RaisedFinding) =>
  items.includes(f.item) ? items : [...items, f.item]

/** Whether a real-name report (实名举报) was received so far: kept as the list grows. */
const REAL_NAME = {}
const realNameSoFar = (so: boolean, c: CaseEvent) =>
  so || (c.type === 'complaintReceived' && c.kind === 'report' && c.realName === true)

/**
 * The history facts; the catalog is read as it stood on the day the case was accepted.
 * @example historyFacts(state, event, catalog, policy).catalogStatus // 'listed'
 */
export function historyFacts(
  state: CaseState,
  event: CaseEvent | undefined,
  catalog: PowerCatalog | undefined,
  policy: DeadlinePolicy | undefined,
): HistoryFacts {
  const h = state.header
  const isCase = state.matterType === 'case'
  const status = isCase
    ? catalogStatusOn(catalog, h.department.jurisdiction, h.powerItem.code, state.acceptedOn)
    : 'notApplicable'
  const entry =
    status === 'listed' || status === 'suspended'
      ? catalogEntry(catalog, h.department.jurisdiction, h.powerItem.code)
      : undefined
  const decision = state.decision
  return {
    matterType: state.matterType,
    departmentKind: state.matterHeader?.departmentKind ?? 'actingDepartment',
    jurisdictionLevel: jurisdictionLevel(h.department.jurisdiction),
    limitSource: state.limits.source,
    extensionCount: state.extensionCount,
    extensionRequestOverCap: event?.type === 'extensionRequested' && requestOverCap(state, event.workingDays, policy),
    catalogStatus: status,
    catalogMismatch: entry ? !catalogMatches(entry, h) : null,
    stepOutOfOrderCount: state.stepOutOfOrderCount,
    unjustifiedReturnCount: state.unjustifiedReturnCount,
    maxRecordingDelayHours: state.maxRecordingDelayHours,
    evidenceRemovedCount: state.evidenceRemovedCount,
    opinionReasonBlank:
      event?.type === 'stepCompleted' && event.opinion.stance === 'negative' && !event.opinion.reason?.trim(),
    denialWithoutReason: decision?.outcome === 'deny' && !decision.reason?.trim(),
    raisedFindingItems: [...state.raisedFindings.foldPrefix(ITEMS, distinctItems, NO_ITEMS)],
    reliefCircumstances: [...state.reliefCircumstances],
    realNameReport: state.complaints.foldPrefix(REAL_NAME, realNameSoFar, false),
  }
}
