/** Rule packs through the service: validate (schema, lint, examples) before any activation, activate, diff two versions. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Problem } from '../errors/xingquan-error.js'
import type { Environment } from '../evaluation/evaluation.js'
import { loadExamples, runExample } from '../examples/run-example.js'
import { lintRules } from '../lint/lint-packs.js'
import { provisionsOf, resolveCitations } from '../provisions/provision-library.js'
import { canonicalJson, packVersion } from '../rules/pack-version.js'
import type { LoadedPack } from '../rules/rule-library.js'
import { validate } from '../schema/validator.js'
import { packContent, recordActivation, storePack, type Activation } from '../store/pack-store.js'
import type { RuleExample, RulePack } from '../types/generated.js'
import { chinaMoment } from './case-time.js'
import { coversJurisdiction, recordedBy, requireRole, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { forbidden, notFound, ServiceError } from './service-error.js'

export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates', import.meta.url))

export interface PackCheck {
  readonly valid: boolean
  readonly packId?: string
  readonly version?: string
  /** Schema and lint problems; warnings and infos do not make a pack invalid. */
  readonly problems: readonly Problem[]
  readonly examples: readonly { readonly name: string; readonly file: string; readonly failures: readonly string[] }[]
}

const isError = (p: Problem) => p.severity === undefined || p.severity === 'error'

/** The packs in force with `candidate` in place of the version of its id. */
function withCandidate(env: Environment, candidate: LoadedPack): Environment {
  return { ...env, packs: [...env.packs.filter((p) => p.pack.id !== candidate.pack.id), candidate] }
}

/**
 * Checks a pack as it would be activated: the schema; lint of the packs in force with it in place; its own examples
 * (given with the request); and every shipped example that holds today must still hold, unless an example of the
 * request has the same name (a change of law replaces its example). `shipped: false` leaves that last guard out
 * (lint as one types).
 * @example const check = await checkPack(rt, pack, []); check.valid
 */
export async function checkPack(
  rt: Runtime,
  input: unknown,
  examples: readonly RuleExample[] = [],
  options: { shipped?: boolean } = {},
): Promise<PackCheck> {
  const schemaProblems = validate('rule-pack', input, { file: 'pack' })
  if (schemaProblems.length > 0) return { valid: false, problems: schemaProblems, examples: [] }
  const { value: pack, problems: unresolved } = resolveCitations(input as RulePack, provisionsOf(rt.rulesDir))
  if (unresolved.length > 0)
    return { valid: false, problems: unresolved.map((p) => ({ ...p, file: 'pack' })), examples: [] }
  const version = packVersion(pack)
  const file = `rule_packs/${pack.id}.pack.json`
  const candidate: LoadedPack = { file, pack, version }
  const env = rt.env()
  const next = withCandidate(env, candidate)
  const problems = lintCandidate(next.packs, file)
  const outcomes: { name: string; file: string; failures: readonly string[] }[] = []
  for (const [i, example] of examples.entries()) {
    const exampleProblems = validate('example', example, { file: `examples/${i}` })
    if (exampleProblems.length > 0) {
      problems.push(...exampleProblems)
      continue
    }
    const o = runExample(next, { file: `examples/${i}`, example })
    outcomes.push({ name: o.name, file: o.file, failures: o.failures })
  }
  const given = new Set(examples.map((e) => e.name))
  for (const shipped of options.shipped === false ? [] : loadExamples(rt.rulesDir).examples) {
    if (given.has(shipped.example.name)) continue
    if (runExample(env, shipped).failures.length > 0) continue // does not hold today: not a guard
    const o = runExample(next, shipped)
    if (o.failures.length > 0) outcomes.push({ name: o.name, file: o.file, failures: o.failures })
  }
  const valid = !problems.some(isError) && outcomes.every((o) => o.failures.length === 0)
  return { valid, packId: pack.id, version, problems, examples: outcomes }
}

/** Lints the packs as a rules directory would be linted; keeps the problems that concern the candidate's file. */
function lintCandidate(packs: readonly LoadedPack[], file: string): Problem[] {
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-pack-'))
  try {
    const names = new Map<string, string>()
    for (const p of packs) {
      const name = `${p.pack.id}.pack.json`
      names.set(join(dir, name), p.file === file ? file : `rule_packs/${p.version}`)
      writeFileSync(join(dir, name), JSON.stringify(p.pack, null, 2))
    }
    const today = chinaMoment(new Date()).slice(0, 10)
    const cwd = process.cwd()
    return lintRules(dir, { today, templatesDir: DEFAULT_TEMPLATES_DIR })
      .map((p) => {
        const abs = p.file === undefined ? undefined : p.file.startsWith('/') ? p.file : join(cwd, p.file)
        return abs !== undefined && names.has(abs) ? { ...p, file: names.get(abs)! } : p
      })
      .filter((p) => p.file === file || !isError(p) || p.file === undefined)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Activates a pack (given whole, or a stored version): a region admin of the pack's territory, and only when it
 * passes `checkPack`; otherwise 422 with the problems and failed examples, and the pack in force stays.
 * @example await activatePack(rt, admin, { pack, examples: [], note: '2026 修订' })
 */
export async function activatePack(
  rt: Runtime,
  p: Principal,
  body: { pack?: unknown; version?: string; examples?: RuleExample[]; note?: string },
): Promise<{ activation: Activation; check: PackCheck }> {
  requireRole(p, 'regionAdmin')
  let pack = body.pack
  if (pack === undefined && body.version !== undefined) {
    pack = await packContent(rt.db, body.version)
    if (pack === undefined)
      throw notFound('PACK', `没有版本为 ${body.version} 的规则包`, `no rule pack has version ${body.version}`)
  }
  if (pack === undefined)
    throw new ServiceError(400, {
      code: 'PACK_MISSING',
      zh: '请给出规则包（pack）或已存版本（version）',
      en: 'give a pack, or the version of a stored one',
      pointer: '',
    })
  const check = await checkPack(rt, pack, body.examples ?? [])
  if (!check.valid) throw new PackRefused(check)
  // stored resolved: a stored version carries the words of law it was checked with
  const valid = resolveCitations(pack as RulePack, provisionsOf(rt.rulesDir)).value
  if (!coversJurisdiction(p, valid.jurisdiction.code)) {
    throw forbidden(
      `无权启用 ${valid.jurisdiction.name}（${valid.jurisdiction.code}）的规则包`,
      `this token may not activate packs of ${valid.jurisdiction.code}`,
    )
  }
  const by = recordedBy(p)
  const activation = await rt.db.transaction().execute(async (trx) => {
    const version = await storePack(trx, valid, by)
    return recordActivation(trx, version, by, body.note)
  })
  await rt.reloadPacks()
  return { activation, check }
}

/** A refused activation: 422 with the whole check. */
export class PackRefused extends ServiceError {
  constructor(readonly check: PackCheck) {
    const failed = check.examples.filter((e) => e.failures.length > 0)
    super(422, [
      {
        code: 'PACK_REFUSED',
        zh: `规则包未通过检查，未启用：${check.problems.filter(isError).length} 个错误，${failed.length} 个样例不成立`,
        en: `the pack failed its checks and was not activated: ${check.problems.filter(isError).length} errors, ${failed.length} failing examples`,
      },
      ...check.problems,
    ])
  }
}

export interface PackDiff {
  readonly from: string
  readonly to: string
  /** Top-level fields of the pack that differ (rules aside). */
  readonly fields: readonly string[]
  readonly added: readonly string[]
  readonly removed: readonly string[]
  readonly changed: readonly {
    readonly ruleId: string
    readonly fields: readonly string[]
    readonly versions: readonly [number, number]
  }[]
}

/**
 * What changed between two stored versions of a pack, rule by rule.
 * @example await diffPacks(rt, 'sha256:aaa…', 'sha256:bbb…')
 */
export async function diffPacks(rt: Runtime, from: string, to: string): Promise<PackDiff> {
  const [a, b] = await Promise.all([packContent(rt.db, from), packContent(rt.db, to)])
  if (!a) throw notFound('PACK', `没有版本为 ${from} 的规则包`, `no rule pack has version ${from}`)
  if (!b) throw notFound('PACK', `没有版本为 ${to} 的规则包`, `no rule pack has version ${to}`)
  const differs = (x: Record<string, unknown>, y: Record<string, unknown>, skip: string[] = []) =>
    [...new Set([...Object.keys(x), ...Object.keys(y)])]
      .filter((k) => !skip.includes(k) && canonicalJson(x[k]) !== canonicalJson(y[k]))
      .sort()
  const ra = new Map(a.rules.map((r) => [r.id, r]))
  const rb = new Map(b.rules.map((r) => [r.id, r]))
  return {
    from,
    to,
    fields: differs(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>, ['rules']),
    added: [...rb.keys()].filter((id) => !ra.has(id)),
    removed: [...ra.keys()].filter((id) => !rb.has(id)),
    changed: [...ra.entries()]
      .filter(([id, r]) => rb.has(id) && canonicalJson(r) !== canonicalJson(rb.get(id)))
      .map(([id, r]) => ({
        ruleId: id,
        fields: differs(r as unknown as Record<string, unknown>, rb.get(id) as unknown as Record<string, unknown>),
        versions: [r.version, rb.get(id)!.version] as const,
      })),
  }
}
