/** Trying a draft before it is in force: lint as one types, its examples, a case under the draft, a notice preview. */
import type { Problem } from '../errors/xingquan-error.js'
import { XingquanError } from '../errors/xingquan-error.js'
import type { Environment, Evaluation } from '../evaluation/evaluation.js'
import { replayCase, type Replay } from '../evaluation/replay.js'
import { valuesAt } from '../examples/example-values.js'
import { loadExamples, runExample } from '../examples/run-example.js'
import { composeNotices } from '../notices/compose-notices.js'
import { NoticeRenderer } from '../notices/notice-renderer.js'
import { loadOrgansOrThrow } from '../notices/organs.js'
import { loadTemplateLibrary } from '../notices/template-library.js'
import { PREVIEW_ISSUER } from '../notices/number-issuer.js'
import { packVersion } from '../rules/pack-version.js'
import type { LoadedPack } from '../rules/rule-library.js'
import { validate } from '../schema/validator.js'
import type { CaseEvent, CaseFile, RuleExample, RulePack } from '../types/generated.js'
import { readableCase } from './case-reader.js'
import type { Draft, DraftExample } from './draft-service.js'
import { checkPack } from './pack-service.js'
import type { Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { ServiceError } from './service-error.js'

/**
 * The packs in force with the draft's content in place of its pack id (or added, for a renewal's new id).
 * @example const env = draftEnvironment(rt.env(), draft.pack)
 */
export function draftEnvironment(env: Environment, pack: RulePack): Environment {
  const candidate: LoadedPack = { file: `drafts/${pack.id}.pack.json`, pack, version: packVersion(pack) }
  return { ...env, packs: [...env.packs.filter((p) => p.pack.id !== pack.id), candidate] }
}

/**
 * Lint of content as typed (not yet saved): schema and lint problems, each with its JSON pointer and zh/en.
 * @example (await lintContent(rt, pack)).problems
 */
export async function lintContent(
  rt: Runtime,
  pack: unknown,
): Promise<{ valid: boolean; problems: readonly Problem[] }> {
  const check = await checkPack(rt, pack, [], { shipped: false })
  return { valid: check.valid, problems: check.problems }
}

export interface ExampleRun {
  readonly file: string
  readonly name: string
  readonly passed: boolean
  readonly failures: readonly string[]
  /** It holds under the rules in force but not under the draft: the draft changes what it expects. */
  readonly brokenByDraft: boolean
  /** The draft's own version of the example (changed or new). */
  readonly fromDraft: boolean
  readonly example: RuleExample
  /** For a failing example: its expectations as the draft answers them (what fires now fires, what is silent is silent). */
  readonly suggestion?: RuleExample
}

/** The example's firing expectations redistributed by what happened under the draft. */
function suggest(example: RuleExample, replay: Replay | undefined): RuleExample | undefined {
  if (!replay) return undefined
  const everywhere = new Set(
    [...replay.evaluations, ...(replay.asOf ? [replay.asOf] : [])].flatMap((e) => e.firings.map((f) => f.ruleId)),
  )
  const atMoment = new Set(replay.asOf?.firings.map((f) => f.ruleId) ?? [])
  const { fires = [], silent = [], firesAt = [], silentAt = [], ...rest } = example.expect
  const split = (ids: string[], fired: Set<string>) =>
    [ids.filter((id) => fired.has(id)), ids.filter((id) => !fired.has(id))] as const
  const [f, s] = split([...new Set([...fires, ...silent])], everywhere)
  const [fa, sa] = split([...new Set([...firesAt, ...silentAt])], atMoment)
  const lists = { fires: f, silent: s, firesAt: fa, silentAt: sa }
  // the values it names, as the draft has them at the moment
  const values = rest.values && replay.asOf ? { values: valuesAt(rest.values, replay.asOf) } : {}
  const expect = { ...rest, ...values, ...Object.fromEntries(Object.entries(lists).filter(([, v]) => v.length > 0)) }
  return { ...example, expect }
}

/**
 * The examples of what the draft changes — every shipped example that names one of its rules, with the draft's
 * own in place of those it changes — run under the draft and under the rules in force.
 * @example (await runDraftExamples(rt, draft)).filter((e) => !e.passed)
 */
export function runDraftExamples(rt: Runtime, draft: Pick<Draft, 'pack' | 'examples'>): ExampleRun[] {
  const ids = new Set(draft.pack.rules.map((r) => r.id))
  const own = new Map<string, DraftExample>(draft.examples.map((e) => [e.file, e]))
  const names = (e: RuleExample) => Object.values(e.expect).flatMap((v) => (Array.isArray(v) ? v : []))
  const shipped = loadExamples(rt.rulesDir).examples.filter(
    (e) => names(e.example).some((id) => ids.has(id)) || own.has(e.file),
  )
  const files = new Set(shipped.map((e) => e.file))
  const all = [...shipped.map((e) => own.get(e.file) ?? e), ...draft.examples.filter((e) => !files.has(e.file))]
  const env = rt.env()
  const next = draftEnvironment(env, draft.pack)
  return all.map((e) => {
    const fromDraft = own.has(e.file)
    const now = runExample(next, e)
    const before = fromDraft ? undefined : runExample(env, e)
    return {
      file: e.file,
      name: e.example.name,
      passed: now.failures.length === 0,
      failures: now.failures,
      brokenByDraft: before !== undefined && before.failures.length === 0 && now.failures.length > 0,
      fromDraft,
      example: e.example,
      ...(now.failures.length > 0 && !now.replay?.refused ? { suggestion: suggest(e.example, now.replay)! } : {}),
    }
  })
}

/** A case to try: a stored one (by id, within the caller's scope) or one typed in. */
export async function caseToTry(
  rt: Runtime,
  p: Principal,
  body: { caseId?: string; case?: unknown },
): Promise<CaseFile> {
  if (body.case !== undefined) {
    const problems = validate('case-file', body.case, { file: 'case' })
    if (problems.length > 0)
      throw new ServiceError(
        400,
        problems.map((x) => ({ ...x, pointer: `/case${x.pointer ?? ''}` })),
      )
    return body.case as CaseFile
  }
  if (body.caseId === undefined)
    throw new ServiceError(400, {
      code: 'CASE_MISSING',
      zh: '请给出办件编号（caseId）或办件内容（case）',
      en: 'give a caseId or a case',
      pointer: '',
    })
  await readableCase(rt, p, body.caseId)
  const rows = await rt.db
    .selectFrom('case_events')
    .select('body')
    .where('case_id', '=', body.caseId)
    .orderBy('sequence')
    .execute()
  return { caseId: body.caseId, events: rows.map((r) => r.body as CaseEvent) as CaseFile['events'] }
}

const momentProblem = (at: string) =>
  new ServiceError(400, {
    code: 'MOMENT_INVALID',
    zh: `时刻“${at}”不是带时区的 ISO 8601 格式`,
    en: `"${at}" is not an ISO 8601 moment with an offset`,
    pointer: '/at',
  })
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d\d:\d\d)$/

/**
 * A case as of a moment under the draft and under the rules in force, each with its condition-by-condition trace.
 * @example await evaluateUnderDraft(rt, draft, caseFile, '2026-12-01T09:00:00+08:00')
 */
export function evaluateUnderDraft(
  rt: Runtime,
  pack: RulePack,
  caseFile: CaseFile,
  at: string,
): { draft: Evaluation | null; inForce: Evaluation | null; refused: unknown } {
  if (!MOMENT.test(at) || Number.isNaN(Date.parse(at))) throw momentProblem(at)
  const env = rt.env()
  const underDraft = replayCase(draftEnvironment(env, pack), caseFile, { at })
  const now = replayCase(env, caseFile, { at })
  return { draft: underDraft.asOf ?? null, inForce: now.asOf ?? null, refused: underDraft.refused ?? null }
}

/**
 * A stored case turned into an example of the draft: its events, the moment, and what fires then under the draft.
 * @example const ex = exampleFromCase(rt, draft.pack, caseFile, at, '黄灯：还剩 5 个工作日')
 */
export function exampleFromCase(
  rt: Runtime,
  pack: RulePack,
  caseFile: CaseFile,
  at: string,
  name: string,
): DraftExample {
  const { draft } = evaluateUnderDraft(rt, pack, caseFile, at)
  const fired = new Set(draft?.firings.map((f) => f.ruleId) ?? [])
  const mine = pack.rules.map((r) => r.id)
  const example: RuleExample = {
    name,
    description: `由办件 ${caseFile.caseId} 生成 / made from case ${caseFile.caseId}`,
    case: caseFile,
    at,
    expect: { firesAt: mine.filter((id) => fired.has(id)), silentAt: mine.filter((id) => !fired.has(id)) },
  }
  const slug = caseFile.caseId.replace(/[^A-Za-z0-9-]/g, '-')
  return { file: `${pack.id}/examples/${slug}-${at.slice(0, 10)}.example.json`, example }
}

let notices: { renderer: NoticeRenderer; organs: ReturnType<typeof loadOrgansOrThrow> } | undefined

/**
 * The notices the case's firings call for as of a moment under the draft: a preview, no number taken.
 * @example (await previewNotices(rt, pack, caseFile, at, 'sc.deadline.statutory-near'))[0].html
 */
export async function previewNotices(rt: Runtime, pack: RulePack, caseFile: CaseFile, at: string, rule?: string) {
  if (!MOMENT.test(at) || Number.isNaN(Date.parse(at))) throw momentProblem(at)
  const env = draftEnvironment(rt.env(), pack)
  if (!notices) {
    const { library, problems } = loadTemplateLibrary()
    if (problems.some((x) => (x.severity ?? 'error') === 'error')) throw new XingquanError(problems)
    notices = { renderer: new NoticeRenderer(library, env.calendar), organs: loadOrgansOrThrow() }
  }
  const deps = { env, renderer: notices.renderer, organs: notices.organs, issuer: PREVIEW_ISSUER }
  const { notices: made } = await composeNotices(deps, caseFile, {
    at,
    ...(rule !== undefined ? { rule } : {}),
    issue: false,
  })
  return made.map((n) => ({
    ruleId: n.ruleId,
    template: n.template,
    title: n.title,
    number: n.number.text,
    warnings: n.warnings,
    html: notices!.renderer.page([n.article], n.title),
    text: n.text,
  }))
}
