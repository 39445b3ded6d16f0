/** `xingquan report`: an organ's monthly, quarterly or annual supervision report from the stored records, as text, JSON, HTML or PDF. */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { formatProblem, XingquanError } from '../errors/xingquan-error.js'
import { htmlToPdf } from '../print/chromium-pdf.js'
import { figureValues } from '../report/figure-values.js'
import { reportHtml } from '../report/report-html.js'
import { FIGURES, type SupervisionReport } from '../report/supervision-report.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import { buildReport } from '../service/report-service.js'
import { openDatabase } from '../store/open-database.js'
import type { CommandResult } from './command-result.js'

export const REPORT_USAGE = `用法 / Usage:
  xingquan report --organ ORGAN (--month 2026-11 | --quarter 2026-Q4 | --year 2026) [--format text|json|html|pdf] [--out FILE]
                  [--database-url URL | --data-dir ./data]

  --organ    机关编号（如 513222.supervision-commission）或行政区划代码（取该地监察机关）
             an organ id (e.g. 513222.supervision-commission) or a division code (its supervisory organ)
  --format   text（默认）、json、html（A4 打印页）、pdf（经 Chromium，需 --out）
             text (default), json, html (A4 printable page), pdf (through Chromium; needs --out)
  数据库：服务运行时请先停止（PGlite 只能由一个进程打开），或在网页“监察报告”中生成。
  The database: stop the server first (PGlite is opened by one process only), or make the report in the pages.
退出码 / exit: 0 成功 done · 2 参数或环境有误 bad arguments or environment
`

/** The report as lines a person reads: figures, then what each means. */
export function formatReport(r: SupervisionReport): string {
  const values = figureValues(r)
  const lines = [r.title, `范围 / scope: ${r.scope.name}（${r.scope.code}）`, '']
  for (const d of FIGURES) lines.push(`${d.zh} / ${d.en}: ${values[d.id]}`)
  if (r.figures.byDepartment.length > 0)
    lines.push(
      '',
      '按部门 / by department:',
      ...r.figures.byDepartment.map((d) => `  ${d.name}: 黄 ${d.yellow} 红 ${d.red}`),
    )
  if (r.figures.byArticle.length > 0)
    lines.push(
      '',
      '按条款 / by article:',
      ...r.figures.byArticle.map((a) => `  ${a.document} ${a.article}: 黄 ${a.yellow} 红 ${a.red}`),
    )
  lines.push('', '说明 / notes:', ...FIGURES.map((d) => `  ${d.zh}：${d.meaningZh}`), '')
  return lines.join('\n')
}

/**
 * Runs the report command.
 * @example const { stdout } = await runReport(['--organ', '513222', '--month', '2026-11'])
 */
export async function runReport(argv: readonly string[]): Promise<CommandResult> {
  let v
  try {
    v = parseArgs({
      args: [...argv],
      options: {
        organ: { type: 'string' },
        month: { type: 'string' },
        quarter: { type: 'string' },
        year: { type: 'string' },
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (err) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] 参数有误 / bad arguments: ${(err as Error).message}\n${REPORT_USAGE}`,
    }
  }
  const given = [v.month, v.quarter, v.year].filter((x) => x !== undefined)
  const period = given[0]
  const format = v.format ?? 'text'
  if (
    !v.organ ||
    !period ||
    given.length > 1 ||
    !['text', 'json', 'html', 'pdf'].includes(format) ||
    (format === 'pdf' && !v.out)
  ) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] 需要 --organ 和 --month、--quarter、--year 之一；pdf 需要 --out / --organ and one of --month, --quarter, --year are needed; pdf needs --out\n${REPORT_USAGE}`,
    }
  }
  const url = v['database-url'] ?? (v['data-dir'] === undefined ? process.env.DATABASE_URL : undefined)
  let opened
  try {
    opened = await openDatabase({ url, dataDir: v['data-dir'] })
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 2, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[DATABASE_UNAVAILABLE] 无法打开数据库 / cannot open the database: ${(err as Error).message}\n`,
    }
  }
  try {
    const tables = await opened.db.introspection.getTables()
    if (!tables.some((t) => t.name === 'cases'))
      return {
        exitCode: 2,
        stdout: '',
        stderr: `[DATABASE_EMPTY] ${opened.location} 不是 xingquan 数据库（尚未建表）/ is not a xingquan database (no tables yet)\n`,
      }
    const report = await buildReport(
      { db: opened.db, rulesDir: DEFAULT_RULES_DIR, clock: () => new Date() },
      null,
      v.organ,
      period,
    )
    if (format === 'pdf') {
      writeFileSync(v.out!, await htmlToPdf(reportHtml(report)))
      return { exitCode: 0, stdout: '', stderr: `已写出 / wrote ${v.out}\n` }
    }
    const text =
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'html'
          ? reportHtml(report)
          : formatReport(report)
    if (v.out) {
      writeFileSync(v.out, text)
      return { exitCode: 0, stdout: '', stderr: `已写出 / wrote ${v.out}\n` }
    }
    return { exitCode: 0, stdout: text, stderr: '' }
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 2, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    throw err
  } finally {
    await opened.close()
  }
}
