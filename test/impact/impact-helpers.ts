/** Cases and drafts for the impact tests: the shipped licensing base case, moved in time and between departments. */
import { readFileSync } from 'node:fs'
import type { LoadedPack } from '../../src/rules/rule-library.js'
import { packVersion } from '../../src/rules/pack-version.js'
import type { CaseEvent, CaseFile, RulePack } from '../../src/types/generated.js'

export const NEAR = 'sc.deadline.statutory-near'
const BASE = JSON.parse(
  readFileSync(new URL('../../rules/sichuan/examples/_base.case.json', import.meta.url), 'utf8'),
) as CaseFile

/**
 * The base licensing case (20 working days statutory, 15 promised) accepted at `acceptedAt` by `department`, then `later` events.
 * @example licensingCase('c1', '2025-09-26T09:30:00+08:00')
 */
export function licensingCase(
  caseId: string,
  acceptedAt: string,
  department?: { code: string; name: string },
  later: CaseEvent[] = [],
): CaseFile {
  const accepted = structuredClone(BASE.events[0]!) as CaseEvent & {
    case: { serialNumber: string; department: { code: string; name: string; jurisdiction: string } }
  }
  accepted.occurredAt = acceptedAt
  accepted.recordedAt = acceptedAt
  accepted.case.serialNumber = caseId.toUpperCase()
  if (department) accepted.case.department = { ...accepted.case.department, ...department }
  return { caseId, events: [accepted, ...later] as CaseFile['events'] }
}

export const closedOn = (at: string): CaseEvent =>
  ({
    id: 'e-closed',
    type: 'closed',
    occurredAt: at,
    recordedAt: at,
    actor: { id: 'u-li', name: '李明', post: '审查岗' },
    outcome: '准予许可',
  }) as CaseEvent

/** A pack of `packs` changed by `change` (a copy), as a draft. */
export function draftOf(packs: readonly LoadedPack[], id: string, change: (pack: RulePack) => void): LoadedPack {
  const found = packs.find((p) => p.pack.id === id)!
  const pack = structuredClone(found.pack) as RulePack
  change(pack)
  return { file: `drafts/${id}.pack.json`, pack, version: packVersion(pack) }
}

/** The yellow margin of sc.deadline.statutory-near (the parameter sc-es.yellow-margin) at `days` working days from 2025-01-01: one dated value. */
export function withMargin(days: number) {
  return (pack: RulePack) => {
    const values = pack.parameters!.find((p) => p.id === 'sc-es.yellow-margin')!.values
    values.push({
      from: '2025-01-01',
      value: days,
      source: { office: '四川省监察厅', reference: '川监发〔2025〕X号（测试）' },
    })
  }
}
