/** Routes for supervisors and auditors: the alarm board and a case's chain verification. */
import { Hono } from 'hono'
import { alarmBoard } from '../alarm-board.js'
import { caseAsOf, caseExport, caseVerification } from '../case-audit.js'
import type { Env } from '../http-context.js'
import { ServiceError } from '../service-error.js'
import { pdfBytes } from '../pdf-response.js'
import { reportHtml } from '../../report/report-html.js'
import { buildReport, reportOrgans } from '../report-service.js'

export const auditRoutes = new Hono<Env>()

auditRoutes.get('/alerts/board', async (c) => {
  const { level, department, article, ruleId } = c.req.query()
  if (level !== undefined && level !== 'yellow' && level !== 'red') {
    throw new ServiceError(400, {
      code: 'LEVEL_INVALID',
      zh: '级别应为 yellow 或 red',
      en: 'level must be yellow or red',
      pointer: '/level',
    })
  }
  return c.json(
    await alarmBoard(c.get('runtime'), c.get('principal'), {
      ...(level ? { level } : {}),
      ...(department ? { department } : {}),
      ...(article ? { article } : {}),
      ...(ruleId ? { ruleId } : {}),
    }),
  )
})

auditRoutes.get('/cases/:caseId/verification', async (c) => {
  return c.json(await caseVerification(c.get('runtime'), c.get('principal'), c.req.param('caseId')))
})

auditRoutes.get('/cases/:caseId/as-of', async (c) => {
  const rt = c.get('runtime')
  const at = c.req.query('at') ?? ''
  if (Number.isNaN(Date.parse(at)) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) {
    throw new ServiceError(400, {
      code: 'MOMENT_INVALID',
      zh: `时刻“${at}”不是 ISO 8601 格式`,
      en: `"${at}" is not an ISO 8601 moment`,
      pointer: '/at',
    })
  }
  return c.json(await caseAsOf(rt, c.get('principal'), c.req.param('caseId'), at))
})

auditRoutes.get('/cases/:caseId/export', async (c) =>
  c.json(await caseExport(c.get('runtime'), c.get('principal'), c.req.param('caseId'))),
)

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`

auditRoutes.get('/reports/supervision', async (c) => {
  const { organ, period, format } = c.req.query()
  if (!organ || !period)
    throw new ServiceError(400, {
      code: 'PARAMETER_MISSING',
      zh: '需要 organ（机关编号或行政区划代码）和 period（2026-11、2026-Q4 或 2026）',
      en: 'organ (an organ id or a division code) and period (2026-11, 2026-Q4 or 2026) are required',
      pointer: organ ? '/period' : '/organ',
    })
  const report = await buildReport(c.get('runtime'), c.get('principal'), organ, period)
  if (format === 'html') return c.html(reportHtml(report))
  if (format === 'pdf')
    return c.body(await pdfBytes(reportHtml(report)), 200, {
      'content-type': 'application/pdf',
      'content-disposition': attachment(`${report.title}.pdf`),
    })
  return c.json(report)
})

auditRoutes.get('/reports/organs', (c) => c.json({ organs: reportOrgans(c.get('runtime'), c.get('principal')) }))
