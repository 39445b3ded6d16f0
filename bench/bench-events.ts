/** The events of the service bench's cases: an acceptance, then a realistic path through two steps with evidence. */
import type { CaseEvent } from '../src/types/generated.js'

const ACTOR = { id: 'u-bench', name: '测试员', post: '受理岗' }
export const DEPARTMENT = { code: 'lx-scjgj', name: '理县市场监督管理局', jurisdiction: '513222' }

/** The accepted event of one bench case. */
export function acceptedEvent(serial: string): CaseEvent {
  const at = '2025-09-26T09:30:00+08:00'
  return {
    id: 'e1',
    type: 'accepted',
    occurredAt: at,
    recordedAt: at,
    actor: ACTOR,
    case: {
      serialNumber: serial,
      name: '食品经营许可',
      applicant: { name: '某某食品店', kind: 'organization' },
      powerItem: { code: 'SC-XK-0001', name: '食品经营许可', type: 'licensing' },
      department: DEPARTMENT,
      statutoryLimit: { days: 20, unit: 'working' },
      promisedLimit: { days: 15, unit: 'working' },
      steps: [
        { id: 'review', name: '审查', post: '审查岗', limit: { days: 3, unit: 'working' } },
        { id: 'approve', name: '审核', post: '科室负责人', limit: { days: 5, unit: 'working' } },
      ],
    },
  } as CaseEvent
}

/** The events of one case after its acceptance: a realistic path through two steps with evidence. */
export function laterEvents(): CaseEvent[] {
  const at = (d: string) => `2025-09-${d}+08:00`
  const base = (id: string, moment: string) => ({ id, occurredAt: at(moment), recordedAt: at(moment), actor: ACTOR })
  return [
    { ...base('e2', '26T10:00:00'), type: 'stepStarted', stepId: 'review' },
    { ...base('e3', '26T11:00:00'), type: 'evidenceUploaded', evidence: { id: 'd1', kind: 'document', title: '营业执照', sha256: 'a'.repeat(64) } },
    { ...base('e4', '29T16:00:00'), type: 'stepCompleted', stepId: 'review', opinion: { stance: 'approve', text: '材料齐全' } },
    { ...base('e5', '29T16:10:00'), type: 'stepStarted', stepId: 'approve' },
  ] as CaseEvent[]
}
