/** Builds an organ's supervision report for a period from the stored records in its territory. */
import { wholeRowsInOrder } from '../store/unchanged-evaluations.js'
import { join } from 'node:path'
import { loadOrgansOrThrow } from '../notices/organs.js'
import { computeReport, type ReportCase, type ReportEvaluation } from '../report/compute-report.js'
import { reportCharts } from '../report/report-charts.js'
import { parsePeriod } from '../report/report-period.js'
import { FIGURES, reportTitle, type SupervisionReport } from '../report/supervision-report.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import type { CaseEvent } from '../types/generated.js'
import { coversJurisdiction, requireRole, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { forbidden, ServiceError } from './service-error.js'

/** The organ named by its id (513222.supervision-commission), or a jurisdiction's supervisory organ (513222). */
function organFor(rt: Pick<Runtime, 'rulesDir'>, ref: string) {
  const organs = loadOrgansOrThrow(join(rt.rulesDir, 'organs'))
  const organ =
    organs.find((o) => o.id === ref) ?? organs.find((o) => o.jurisdiction.code === ref && o.kind === 'supervisoryOrgan')
  if (!organ) {
    const known = organs
      .filter((o) => o.kind === 'supervisoryOrgan')
      .map((o) => `${o.id}（${o.name}）`)
      .join('、')
    throw new ServiceError(404, {
      code: 'ORGAN_NOT_FOUND',
      zh: `没有机关“${ref}”；可用：${known}`,
      en: `no organ "${ref}"; known: ${known}`,
      pointer: '/organ',
    })
  }
  return organ
}

/**
 * The report of `organ` (an organ id or a jurisdiction code) for `period` (2026-11 or 2026-Q4). With a principal, only
 * supervisors, auditors and region admins whose territory covers the organ's may have it; without one (the CLI), anyone
 * with the database.
 * @example const report = await buildReport(rt, supervisor, '513222.supervision-commission', '2026-11')
 */
export async function buildReport(
  rt: Pick<Runtime, 'db' | 'rulesDir' | 'clock'>,
  p: Principal | null,
  organRef: string,
  periodText: string,
): Promise<SupervisionReport> {
  let period
  try {
    period = parsePeriod(periodText)
  } catch (err) {
    throw new ServiceError(400, (err as ServiceError).problems)
  }
  const organ = organFor(rt, organRef)
  if (p) {
    requireRole(p, 'supervisor', 'auditor', 'regionAdmin')
    if (!coversJurisdiction(p, organ.jurisdiction.code))
      throw forbidden(`${organ.name}不在您的范围内`, `${organ.name} is outside your scope`)
  }
  const prefix = jurisdictionPrefix(organ.jurisdiction.code)
  const rows = await rt.db
    .selectFrom('cases')
    .select(['case_id', 'department_code', 'department_name'])
    .where('jurisdiction', 'like', `${prefix}%`)
    .orderBy('case_id')
    .execute()
  const ids = rows.map((r) => r.case_id)
  const events =
    ids.length === 0
      ? []
      : await rt.db
          .selectFrom('case_events')
          .select(['case_id', 'body'])
          .where('case_id', 'in', ids)
          .orderBy('case_id')
          .orderBy('sequence')
          .execute()
  const evaluations =
    ids.length === 0
      ? []
      : wholeRowsInOrder(
          await rt.db
            .selectFrom('evaluations')
            .select(['case_id', 'chain_seq', 'same_as', 'at', 'level', 'event_id', 'firings', 'facts', 'extra'])
            .where('case_id', 'in', ids)
            .orderBy('case_id')
            .orderBy('chain_seq')
            .execute(),
        )
  const byCase = new Map<string, { events: CaseEvent[]; evaluations: ReportEvaluation[] }>(
    ids.map((id) => [id, { events: [], evaluations: [] }]),
  )
  for (const e of events) byCase.get(e.case_id)!.events.push(e.body as CaseEvent)
  for (const v of evaluations) {
    if (Date.parse(v.at) >= Date.parse(period.to)) continue
    const extra = (v.extra ?? {}) as { findings?: ReportEvaluation['findings'] }
    byCase.get(v.case_id)!.evaluations.push({
      at: v.at,
      level: v.level,
      eventId: v.event_id,
      firings: v.firings as ReportEvaluation['firings'],
      facts: v.facts as Record<string, unknown>,
      ...(extra.findings ? { findings: extra.findings } : {}),
    })
  }
  const cases: ReportCase[] = rows.map((r) => ({
    caseId: r.case_id,
    department: { code: r.department_code, name: r.department_name },
    ...byCase.get(r.case_id)!,
  }))
  const figures = computeReport(cases, period)
  return {
    title: reportTitle(organ.name, period),
    organ: { id: organ.id, name: organ.name },
    scope: { code: organ.jurisdiction.code, name: organ.jurisdiction.name },
    period,
    generatedAt: rt.clock().toISOString(),
    figures,
    definitions: [...FIGURES],
    charts: reportCharts(figures),
  }
}

/**
 * The supervisory organs whose report the principal may have: those of its territory and below.
 * @example reportOrgans(rt, supervisor) // [{ id: '513222.supervision-commission', name: '理县监察委员会', jurisdiction: {…} }]
 */
export function reportOrgans(rt: Pick<Runtime, 'rulesDir'>, p: Principal) {
  return loadOrgansOrThrow(join(rt.rulesDir, 'organs'))
    .filter((o) => o.kind === 'supervisoryOrgan' && coversJurisdiction(p, o.jurisdiction.code))
    .map((o) => ({ id: o.id, name: o.name, jurisdiction: o.jurisdiction }))
}
