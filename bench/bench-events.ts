/** The events of the service bench's cases: an acceptance, then a realistic path through two steps with evidence. */
import type { CaseEvent } from '../src/types/generated.js'
import { header, TWO_STEPS } from '../test/support/case-builder.js'

const ACTOR = { id: 'u-bench', name: '测试员', post: '受理岗' }
export const DEPARTMENT = header().department

/** The accepted event of one bench case. */
export function acceptedEvent(serial: string): CaseEvent {
  const at = '2025-09-26T09:30:00+08:00'
  const case_ = header({
    serialNumber: serial,
    name: '食品经营许可',
    applicant: { name: '某某食品店', kind: 'organization' },
    steps: TWO_STEPS,
  })
  return { id: 'e1', type: 'accepted', occurredAt: at, recordedAt: at, actor: ACTOR, case: case_ } as CaseEvent
}

/** The events of one case after its acceptance: a realistic path through two steps with evidence. */
export function laterEvents(): CaseEvent[] {
  const at = (d: string) => `2025-09-${d}+08:00`
  const base = (id: string, moment: string) => ({ id, occurredAt: at(moment), recordedAt: at(moment), actor: ACTOR })
  return [
    { ...base('e2', '26T10:00:00'), type: 'stepStarted', stepId: 'review' },
    {
      ...base('e3', '26T11:00:00'),
      type: 'evidenceUploaded',
      evidence: { id: 'd1', kind: 'document', title: '营业执照', sha256: 'a'.repeat(64) },
    },
    {
      ...base('e4', '29T16:00:00'),
      type: 'stepCompleted',
      stepId: 'review',
      opinion: { stance: 'approve', text: '材料齐全' },
    },
    { ...base('e5', '29T16:10:00'), type: 'stepStarted', stepId: 'approve' },
  ] as CaseEvent[]
}
