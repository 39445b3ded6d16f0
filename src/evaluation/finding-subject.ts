/** Who an accountability finding is against: the department and the responsible person, as the platform knows them. */
import type { CaseState } from '../case/case-state.js'
import type { CaseEvent, FindingSubject, ResponsiblePerson } from '../types/generated.js'

export interface Subject {
  readonly department: FindingSubject
  /** The responsible person; null when the platform knows no handler. */
  readonly responsible: ResponsiblePerson | null
  /** The event that raised the finding by hand (a supervisor's finding or a video patrol), when one did. */
  readonly raisedBy?: string
}

const SUPERVISORY: ReadonlySet<string> = new Set([
  'findingRaised',
  'circumstanceEstablished',
  'patrolRecorded',
  'complaintReceived',
  'complaintAnswered',
  'satisfactionRated',
])

const person = (a: { id: string; name: string; post?: string }): ResponsiblePerson => ({
  id: a.id,
  name: a.name,
  ...(a.post !== undefined ? { post: a.post } : {}),
})

/**
 * The subject of a finding for 第四十八条 item `item` (e.g. 七): a finding raised by hand names its own department and
 * person; otherwise the case's department and the handler — the actor of a handling event, else whoever started the
 * active step, else the last handler.
 * @example findingSubject(state, event, '七') // { department: { code: 'lx-scjgj', ... }, responsible: { id: 'u-li', ... } }
 */
export function findingSubject(state: CaseState, event: CaseEvent | undefined, item: string | undefined): Subject {
  const raised = item !== undefined ? state.raisedFindings.filter((f) => f.item === item).at(-1) : undefined
  const d = state.header.department
  const department = raised?.department ?? { code: d.code, name: d.name }
  const active = state.steps.filter((s) => s.status === 'active' && s.startedBy).at(-1)?.startedBy
  const handler = event && !SUPERVISORY.has(event.type) ? event.actor : (active ?? state.lastHandler)
  const responsible = raised?.responsible ?? (handler ? person(handler) : null)
  return { department, responsible, ...(raised ? { raisedBy: raised.eventId } : {}) }
}
