/** `verify --reference` and the auditor's check: every stored evaluation re-run through stock json-rules-engine. */
import { wholeRows } from '../store/unchanged-evaluations.js'
import type { Kysely } from 'kysely'
import { referenceDifferences, type ReferenceDifference } from '../rules/reference-check.js'
import type { LoadedPack } from '../rules/rule-library.js'
import type { Database } from '../store/database.js'
import { packsByVersion } from '../store/pack-store.js'
import type { Facts, Firing } from '../types/generated.js'
import { readableCase } from './case-reader.js'
import type { Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { forbidden } from './service-error.js'

export interface ReferenceReport {
  /** Evaluations re-run. */
  readonly evaluations: number
  /** Every difference, with the case and the evaluation's position in its chain. */
  readonly differences: readonly (ReferenceDifference & { readonly caseId: string; readonly chainSeq: number })[]
}

const PAGE = 500

/**
 * Re-runs the stored evaluations (of the cases given, or of every case) through json-rules-engine, under the pack
 * versions each one used, and reports every firing or trace that differs.
 * @example const { evaluations, differences } = await verifyWithReference(rt.db, { caseIds: ['demo-1'] })
 */
export async function verifyWithReference(
  db: Kysely<Database>,
  options: { caseIds?: readonly string[] } = {},
): Promise<ReferenceReport> {
  const packs = new Map<string, Promise<LoadedPack[]>>()
  const differences: ReferenceReport['differences'][number][] = []
  let evaluations = 0
  let after: { caseId: string; chainSeq: number } | undefined
  for (;;) {
    let q = db
      .selectFrom('evaluations')
      .select(['case_id', 'chain_seq', 'same_as', 'at', 'facts', 'firings', 'packs', 'extra'])
    if (options.caseIds) q = q.where('case_id', 'in', options.caseIds.length > 0 ? [...options.caseIds] : [''])
    if (after) {
      const { caseId, chainSeq } = after
      q = q.where((eb) =>
        eb.or([eb('case_id', '>', caseId), eb.and([eb('case_id', '=', caseId), eb('chain_seq', '>', chainSeq)])]),
      )
    }
    const page = await q.orderBy('case_id').orderBy('chain_seq').limit(PAGE).execute()
    // an unchanged evaluation is checked whole: its facts over those of the row it repeats, that row's firings
    const rows = await wholeRows(db, page)
    for (const row of rows) {
      const versions = (row.packs as { version: string }[]).map((p) => p.version)
      const key = versions.join('|')
      if (!packs.has(key)) packs.set(key, packsByVersion(db, versions))
      const lawOn = (row.extra as { lawOn?: string } | null)?.lawOn
      const stored = {
        at: row.at,
        ...(lawOn !== undefined ? { lawOn } : {}),
        facts: row.facts as unknown as Facts,
        firings: row.firings as unknown as Firing[],
        ...(row.same_as !== null ? { tracesRepeated: true } : {}),
      }
      for (const d of await referenceDifferences(await packs.get(key)!, stored)) {
        differences.push({ caseId: row.case_id, chainSeq: row.chain_seq, ...d })
      }
      evaluations++
    }
    if (rows.length < PAGE) break
    const last = rows[rows.length - 1]!
    after = { caseId: last.case_id, chainSeq: last.chain_seq }
  }
  return { evaluations, differences }
}

/**
 * `GET /cases/{caseId}/reference`: the check of one case's evaluations, for the auditor's case page; like a replay it
 * needs a supervisor, auditor or admin token, and a case outside the token's scope is a 404.
 * @example const { differences } = await referenceCheckOfCase(rt, principal, 'demo-1')
 */
export async function referenceCheckOfCase(rt: Runtime, p: Principal, caseId: string) {
  if (p.role === 'officer') {
    throw forbidden(
      '复核评估需要监察、审计或管理员角色',
      'checking evaluations needs a supervisor, auditor or admin token',
    )
  }
  await readableCase(rt, p, caseId)
  const report = await verifyWithReference(rt.db, { caseIds: [caseId] })
  return { caseId, identical: report.differences.length === 0, ...report }
}

/**
 * The report as lines a person reads.
 * @example process.stdout.write(formatReferenceReport(report))
 */
export function formatReferenceReport(report: ReferenceReport): string {
  const head =
    `以 json-rules-engine 复核 ${report.evaluations} 次评估 / ` +
    `re-ran ${report.evaluations} evaluations through json-rules-engine`
  if (report.differences.length === 0) return `${head}\n触发与轨迹全部一致 / every firing and trace identical\n`
  const lines = report.differences.map(
    (d) => `办件 case ${d.caseId} 第 ${d.chainSeq} 行 row ${d.chainSeq} ${d.ruleId}: [${d.kind}] ${d.zh} / ${d.en}`,
  )
  return `${head}\n${report.differences.length} 处不同 / ${report.differences.length} differences:\n${lines.join('\n')}\n`
}
