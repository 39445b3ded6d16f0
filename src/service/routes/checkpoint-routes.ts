/** Routes of signed checkpoints: the public key, take one, list them, read one; and verification against one. */
import { createPublicKey } from 'node:crypto'
import { Hono } from 'hono'
import { takeCheckpoint } from '../../checkpoint/take-checkpoint.js'
import { verifyCheckpoint } from '../../checkpoint/verify-checkpoint.js'
import { verifyChains } from '../../store/verify-chains.js'
import type { Env } from '../http-context.js'
import { coversJurisdiction, recordedBy, requireRole, scopeOf } from '../principal.js'
import { notFound, ServiceError } from '../service-error.js'

export const checkpointRoutes = new Hono<Env>()

/** Who may take, list and verify checkpoints: the roles that check the platform. */
const CHECKERS = ['auditor', 'supervisor', 'regionAdmin'] as const

checkpointRoutes.post('/checkpoints', async (c) => {
  const p = c.get('principal')
  requireRole(p, ...CHECKERS)
  const rt = c.get('runtime')
  return c.json(await takeCheckpoint(rt.db, rt.checkpointKey(), recordedBy(p)), 201)
})

checkpointRoutes.get('/checkpoints', async (c) => {
  requireRole(c.get('principal'), ...CHECKERS)
  const limit = Math.min(Math.max(Number(c.req.query('limit')) || 100, 1), 1000)
  const rows = await c
    .get('runtime')
    .db.selectFrom('checkpoints')
    .select('document')
    .orderBy('taken_at', 'desc')
    .limit(limit)
    .execute()
  return c.json(rows.map((r) => r.document))
})

checkpointRoutes.get('/checkpoints/:id', async (c) => {
  requireRole(c.get('principal'), ...CHECKERS)
  const id = c.req.param('id')
  const row = await c
    .get('runtime')
    .db.selectFrom('checkpoints')
    .select('document')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound('CHECKPOINT', `没有检查点 ${id}`, `no checkpoint ${id}`)
  return c.json(row.document)
})

/** GET /verify: every chain in scope; with `checkpoint` (its id, or the document as JSON) against it; `case` for one case. */
checkpointRoutes.get('/verify', async (c) => {
  const p = c.get('principal')
  requireRole(p, ...CHECKERS)
  const rt = c.get('runtime')
  const { checkpoint, case: caseId } = c.req.query()
  const scope = scopeOf(p)
  if (checkpoint === undefined) {
    const report = await verifyChains(
      rt.db,
      caseId !== undefined
        ? { caseIds: [caseId], jurisdictionPrefix: scope.prefix }
        : { jurisdictionPrefix: scope.prefix },
    )
    return c.json({ intact: report.broken.length === 0, ...report })
  }
  let doc: unknown
  if (checkpoint.trimStart().startsWith('{')) {
    try {
      doc = JSON.parse(checkpoint)
    } catch {
      throw new ServiceError(400, {
        code: 'CHECKPOINT_INVALID',
        zh: '检查点不是 JSON',
        en: 'the checkpoint is not JSON',
        pointer: '/checkpoint',
      })
    }
  } else {
    const row = await rt.db.selectFrom('checkpoints').select('document').where('id', '=', checkpoint).executeTakeFirst()
    if (!row) throw notFound('CHECKPOINT', `没有检查点 ${checkpoint}`, `no checkpoint ${checkpoint}`)
    doc = row.document
  }
  if (caseId !== undefined) {
    // a case outside the caller's territory is answered as one that does not exist
    const placed = await rt.db
      .selectFrom('cases')
      .select('jurisdiction')
      .where('case_id', '=', caseId)
      .executeTakeFirst()
    if (placed && !coversJurisdiction(p, placed.jurisdiction))
      throw notFound('CASE', `没有办件 ${caseId}`, `no case ${caseId}`)
  }
  const key = createPublicKey(rt.checkpointKey().publicPem)
  const options = caseId !== undefined ? { caseId } : scope.prefix !== '' ? { jurisdictionPrefix: scope.prefix } : {}
  const report = await verifyCheckpoint(rt.db, doc, key, options)
  return c.json({ intact: report.broken.length === 0, ...report })
})
