/** Routes of cases: open, append events, read state, evaluations with their trace, notices. */
import { Hono, type MiddlewareHandler } from 'hono'
import { appendEvent } from '../append-event.js'
import {
  getCase,
  getEvaluation,
  getNotice,
  listCases,
  listEvaluations,
  listEvents,
  listNotices,
  noticeSummary,
  replayEvaluation,
} from '../case-reader.js'
import { intParam, readJson, type Env } from '../http-context.js'
import { checkBody, checkCaseId } from '../input-validator.js'
import { ServiceError } from '../service-error.js'
import { pdfBytes } from '../pdf-response.js'
import { referenceCheckOfCase } from '../reference-verify.js'

export const caseRoutes = new Hono<Env>()

// a case id in the path is checked against its schema before anything reads the database
const caseIdInPath: MiddlewareHandler<Env> = async (c, next) => {
  checkCaseId(c.req.param('caseId') ?? '')
  await next()
}
caseRoutes.use('/:caseId', caseIdInPath)
caseRoutes.use('/:caseId/*', caseIdInPath)

caseRoutes.post('/', async (c) => {
  const body = checkBody<{ caseId: string; event: unknown }>('create-case', await readJson(c))
  const result = await appendEvent(c.get('runtime'), c.get('principal'), body.caseId, body.event)
  if (!result.duplicate && result.sequence !== 1) {
    throw new ServiceError(409, {
      code: 'CASE_EXISTS',
      zh: `办件 ${body.caseId} 已存在`,
      en: `case ${body.caseId} already exists`,
      pointer: '/caseId',
    })
  }
  return c.json(result, result.duplicate ? 200 : 201)
})

caseRoutes.get('/', async (c) => {
  const q = c.req.query()
  const overdue = q.overdue === undefined ? undefined : q.overdue === 'true'
  return c.json(
    await listCases(c.get('runtime'), c.get('principal'), {
      ...(q.department ? { department: q.department } : {}),
      ...(q.level ? { level: q.level } : {}),
      ...(overdue !== undefined ? { overdue } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.limit ? { limit: Number(q.limit) || 100 } : {}),
      ...(q.after ? { after: q.after } : {}),
    }),
  )
})

caseRoutes.get('/:caseId', async (c) => {
  const at = c.req.query('at')
  return c.json(
    await getCase(c.get('runtime'), c.get('principal'), c.req.param('caseId'), at !== undefined ? { at } : {}),
  )
})

caseRoutes.post('/:caseId/events', async (c) => {
  const result = await appendEvent(c.get('runtime'), c.get('principal'), c.req.param('caseId'), await readJson(c))
  return c.json(result, result.duplicate ? 200 : 201)
})

caseRoutes.get('/:caseId/events', async (c) =>
  c.json(await listEvents(c.get('runtime'), c.get('principal'), c.req.param('caseId'))),
)

caseRoutes.get('/:caseId/evaluations', async (c) =>
  c.json(await listEvaluations(c.get('runtime'), c.get('principal'), c.req.param('caseId'))),
)

caseRoutes.get('/:caseId/evaluations/:seq', async (c) =>
  c.json(await getEvaluation(c.get('runtime'), c.get('principal'), c.req.param('caseId'), intParam(c, 'seq'))),
)

caseRoutes.get('/:caseId/evaluations/:seq/replay', async (c) =>
  c.json(await replayEvaluation(c.get('runtime'), c.get('principal'), c.req.param('caseId'), intParam(c, 'seq'))),
)

caseRoutes.get('/:caseId/reference', async (c) =>
  c.json(await referenceCheckOfCase(c.get('runtime'), c.get('principal'), c.req.param('caseId'))),
)

caseRoutes.get('/:caseId/notices', async (c) =>
  c.json(await listNotices(c.get('runtime'), c.get('principal'), c.req.param('caseId'))),
)

caseRoutes.get('/:caseId/notices/:seq', async (c) => {
  const n = await getNotice(c.get('runtime'), c.get('principal'), c.req.param('caseId'), intParam(c, 'seq'))
  const format = c.req.query('format')
  if (format === 'html') return c.html(n.html)
  if (format === 'text') return c.text(n.text)
  if (format === 'pdf') {
    return c.body(await pdfBytes(n.html), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${n.number ?? n.title}.pdf`)}`,
    })
  }
  return c.json({ caseId: n.case_id, ...noticeSummary(n), html: n.html, text: n.text, hash: n.hash })
})
