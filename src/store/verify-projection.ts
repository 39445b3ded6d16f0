/** Checks a case's projection (its row in `cases`) against what its records say: header, level, alerts, next change. */
import { wholeRow, type RepeatableRow } from './unchanged-evaluations.js'
import { canonicalJson } from '../rules/pack-version.js'
import { derivedProjection } from './case-projection.js'
import type { CaseRow, RecordTable } from './database.js'

export interface ChainRow {
  readonly table: RecordTable
  readonly row: Readonly<Record<string, unknown>>
}

export interface ProjectionDifference {
  readonly column: string
  readonly stored: unknown
  readonly derived: unknown
}

/** A row of `case_problems`. */
export interface ProblemRow {
  readonly id: number
  readonly code: string
  readonly zh: string
  readonly en: string
  readonly stored_at: Date
}

/** The problem a case shows: its latest recorded one, unless an evaluation was recorded after it. */
function openProblem(
  problems: readonly ProblemRow[],
  evaluatedAt: unknown,
): { code: string; zh: string; en: string; since: string } | null {
  const last = [...problems].sort((a, b) => a.id - b.id).at(-1)
  if (!last) return null
  if (evaluatedAt !== undefined && (moment(evaluatedAt) ?? 0) >= last.stored_at.getTime()) return null
  return { code: last.code, zh: last.zh, en: last.en, since: last.stored_at.toISOString() }
}

/** What of an accepted event's case the projection's header copies. */
interface AcceptedHeader {
  readonly department?: { readonly jurisdiction?: string; readonly code?: string; readonly name?: string }
  readonly powerItem?: { readonly code?: string }
  readonly serialNumber?: string
  readonly name?: string
}

const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v)
const moment = (v: unknown): number | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Date.parse(String(v))

/**
 * The columns of a case's row that differ from what its chain (in order) derives: the header from the accepted event,
 * the rest from the latest evaluation (see derivedProjection), the problem from the case's latest recorded problem
 * when it came after that evaluation (see case-problems.ts). Created and updated moments are not derived.
 * @example projectionDifferences(caseRow, chain) // [{ column: 'level', stored: 'none', derived: 'red' }]
 */
export function projectionDifferences(
  c: CaseRow,
  chain: readonly ChainRow[],
  problems: readonly ProblemRow[] = [],
): ProjectionDifference[] {
  const events = chain.filter((r) => r.table === 'case_events')
  const evaluations = chain.filter((r) => r.table === 'evaluations').map((r) => r.row as unknown as RepeatableRow)
  const last = evaluations.at(-1)
  // an unchanged latest evaluation decides what the whole one it repeats did
  const latest = (last &&
    wholeRow(
      last,
      evaluations.find((r) => r.chain_seq === last.same_as),
    )) as Record<string, unknown> | undefined
  const derived = derivedProjection(
    latest && {
      chainSeq: latest.chain_seq as number,
      level: latest.level as string,
      facts: parsed(latest.facts) as Record<string, unknown>,
      firings: parsed(latest.firings) as Record<string, unknown>[],
      nextChangeAt: (latest.next_change_at as string | null) ?? null,
    },
    events.length,
  )
  const first = events[0]?.row
  const header: AcceptedHeader = first ? ((parsed(first.body) as { case?: AcceptedHeader }).case ?? {}) : {}
  const expected: Record<string, unknown> = {
    jurisdiction: header.department?.jurisdiction,
    department_code: header.department?.code,
    department_name: header.department?.name,
    power_item_code: header.powerItem?.code,
    serial_number: header.serialNumber,
    name: header.name,
    created_by: first?.recorded_by,
    ...derived,
    problem: openProblem(problems, latest?.stored_at),
  }
  const out: ProjectionDifference[] = []
  for (const [column, value] of Object.entries(expected)) {
    const stored = (c as unknown as Record<string, unknown>)[column]
    const same =
      column === 'next_change_at'
        ? moment(stored) === moment(value)
        : column === 'alerts' || column === 'problem'
          ? canonicalJson(parsed(stored) ?? null) === canonicalJson(JSON.parse(JSON.stringify(value ?? null)))
          : stored === value
    if (!same) out.push({ column, stored: column === 'alerts' ? parsed(stored) : stored, derived: value })
  }
  return out
}
