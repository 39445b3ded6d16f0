/** The commands of the xingquan CLI, each with its usage: `xingquan CMD --help` prints that usage and exits 0. */
import type { CommandResult } from './command-result.js'
import { DEADLINE_USAGE, runDeadline } from './deadline.js'
import { LINT_USAGE, runLint } from './lint.js'
import { NOTICE_USAGE, runNotice } from './notice.js'
import { REPLAY_USAGE, runReplay } from './replay.js'
import { REPORT_USAGE, runReport } from './report.js'
import { START_USAGE, runStart } from './start.js'
import { TEST_USAGE, runTestExamples } from './test-examples.js'
import { SERVE_USAGE, runServe } from '../service/serve.js'
import { VERIFY_USAGE, runVerify } from '../service/verify-command.js'
import { CHECKPOINT_USAGE, runCheckpoint } from '../checkpoint/checkpoint-command.js'
import { RECALENDAR_USAGE, runRecalendar } from '../service/recalendar-command.js'
import { IMPACT_USAGE, runImpactCommand } from './impact.js'

export const HELP = `xingquan — 行政权力依法规范公开运行 规则引擎 / rules engine

用法 usage:
  xingquan deadline --from DATE (--working-days N | --days N)   计算期限 / compute a due date
  xingquan replay CASE.json [--at MOMENT] [--json]              回放办件 / replay a case
  xingquan lint [DIR]                                           检查规则 / lint rule packs
  xingquan test [DIR]                                           运行样例 / run rule examples
  xingquan notice CASE.json (--event N | --at MOMENT) [--format text|html|pdf] [--out FILE] [--rule ID] [--issue]
                                                                预览文书（--issue 才取号）/ preview notices (--issue takes numbers)
  xingquan serve [--port 8080] [--database-url URL | --data-dir ./data]
                                                                运行服务 / serve the API (PGlite by default, PostgreSQL with DATABASE_URL)
  xingquan verify [--database-url URL | --data-dir ./data] [--case ID] [--checkpoint FILE]
                                                                核验哈希链、投影，或对照检查点 / verify chains, projections, or against a checkpoint
  xingquan checkpoint [--database-url URL | --data-dir ./data] [--out FILE]
                                                                取签名检查点 / take a signed checkpoint
  xingquan report --organ ORGAN (--month 2026-11 | --quarter 2026-Q4 | --year 2026) [--format text|json|html|pdf] [--out FILE]
                                                                电子监察工作月报、季报、年报 / the monthly, quarterly or annual supervision report
  xingquan recalendar [--database-url URL | --data-dir ./data] [--dry-run]
                                                                加入某年节假日通知后：期限改变的办件并重新评估 / after a year's notice: cases whose due dates move, re-evaluated
  xingquan impact --draft DIR [--database-url URL | --data-dir ./data] [--at MOMENT] [--json]
                                                                草稿对已存办件的影响 / what a draft would change in the stored cases
  xingquan start                                                样例评估后运行服务 / evaluate the examples, then serve

  xingquan COMMAND --help                                       该命令的用法 / that command's usage
`

interface Command {
  readonly run: (argv: string[]) => CommandResult | Promise<CommandResult>
  readonly usage: string
}

const COMMANDS: Readonly<Record<string, Command>> = {
  deadline: { run: runDeadline, usage: DEADLINE_USAGE },
  replay: { run: runReplay, usage: REPLAY_USAGE },
  lint: { run: (argv) => runLint(argv), usage: LINT_USAGE },
  test: { run: runTestExamples, usage: TEST_USAGE },
  notice: { run: runNotice, usage: NOTICE_USAGE },
  start: { run: runStart, usage: START_USAGE },
  serve: { run: runServe, usage: SERVE_USAGE },
  verify: { run: runVerify, usage: VERIFY_USAGE },
  checkpoint: { run: runCheckpoint, usage: CHECKPOINT_USAGE },
  report: { run: runReport, usage: REPORT_USAGE },
  recalendar: { run: runRecalendar, usage: RECALENDAR_USAGE },
  impact: { run: runImpactCommand, usage: IMPACT_USAGE },
}

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`)

/** True when the options before a `--` ask for help. */
const asksForHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--')
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')
}

/**
 * Runs one command line (without `node` and the script): the command's result, its usage for `--help`, or the list
 * of commands (exit 0 when asked for, 2 for an unknown command).
 * @example const { exitCode, stdout } = await runCli(['serve', '--help']) // 0, serve's usage
 */
export async function runCli(argv: readonly string[]): Promise<CommandResult> {
  const [name, ...rest] = argv
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!command) {
    const asked = name === undefined || name === 'help' || name === '--help' || name === '-h'
    if (asked) return { exitCode: 0, stdout: HELP, stderr: '' }
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[COMMAND_UNKNOWN] 未知的命令“${name}” / unknown command "${name}"\n\n${HELP}`,
    }
  }
  if (asksForHelp(rest)) return { exitCode: 0, stdout: withNewline(command.usage), stderr: '' }
  return command.run(rest)
}
