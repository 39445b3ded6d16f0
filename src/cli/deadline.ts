/** `xingquan deadline`: the due date of a period counted in working days or in calendar days. */

import { parseArgs } from 'node:util'
import { Calendar } from '../calendar/calendar.js'
import { dateOf, isIsoDate } from '../calendar/iso-date.js'
import { XingquanError, formatProblem } from '../errors/xingquan-error.js'

import { provisionalNote } from '../calendar/provisional-note.js'
import type { CommandResult } from './command-result.js'

export const DEADLINE_USAGE = `用法 / Usage:
  xingquan deadline --from <YYYY-MM-DD | ISO 8601 时刻> (--working-days N | --days N)
                    [--jurisdiction 513200]... [--calendar-dir rules/calendar]

  --from           期间开始的日期（当日不计入，民法典第二百零一条）；时刻按北京时间取日期
                   the day the period starts (not counted); a moment is taken as its date in UTC+08:00
  --working-days   N 个工作日，不计法定节假日，调休上班日计入（阿坝州办法第五十四条）
                   N working days, statutory holidays excluded, make-up working days included
  --days           N 个自然日，最后一日为休息日的顺延至其后第一个工作日（民法典第二百零三条）
                   N calendar days; a last day that is a rest day moves to the next working day
  --jurisdiction   叠加的地方节假日层（行政区划代码，可重复） / local holiday layer to apply (repeatable)
  --calendar-dir   日历目录 / calendar directory (default: the shipped rules/calendar)
`

function usageError(zh: string, en: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `[ARGUMENT_INVALID] ${zh} / ${en}\n\n${DEADLINE_USAGE}` }
}

/**
 * Runs `xingquan deadline` on its arguments (with or without the leading `deadline`) and returns what it
 * prints: the due date on stdout, exit 0; bad arguments exit 2; calendar problems (e.g. a missing year) exit 1.
 * @example runDeadline(['--from', '2025-09-26', '--working-days', '20']).stdout // '2025-10-30\n'
 */
export function runDeadline(argv: string[]): CommandResult {
  const args = argv[0] === 'deadline' ? argv.slice(1) : argv
  let values
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        from: { type: 'string' },
        'working-days': { type: 'string' },
        days: { type: 'string' },
        jurisdiction: { type: 'string', multiple: true },
        'calendar-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    return usageError(`参数有误：${(e as Error).message}`, `invalid arguments: ${(e as Error).message}`)
  }
  if (values.help) return { exitCode: 0, stdout: DEADLINE_USAGE, stderr: '' }
  if (values.from === undefined)
    return usageError('缺少 --from（期间开始的日期）', 'missing --from (the day the period starts)')
  const working = values['working-days']
  const days = values.days
  if ((working === undefined) === (days === undefined)) {
    return usageError('须且只能给出 --working-days 或 --days 之一', 'give exactly one of --working-days and --days')
  }
  const flag = working !== undefined ? '--working-days' : '--days'
  const raw = (working ?? days) as string
  if (!/^\d{1,6}$/.test(raw))
    return usageError(`${flag} 应为非负整数，收到“${raw}”`, `${flag} must be a non-negative integer, got "${raw}"`)
  const n = Number(raw)
  let from: string
  if (isIsoDate(values.from)) {
    from = values.from
  } else {
    try {
      from = dateOf(values.from)
    } catch {
      return usageError(
        `--from 应为 YYYY-MM-DD 日期或带时区的时刻，收到“${values.from}”`,
        `--from must be a YYYY-MM-DD date or a moment with offset, got "${values.from}"`,
      )
    }
  }
  try {
    const calendar = Calendar.load(values['calendar-dir'], { jurisdictions: values.jurisdiction ?? [] })
    const { result: due, provisionalYears } = calendar.observe(() =>
      working !== undefined ? calendar.addWorkingDays(from, n) : calendar.addCalendarDays(from, n),
    )
    const note = provisionalYears.length > 0 ? provisionalNote(provisionalYears) : undefined
    return { exitCode: 0, stdout: `${due}\n${note ? `注 note: ${note.zh} / ${note.en}\n` : ''}`, stderr: '' }
  } catch (e) {
    if (!(e instanceof XingquanError)) throw e
    const exitCode = e.code === 'ARGUMENT_INVALID' ? 2 : 1
    return { exitCode, stdout: '', stderr: `${e.problems.map(formatProblem).join('\n')}\n` }
  }
}
