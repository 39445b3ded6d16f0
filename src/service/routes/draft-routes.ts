/** Routes of drafts: open, save, lint, examples, try a case, notice preview, impact, submit, approve, reject, withdraw, changes. */
import { Hono, type Context } from 'hono'
import type { DraftDecision, DraftOpen, DraftSave, DraftTry, RulePack } from '../../types/generated.js'
import { readJson, readOptionalJson, type Env } from '../http-context.js'
import { checkBody } from '../input-validator.js'
import { getImpactJob, startImpact } from '../draft-impact.js'
import {
  approveDraft,
  draftChanges,
  getDraft,
  listDrafts,
  openDraft,
  rejectDraft,
  saveDraft,
  submitDraft,
  withdrawDraft,
  type DraftExample,
} from '../draft-service.js'
import {
  caseToTry,
  evaluateUnderDraft,
  exampleFromCase,
  lintContent,
  previewNotices,
  runDraftExamples,
} from '../draft-try.js'
import { ServiceError } from '../service-error.js'

export const draftRoutes = new Hono<Env>()

const ctx = (c: Context<Env>) => ({ rt: c.get('runtime'), p: c.get('principal'), id: c.req.param('draftId') ?? '' })
const reasonRequired = (body: DraftDecision) => {
  if (!body.reason?.trim())
    throw new ServiceError(400, { code: 'REASON_MISSING', zh: '请写明理由', en: 'give a reason', pointer: '/reason' })
  return { reason: body.reason }
}

draftRoutes.get('/', async (c) => c.json(await listDrafts(c.get('runtime'), c.get('principal'), c.req.query('packId'))))

draftRoutes.post('/', async (c) => {
  const body = checkBody<DraftOpen>('draft-open', await readJson(c))
  return c.json(await openDraft(c.get('runtime'), c.get('principal'), body), 201)
})

draftRoutes.get('/:draftId', async (c) => {
  const { rt, p, id } = ctx(c)
  return c.json(await getDraft(rt, p, id))
})

draftRoutes.put('/:draftId', async (c) => {
  const { rt, p, id } = ctx(c)
  const body = checkBody<DraftSave>('draft-save', await readJson(c))
  return c.json(await saveDraft(rt, p, id, body as { pack: unknown; examples?: DraftExample[]; note?: string }))
})

draftRoutes.post('/:draftId/lint', async (c) => {
  const { rt, p, id } = ctx(c)
  const draft = await getDraft(rt, p, id)
  const given = await readOptionalJson(c)
  const pack = given === undefined ? draft.pack : checkBody<DraftSave>('draft-save', given).pack
  return c.json(await lintContent(rt, pack))
})

draftRoutes.post('/:draftId/examples', async (c) => {
  const { rt, p, id } = ctx(c)
  const draft = await getDraft(rt, p, id)
  const raw = await readOptionalJson(c)
  const given = raw === undefined ? undefined : checkBody<DraftSave>('draft-save', raw)
  const examples = runDraftExamples(
    rt,
    given
      ? {
          pack: given.pack as unknown as RulePack,
          examples: (given.examples as DraftExample[] | undefined) ?? draft.examples,
        }
      : draft,
  )
  return c.json({
    passed: examples.filter((e) => e.passed).length,
    failed: examples.filter((e) => !e.passed).length,
    examples,
  })
})

/** The try body, with the case it names loaded within the caller's scope. */
async function tryBody(c: Context<Env>) {
  const { rt, p, id } = ctx(c)
  const draft = await getDraft(rt, p, id)
  const body = checkBody<DraftTry>('draft-try', await readJson(c))
  const caseFile = await caseToTry(rt, p, body)
  return { rt, draft, body, caseFile, pack: (body.pack as RulePack | undefined) ?? draft.pack }
}

draftRoutes.post('/:draftId/evaluate', async (c) => {
  const { rt, body, caseFile, pack } = await tryBody(c)
  return c.json({ caseId: caseFile.caseId, at: body.at, ...evaluateUnderDraft(rt, pack, caseFile, body.at) })
})

draftRoutes.post('/:draftId/example-from-case', async (c) => {
  const { rt, body, caseFile, pack } = await tryBody(c)
  return c.json(exampleFromCase(rt, pack, caseFile, body.at, body.name ?? `办件 ${caseFile.caseId} 在 ${body.at}`), 201)
})

draftRoutes.post('/:draftId/notice-preview', async (c) => {
  const { rt, body, caseFile, pack } = await tryBody(c)
  return c.json({ notices: await previewNotices(rt, pack, caseFile, body.at, body.rule) })
})

draftRoutes.post('/:draftId/impact', async (c) => {
  const { rt, p, id } = ctx(c)
  const draft = await getDraft(rt, p, id)
  const at = c.req.query('at')
  return c.json(
    await startImpact(rt, p, draft.draftId, draft.pack, at, { sweep: c.req.query('sweep') === 'true' }),
    202,
  )
})

draftRoutes.get('/:draftId/impact/:jobId', async (c) => {
  const { rt, p, id } = ctx(c)
  await getDraft(rt, p, id)
  return c.json(await getImpactJob(rt, p, id, c.req.param('jobId')))
})

draftRoutes.get('/:draftId/changes', async (c) => {
  const { rt, p, id } = ctx(c)
  const draft = await getDraft(rt, p, id)
  return c.json({
    draftId: draft.draftId,
    proposedBy: draft.proposedBy,
    approvedBy: draft.approvedBy,
    ...(await draftChanges(rt, draft)),
  })
})

draftRoutes.post('/:draftId/submit', async (c) => {
  const { rt, p, id } = ctx(c)
  const body = checkBody<DraftDecision>('draft-decision', await readJson(c))
  return c.json(await submitDraft(rt, p, id, body.note !== undefined ? { note: body.note } : {}))
})

draftRoutes.post('/:draftId/approve', async (c) => {
  const { rt, p, id } = ctx(c)
  return c.json(
    await approveDraft(rt, p, id, reasonRequired(checkBody<DraftDecision>('draft-decision', await readJson(c)))),
  )
})

draftRoutes.post('/:draftId/reject', async (c) => {
  const { rt, p, id } = ctx(c)
  return c.json(
    await rejectDraft(rt, p, id, reasonRequired(checkBody<DraftDecision>('draft-decision', await readJson(c)))),
  )
})

draftRoutes.post('/:draftId/withdraw', async (c) => {
  const { rt, p, id } = ctx(c)
  return c.json(
    await withdrawDraft(rt, p, id, reasonRequired(checkBody<DraftDecision>('draft-decision', await readJson(c)))),
  )
})
