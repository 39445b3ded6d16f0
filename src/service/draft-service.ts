/** Drafts of rule packs: open, save, submit (legal staff), approve or reject (an administrator, another person), renew. */
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import { describeChanges, jsonDiff, type JsonChange, type WordedChange } from '../rules/describe-change.js'
import { packVersion } from '../rules/pack-version.js'
import { appendDraftEvent, draftIds, draftLog, type DraftEvent, type DraftLog } from '../store/draft-store.js'
import { activations, packContent, recordActivation, storePack } from '../store/pack-store.js'
import type { RuleExample, RulePack } from '../types/generated.js'
import { checkPack, PackRefused, type PackCheck } from './pack-service.js'
import { coversJurisdiction, recordedBy, type Principal, type Role } from './principal.js'
import type { Runtime } from './runtime.js'
import { forbidden, notFound, ServiceError } from './service-error.js'

export type DraftStatus = 'editing' | 'submitted' | 'approved' | 'withdrawn'

/** An example the draft adds or changes; `file` names the shipped example it replaces, or a new one. */
export interface DraftExample {
  readonly file: string
  readonly example: RuleExample
}

export interface Draft {
  readonly draftId: string
  readonly packId: string
  readonly jurisdiction: string
  readonly title: string
  readonly status: DraftStatus
  /** The version the draft started from (in force when it was opened, or the lapsed pack it renews). */
  readonly baseVersion: string | null
  readonly renews: { readonly packId: string; readonly version: string } | null
  readonly revision: number
  readonly pack: RulePack
  readonly examples: readonly DraftExample[]
  /** The version the draft would be stored as. */
  readonly version: string
  readonly proposedBy: string | null
  readonly approvedBy: string | null
  readonly activatedVersion: string | null
  readonly history: readonly (Omit<DraftEvent, 'body'> & { readonly note: string | null })[]
}

const EDITORS: readonly Role[] = ['legalOfficer', 'departmentAdmin', 'regionAdmin']
const APPROVERS: readonly Role[] = ['departmentAdmin', 'regionAdmin']

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** The fold of a draft's log. */
export function draftOf(log: DraftLog): Draft {
  const opened = log.events[0]!.body
  let pack = opened.pack as RulePack
  let examples = (opened.examples as DraftExample[] | undefined) ?? []
  let status: DraftStatus = 'editing'
  let revision = 0
  let proposedBy: string | null = null
  let approvedBy: string | null = null
  let activatedVersion: string | null = null
  for (const e of log.events.slice(1)) {
    if (e.kind === 'saved') {
      pack = e.body.pack as RulePack
      examples = (e.body.examples as DraftExample[] | undefined) ?? examples
      revision++
      status = 'editing'
    } else if (e.kind === 'submitted') {
      status = 'submitted'
      proposedBy = e.person
    } else if (e.kind === 'rejected') status = 'editing'
    else if (e.kind === 'withdrawn') status = 'withdrawn'
    else if (e.kind === 'approved') {
      status = 'approved'
      approvedBy = e.person
      activatedVersion = str(e.body.version)
    }
  }
  return {
    draftId: log.draftId,
    packId: log.packId,
    jurisdiction: log.jurisdiction,
    title: str(opened.title) ?? pack.title,
    status,
    baseVersion: str(opened.baseVersion),
    renews: (opened.renews as Draft['renews'] | undefined) ?? null,
    revision,
    pack,
    examples,
    version: packVersion(pack),
    proposedBy,
    approvedBy,
    activatedVersion,
    history: log.events.map(({ body, ...e }) => ({ ...e, note: str(body.note) ?? str(body.reason) })),
  }
}

/**
 * A draft by id, or 404 (also when the caller's scope does not cover the pack's jurisdiction).
 * @example const draft = await getDraft(rt, principal, 'd-…')
 */
export async function getDraft(rt: Runtime, p: Principal, draftId: string): Promise<Draft> {
  const log = await draftLog(rt.db, draftId)
  if (!log || !mayRead(p, log.jurisdiction))
    throw notFound('DRAFT', `没有草稿 ${draftId}，或无权查看`, `no draft ${draftId}, or not in scope`)
  return draftOf(log)
}

/** Everyone who reads rules may read drafts of packs whose layer applies within their scope. */
const mayRead = (p: Principal, jurisdiction: string) =>
  coversJurisdiction(p, jurisdiction) || p.jurisdiction.startsWith(jurisdictionPrefix(jurisdiction))

/**
 * The drafts the caller may read, newest first, without their content.
 * @example await listDrafts(rt, principal)
 */
export async function listDrafts(rt: Runtime, p: Principal, packId?: string) {
  const drafts: Omit<Draft, 'pack' | 'examples' | 'history'>[] = []
  for (const id of await draftIds(rt.db, packId)) {
    const log = await draftLog(rt.db, id)
    if (!log || !mayRead(p, log.jurisdiction)) continue
    const { pack: _p, examples: _e, history: _h, ...summary } = draftOf(log)
    drafts.push(summary)
  }
  return { drafts }
}

function requireEditor(p: Principal, jurisdiction: string): void {
  if (!EDITORS.includes(p.role))
    throw forbidden(
      `起草规则需要法制人员或管理员角色（当前为 ${p.role}）`,
      `drafting rules needs a legal officer or admin role (this is ${p.role})`,
    )
  if (!coversJurisdiction(p, jurisdiction))
    throw forbidden(`无权起草 ${jurisdiction} 的规则包`, `not in scope to draft packs of ${jurisdiction}`)
}

const person = (p: Principal) => ({ person: p.subject, role: p.role, recordedBy: recordedBy(p) })

async function append(
  rt: Runtime,
  log: DraftLog,
  kind: DraftEvent['kind'],
  p: Principal,
  body: unknown,
): Promise<Draft> {
  try {
    await appendDraftEvent(rt.db, {
      draftId: log.draftId,
      seq: log.events.length + 1,
      kind,
      packId: log.packId,
      jurisdiction: log.jurisdiction,
      body,
      ...person(p),
    })
  } catch (err) {
    if (/duplicate|unique/i.test((err as Error).message)) {
      throw new ServiceError(409, {
        code: 'DRAFT_CHANGED',
        zh: '草稿已被他人更新，请重新载入后再试',
        en: 'the draft was changed by someone else; reload and try again',
      })
    }
    throw err
  }
  return getDraft(rt, p, log.draftId)
}

/**
 * Opens a draft of a pack from the version in force (or, to renew, of a new pack id from a lapsed one).
 * @example await openDraft(rt, officer, { packId: 'sc.electronic-supervision' })
 */
export async function openDraft(
  rt: Runtime,
  p: Principal,
  body: { packId: string; title?: string; renew?: Renewal },
): Promise<Draft> {
  const base = rt.env().packs.find((x) => x.pack.id === body.packId)
  if (!base) throw notFound('PACK', `没有在用的规则包 ${body.packId}`, `no pack ${body.packId} is in force`)
  requireEditor(p, base.pack.jurisdiction.code)
  const pack = body.renew ? renewedPack(base.pack, body.renew) : base.pack
  if (body.renew && rt.env().packs.some((x) => x.pack.id === pack.id)) {
    throw new ServiceError(409, {
      code: 'PACK_ID_TAKEN',
      zh: `规则包编号 ${pack.id} 已在用`,
      en: `pack id ${pack.id} is already in use`,
      pointer: '/renew/packId',
    })
  }
  const draftId = `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const log: DraftLog = { draftId, packId: pack.id, jurisdiction: pack.jurisdiction.code, events: [] }
  const renews = body.renew ? { packId: base.pack.id, version: base.version } : undefined
  return append(rt, log, 'opened', p, {
    title: body.title ?? `${pack.title} 修订草稿`,
    baseVersion: base.version,
    pack,
    examples: [],
    ...(renews ? { renews } : {}),
  })
}

/** What a renewal names: the document that renewed or replaced the lapsed one. */
export interface Renewal {
  readonly packId: string
  readonly document: {
    readonly title: string
    readonly issuer?: string
    readonly number?: string
    readonly issuedOn: string
  }
  readonly effectiveFrom: string
  readonly effectiveUntil?: string
}

/**
 * A new pack continuing a lapsed one under the document that renewed it: a new id, the new document, its dates,
 * and every citation of the old document moved to the new one. The lapsed pack keeps its `effectiveUntil`.
 * @example renewedPack(abaSupervision, { packId: 'aba.supervision-2027', document: {…}, effectiveFrom: '2027-01-01' })
 */
export function renewedPack(old: RulePack, r: Renewal): RulePack {
  const oldTitle = old.issuingDocument?.title
  const cite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(cite)
    if (v && typeof v === 'object') {
      const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cite(x)]))
      if (oldTitle !== undefined && o.document === oldTitle) o.document = r.document.title
      if (o.effectiveUntil === old.effectiveUntil) delete o.effectiveUntil
      return o
    }
    return v
  }
  const { effectiveUntil: _lapsed, issuingDocument: _old, ...rest } = old
  const rules = old.rules.map((rule) => cite({ ...rule, version: rule.version + 1 }) as RulePack['rules'][number])
  return {
    ...(cite(rest) as RulePack),
    id: r.packId,
    issuingDocument: { ...old.issuingDocument, ...r.document } as RulePack['issuingDocument'],
    effectiveFrom: r.effectiveFrom,
    ...(r.effectiveUntil !== undefined ? { effectiveUntil: r.effectiveUntil } : {}),
    rules,
  }
}

/**
 * Saves the draft's content as its next revision (nothing is overwritten: the log keeps every revision).
 * @example await saveDraft(rt, officer, id, { pack, examples, note: '黄灯提前量改为 5 个工作日' })
 */
export async function saveDraft(
  rt: Runtime,
  p: Principal,
  draftId: string,
  body: { pack: unknown; examples?: DraftExample[]; note?: string },
): Promise<Draft> {
  const log = await loggedDraft(rt, p, draftId)
  const draft = draftOf(log)
  requireEditor(p, draft.jurisdiction)
  if (draft.status !== 'editing')
    throw new ServiceError(409, {
      code: 'DRAFT_NOT_EDITABLE',
      zh: `草稿${STATUS_ZH[draft.status]}，不能修改`,
      en: `the draft is ${draft.status} and cannot be changed`,
    })
  const pack = body.pack as RulePack
  if (pack?.id !== draft.packId)
    throw new ServiceError(400, {
      code: 'DRAFT_PACK_ID',
      zh: `草稿只能修改规则包 ${draft.packId}`,
      en: `this draft changes pack ${draft.packId} only`,
      pointer: '/pack/id',
    })
  return append(rt, log, 'saved', p, {
    pack,
    examples: body.examples ?? draft.examples,
    ...(body.note ? { note: body.note } : {}),
  })
}

const STATUS_ZH: Record<DraftStatus, string> = {
  editing: '编辑中',
  submitted: '已提交审核',
  approved: '已批准生效',
  withdrawn: '已撤回',
}

async function loggedDraft(rt: Runtime, p: Principal, draftId: string): Promise<DraftLog> {
  const log = await draftLog(rt.db, draftId)
  if (!log || !mayRead(p, log.jurisdiction))
    throw notFound('DRAFT', `没有草稿 ${draftId}，或无权查看`, `no draft ${draftId}, or not in scope`)
  return log
}

/** The draft checked as it would be activated: schema, lint with the packs in force, its examples, shipped examples. */
export async function checkDraft(rt: Runtime, draft: Draft): Promise<PackCheck> {
  return checkPack(
    rt,
    draft.pack,
    draft.examples.map((e) => e.example),
  )
}

/**
 * Submits the draft for approval; refused (422) while it fails its checks.
 * @example await submitDraft(rt, officer, id, { note: '请审核' })
 */
export async function submitDraft(rt: Runtime, p: Principal, draftId: string, body: { note?: string }): Promise<Draft> {
  const log = await loggedDraft(rt, p, draftId)
  const draft = draftOf(log)
  requireEditor(p, draft.jurisdiction)
  if (draft.status !== 'editing')
    throw new ServiceError(409, {
      code: 'DRAFT_NOT_EDITABLE',
      zh: `草稿${STATUS_ZH[draft.status]}，不能提交`,
      en: `the draft is ${draft.status} and cannot be submitted`,
    })
  if (draft.version === draft.baseVersion)
    throw new ServiceError(422, {
      code: 'DRAFT_UNCHANGED',
      zh: '草稿与在用版本相同，没有可提交的修改',
      en: 'the draft is the same as the version in force: nothing to submit',
    })
  const check = await checkDraft(rt, draft)
  if (!check.valid) throw new PackRefused(check)
  return append(rt, log, 'submitted', p, { version: draft.version, ...(body.note ? { note: body.note } : {}) })
}

/**
 * Approves a submitted draft and puts it in force: a department or region administrator covering the pack's
 * jurisdiction, who neither submitted nor wrote it, with a reason. The checks run again at this moment.
 * @example await approveDraft(rt, admin, id, { reason: '经法制审核，符合办法' })
 */
export async function approveDraft(
  rt: Runtime,
  p: Principal,
  draftId: string,
  body: { reason: string },
): Promise<Draft> {
  const log = await loggedDraft(rt, p, draftId)
  const draft = decidable(p, log, body.reason)
  const check = await checkDraft(rt, draft)
  if (!check.valid) throw new PackRefused(check)
  const by = recordedBy(p)
  const note = `草稿 ${draft.draftId}：${draft.proposedBy} 提出，${p.subject} 批准。理由：${body.reason}`
  await rt.db.transaction().execute(async (trx) => {
    const version = await storePack(trx, draft.pack, by)
    const activation = await recordActivation(trx, version, by, note)
    const body2 = { reason: body.reason, version, activationId: activation.id }
    await appendDraftEvent(trx, {
      draftId,
      seq: log.events.length + 1,
      kind: 'approved',
      packId: log.packId,
      jurisdiction: log.jurisdiction,
      body: body2,
      ...person(p),
    })
  })
  await rt.reloadPacks()
  return getDraft(rt, p, draftId)
}

/**
 * Sends a submitted draft back to its author with a reason; it can be changed and submitted again.
 * @example await rejectDraft(rt, admin, id, { reason: '请补充样例' })
 */
export async function rejectDraft(
  rt: Runtime,
  p: Principal,
  draftId: string,
  body: { reason: string },
): Promise<Draft> {
  const log = await loggedDraft(rt, p, draftId)
  decidable(p, log, body.reason)
  return append(rt, log, 'rejected', p, { reason: body.reason })
}

/**
 * Withdraws a draft that is not in force: its author (whoever opened, saved or submitted it) or a department or region
 * administrator covering its pack, with a reason. A withdrawal is one more event of the draft's log, nothing is
 * removed: the draft and its revisions stay readable, and it can no longer be changed, submitted or approved.
 * @example await withdrawDraft(rt, officer, id, { reason: '改由新的草稿起草' })
 */
export async function withdrawDraft(
  rt: Runtime,
  p: Principal,
  draftId: string,
  body: { reason: string },
): Promise<Draft> {
  const log = await loggedDraft(rt, p, draftId)
  const draft = draftOf(log)
  const authors = new Set(
    log.events.filter((e) => e.kind === 'opened' || e.kind === 'saved' || e.kind === 'submitted').map((e) => e.person),
  )
  if (!authors.has(p.subject) && !(APPROVERS.includes(p.role) && coversJurisdiction(p, draft.jurisdiction))) {
    throw forbidden(
      '只有起草人或该规则包所在范围的部门、地区管理员可以撤回草稿',
      'only its author, or a department or region administrator covering its pack, may withdraw a draft',
    )
  }
  if (draft.status === 'approved' || draft.status === 'withdrawn') {
    throw new ServiceError(409, {
      code: 'DRAFT_NOT_WITHDRAWABLE',
      zh: `草稿${STATUS_ZH[draft.status]}，不能撤回`,
      en: `the draft is ${draft.status} and cannot be withdrawn`,
    })
  }
  if (body.reason.trim().length === 0)
    throw new ServiceError(400, {
      code: 'REASON_MISSING',
      zh: '请写明撤回理由',
      en: 'give a reason',
      pointer: '/reason',
    })
  return append(rt, log, 'withdrawn', p, { reason: body.reason })
}

/** The draft, when `p` may decide on it now; else the reason why not. */
function decidable(p: Principal, log: DraftLog, reason: string): Draft {
  const draft = draftOf(log)
  if (!APPROVERS.includes(p.role))
    throw forbidden(
      `审批需要部门管理员或地区管理员（当前为 ${p.role}）`,
      `approval needs a department or region administrator (this is ${p.role})`,
    )
  if (!coversJurisdiction(p, draft.jurisdiction))
    throw forbidden(`无权审批 ${draft.jurisdiction} 的规则包`, `not in scope to approve packs of ${draft.jurisdiction}`)
  if (draft.status !== 'submitted')
    throw new ServiceError(409, {
      code: 'DRAFT_NOT_SUBMITTED',
      zh: `草稿${STATUS_ZH[draft.status]}，不在待审状态`,
      en: `the draft is ${draft.status}, not awaiting approval`,
    })
  const authors = new Set(log.events.filter((e) => e.kind !== 'approved' && e.kind !== 'rejected').map((e) => e.person))
  if (authors.has(p.subject)) {
    throw forbidden(
      '起草或提交草稿的人不能审批同一草稿，须由另一人审批',
      'whoever wrote or submitted a draft may not approve it: another person must',
    )
  }
  if (reason.trim().length === 0)
    throw new ServiceError(400, {
      code: 'REASON_MISSING',
      zh: '请写明审批理由',
      en: 'give a reason',
      pointer: '/reason',
    })
  return draft
}

/**
 * The draft's change against its base, in words and as a JSON diff.
 * @example (await draftChanges(rt, draft)).words[0].zh
 */
export async function draftChanges(rt: Runtime, draft: Draft): Promise<{ words: WordedChange[]; diff: JsonChange[] }> {
  const base = draft.baseVersion ? await packContent(rt.db, draft.baseVersion) : undefined
  return { words: describeChanges(base ?? {}, draft.pack), diff: jsonDiff(base ?? {}, draft.pack) }
}

/**
 * Every version a pack had in force, newest first: who activated it and why, the draft it came from (who proposed,
 * who approved), and its change from the version before in words.
 * @example (await packHistory(rt, 'sc.electronic-supervision'))[0].words[0].zh
 */
export async function packHistory(rt: Runtime, packId: string) {
  const list = (await activations(rt.db, packId)).reverse()
  const approvals = await rt.db
    .selectFrom('draft_events')
    .select(['draft_id', 'body', 'person'])
    .where('pack_id', '=', packId)
    .where('kind', '=', 'approved')
    .execute()
  const byVersion = new Map(approvals.map((a) => [str((a.body as Record<string, unknown>).version), a]))
  const out = []
  let previous: RulePack | undefined
  for (const a of list) {
    const content = await packContent(rt.db, a.version)
    const approval = byVersion.get(a.version)
    const log = approval ? await draftLog(rt.db, approval.draft_id) : undefined
    const draft = log ? draftOf(log) : undefined
    out.push({
      ...a,
      draftId: draft?.draftId ?? null,
      proposedBy: draft?.proposedBy ?? null,
      approvedBy: draft?.approvedBy ?? null,
      words: previous && content ? describeChanges(previous, content) : [],
    })
    if (content) previous = content
  }
  // what this server process evaluates with now: it follows the other processes' activations (LISTEN/NOTIFY)
  const inForce = rt.env().packs.find((p) => p.pack.id === packId)?.version ?? null
  return { packId, inForce, versions: out.reverse() }
}
