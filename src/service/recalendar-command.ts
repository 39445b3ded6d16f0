/** `xingquan recalendar`: after a year's notice is added, which open cases' due dates move; they are re-evaluated. */
import { parseArgs } from 'node:util'
import { formatProblem, XingquanError } from '../errors/xingquan-error.js'
import { recalendar, type RecalendarReport } from './recalendar.js'
import { openRuntime } from './runtime.js'
import { templateNotices } from './template-notices.js'
import type { CommandResult } from './verify-command.js'

export const RECALENDAR_USAGE = `用法 / Usage:
  xingquan recalendar [--database-url URL | --data-dir DIR] [--dry-run] [--json]

  在 rules/calendar/ 加入某年国务院办公厅的节假日安排通知（或更正日历）之后运行：列出期限因此改变的未办结办件，
  并按新的日历重新评估（记录新的评估及其文书）。服务运行时会在日历目录变化时自动这样做（此时 PGlite 目录被服务占用，无需也无法运行本命令）。
  Run after adding a year's notice to rules/calendar/ (or correcting the calendar): lists the open cases whose due
  dates move, and re-evaluates them on the new calendar (a new evaluation and its notices). A running service does
  this itself when the calendar directory changes (its PGlite directory is then in use: no need to run this).

  --database-url  PostgreSQL（默认取环境变量 DATABASE_URL）/ PostgreSQL (default: $DATABASE_URL)
  --data-dir      嵌入式数据库目录（默认 ./data）/ the embedded database's directory (default ./data)
  --dry-run       只列出，不重新评估 / list only, re-evaluate nothing
  --json          以 JSON 输出 / print the report as JSON
退出码 / exit: 0 完成 done · 2 无法运行 could not run
`

const dates = (d: {
  statutoryDueDate: string | null
  promisedDueDate: string | null
  provisionalYears: readonly number[]
}) =>
  `法定 statutory ${d.statutoryDueDate ?? '—'}，承诺 promised ${d.promisedDueDate ?? '—'}${d.provisionalYears.length > 0 ? `（临时年度 provisional ${d.provisionalYears.join('、')}）` : ''}`

/**
 * The report as lines a person reads.
 * @example formatRecalendar({ open: 3, moved: [], evaluated: 0 }) // '日历变更：3 个未办结办件，期限均未改变 / …'
 */
export function formatRecalendar(report: RecalendarReport): string {
  if (report.moved.length === 0)
    return `日历变更：${report.open} 个未办结办件，期限均未改变 / calendar changed: ${report.open} open cases, no due date moves\n`
  const lines = report.moved.map((m) => `  ${m.caseId}: ${dates(m.before)} → ${dates(m.after)}`)
  return [
    `日历变更：${report.open} 个未办结办件中 ${report.moved.length} 个的期限改变，已重新评估 ${report.evaluated} 个 / calendar changed: due dates move for ${report.moved.length} of ${report.open} open cases; ${report.evaluated} re-evaluated`,
    ...lines,
    '',
  ].join('\n')
}

/**
 * Runs the recalendar command.
 * @example const { exitCode, stdout } = await runRecalendar(['--data-dir', './data', '--dry-run'])
 */
export async function runRecalendar(argv: readonly string[]): Promise<CommandResult> {
  let args
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    })
  } catch (err) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] 参数有误 / bad arguments: ${(err as Error).message}\n${RECALENDAR_USAGE}`,
    }
  }
  const url =
    args.values['database-url'] ?? (args.values['data-dir'] === undefined ? process.env.DATABASE_URL : undefined)
  let rt: Awaited<ReturnType<typeof openRuntime>> | undefined
  try {
    rt = await openRuntime({ url, dataDir: args.values['data-dir'], notices: templateNotices(() => rt!.env()) })
    const report = await recalendar(rt, { dryRun: args.values['dry-run'] ?? false })
    return {
      exitCode: 0,
      stdout: args.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatRecalendar(report),
      stderr: '',
    }
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 2, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[RECALENDAR_FAILED] 无法运行 / could not run: ${(err as Error).message}\n`,
    }
  } finally {
    await rt?.close()
  }
}
