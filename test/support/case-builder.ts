/**
 * The one builder of case events for tests and benches: a 理县 food licence case (20 working days statutory, 15
 * promised, three steps), and events at given days.
 */
import type { CaseEvent, CaseFile, CaseHeader } from '../../src/types/generated.js'

export const moment = (day: string, time = '10:00') => `${day}T${time}:00+08:00`

/** The case header of an `accepted` event, with what a test changes. */
export function header(over: Partial<CaseHeader> = {}): CaseHeader {
  return {
    serialNumber: 'LX-2025-000123',
    name: '理县某某食品店食品经营许可',
    applicant: { name: '理县某某食品店', kind: 'organization' },
    powerItem: { code: 'SC-XK-0001', name: '食品经营许可', type: 'licensing' },
    department: { code: 'lx-scjgj', name: '理县市场监督管理局', jurisdiction: '513222' },
    statutoryLimit: { days: 20, unit: 'working' },
    promisedLimit: { days: 15, unit: 'working' },
    steps: [
      { id: 'review', name: '审查', post: '审查岗', limit: { days: 3, unit: 'working' } },
      { id: 'approve', name: '审核', post: '科室负责人', limit: { days: 5, unit: 'working' } },
      { id: 'decide', name: '决定', post: '分管领导' },
    ],
    ...over,
  }
}

/** The first two steps (审查, 审核), for cases that stop before the decision step. */
export const TWO_STEPS: CaseHeader['steps'] = [header().steps[0], header().steps[1]!]

let counter = 0
type Body<E> = E extends CaseEvent
  ? Omit<E, 'id' | 'occurredAt' | 'recordedAt' | 'actor'> & Partial<Pick<E, 'id' | 'recordedAt' | 'actor'>>
  : never

/** One event on `day`; id, recordedAt and actor default sensibly. */
export function event(day: string, body: Body<CaseEvent>, time = '10:00'): CaseEvent {
  counter++
  return {
    id: `e${counter}`,
    occurredAt: moment(day, time),
    recordedAt: moment(day, time),
    actor: { id: 'u-li', name: '李明', post: '审查岗' },
    ...body,
  } as CaseEvent
}

export function accepted(day = '2025-09-26', over: Partial<CaseHeader> = {}): CaseEvent {
  return event(day, { type: 'accepted', case: header(over) }, '09:30')
}

export function caseFile(events: CaseEvent[], caseId = 'lx-2025-000123'): CaseFile {
  return { caseId, events: events as CaseFile['events'] }
}
