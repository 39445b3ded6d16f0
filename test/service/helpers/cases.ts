/** Case events for tests, in the shape of schemas/case-event.schema.json: a food licence case of 理县 by default. */
import type { CaseEvent } from '../../../src/types/generated.js'
import type { Principal } from '../../../src/service/principal.js'

export interface Department {
  readonly code: string
  readonly name: string
  readonly jurisdiction: string
}

export const LIXIAN_MARKET: Department = { code: 'lx-scjgj', name: '理县市场监督管理局', jurisdiction: '513222' }
export const LIXIAN_TAX: Department = { code: 'lx-swj', name: '国家税务总局理县税务局', jurisdiction: '513222' }

const actor = { id: 'u-wang', name: '王晓', post: '受理岗' }

/** An `accepted` event opening a case of 20 working days statutory, 15 promised. */
export function accepted(options: { id?: string; at?: string; department?: Department; serial?: string; powerItemCode?: string } = {}): CaseEvent {
  const at = options.at ?? '2025-09-26T09:30:00+08:00'
  return {
    id: options.id ?? 'e1',
    type: 'accepted',
    occurredAt: at,
    recordedAt: at,
    actor,
    case: {
      serialNumber: options.serial ?? 'LX-2025-000123',
      name: '理县某某食品店食品经营许可',
      applicant: { name: '理县某某食品店', kind: 'organization' },
      powerItem: { code: options.powerItemCode ?? 'SC-XK-0001', name: '食品经营许可', type: 'licensing' },
      department: options.department ?? LIXIAN_MARKET,
      statutoryLimit: { days: 20, unit: 'working' },
      promisedLimit: { days: 15, unit: 'working' },
      steps: [
        { id: 'review', name: '审查', post: '审查岗', limit: { days: 3, unit: 'working' } },
        { id: 'approve', name: '审核', post: '科室负责人', limit: { days: 5, unit: 'working' } },
      ],
    },
  } as CaseEvent
}

/** An `evidenceUploaded` event: admissible in any order on an open case, so good for concurrent appends. */
export function evidence(n: number, at = '2025-09-26T10:00:00+08:00'): CaseEvent {
  return {
    id: `ev-${n}`,
    type: 'evidenceUploaded',
    occurredAt: at,
    recordedAt: at,
    actor,
    evidence: { id: `doc-${n}`, kind: 'document', title: `材料 ${n}`, sha256: n.toString(16).padStart(64, '0') },
  } as CaseEvent
}

export function stepStarted(id: string, stepId: string, at: string): CaseEvent {
  return { id, type: 'stepStarted', occurredAt: at, recordedAt: at, actor, stepId } as CaseEvent
}

/** Principals without tokens, for calling services directly. */
export const officerOf = (d: Department, subject = 'officer'): Principal => ({ tokenId: `tok_${subject}`, subject, role: 'officer', jurisdiction: d.jurisdiction, department: d.code })
export const REGION_ADMIN: Principal = { tokenId: 'tok_admin', subject: 'admin', role: 'regionAdmin', jurisdiction: '510000', department: null }
