/** Case events for tests, in the shape of schemas/case-event.schema.json: a food licence case of 理县 by default. */
import type { CaseEvent } from '../../../src/types/generated.js'
import type { Principal } from '../../../src/service/principal.js'
import { header, TWO_STEPS } from '../../support/case-builder.js'

export interface Department {
  readonly code: string
  readonly name: string
  readonly jurisdiction: string
}

export const LIXIAN_MARKET: Department = header().department
export const LIXIAN_TAX: Department = { code: 'lx-swj', name: '国家税务总局理县税务局', jurisdiction: '513222' }

const actor = { id: 'u-wang', name: '王晓', post: '受理岗' }

/** An `accepted` event opening a case of 20 working days statutory, 15 promised, with two steps (审查, 审核). */
export function accepted(
  options: { id?: string; at?: string; department?: Department; serial?: string; powerItemCode?: string } = {},
): CaseEvent {
  const at = options.at ?? '2025-09-26T09:30:00+08:00'
  const base = header()
  return {
    id: options.id ?? 'e1',
    type: 'accepted',
    occurredAt: at,
    recordedAt: at,
    actor,
    case: header({
      ...(options.serial ? { serialNumber: options.serial } : {}),
      powerItem: { ...base.powerItem, code: options.powerItemCode ?? base.powerItem.code },
      department: options.department ?? LIXIAN_MARKET,
      steps: TWO_STEPS,
    }),
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
export const officerOf = (d: Department, subject = 'officer'): Principal => ({
  tokenId: `tok_${subject}`,
  subject,
  role: 'officer',
  jurisdiction: d.jurisdiction,
  department: d.code,
})
export const REGION_ADMIN: Principal = {
  tokenId: 'tok_admin',
  subject: 'admin',
  role: 'regionAdmin',
  jurisdiction: '510000',
  department: null,
}
