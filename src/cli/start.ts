/** `npm start`: evaluates the shipped example cases, prints what fired, then serves the API on the embedded database. */
import { XingquanError, formatProblem } from '../errors/xingquan-error.js'
import { loadEnvironment } from '../evaluation/environment.js'
import { loadExamples, runExample } from '../examples/run-example.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import { runServe } from '../service/serve.js'
import type { CommandResult } from './command-result.js'

export const START_USAGE = `用法 / Usage:
  xingquan start [xingquan serve 的选项 / the options of xingquan serve]

  先评估随附的样例办件并打印触发的规则，然后运行服务（同 xingquan serve）。
  Evaluates the shipped example cases and prints what fired, then serves the API (as xingquan serve does).
`

const MARK = { red: '🔴', yellow: '🟡', info: '·' } as const

/**
 * One line per shipped example: its name and what fired as of its moment (with the articles), and refusals.
 * @example console.log(summarizeExamples().stdout)
 */
export function summarizeExamples(dir = DEFAULT_RULES_DIR): CommandResult {
  try {
    const env = loadEnvironment(dir)
    const { examples, problems } = loadExamples(dir)
    const out: string[] = [
      `xingquan — ${env.packs.length} 个规则包 rule packs, 日历 calendar ${env.calendar.years.join(', ')}; ${examples.length} 个规则样例 rule examples`,
      '',
    ]
    for (const ex of examples) {
      const { replay } = runExample(env, ex)
      const seen = new Map<string, string>()
      for (const e of [...(replay?.evaluations ?? []), ...(replay?.asOf ? [replay.asOf] : [])]) {
        for (const f of e.firings)
          seen.set(f.ruleId, `${MARK[f.level]} ${f.ruleId}（${f.citation.article}${f.citation.item ?? ''}）`)
      }
      const fired = [...seen.values()]
      const refused = replay?.refused
        ? [`⛔ 拒绝 refused ${replay.refused.eventId}: ${replay.refused.problems[0]?.zh ?? ''}`]
        : []
      out.push(`${ex.example.name}`, `    ${[...fired, ...refused].join('  ') || '无触发 nothing fired'}`)
    }
    out.push('', '详情 details: npx xingquan replay CASE.json --at MOMENT；样例 examples: npx xingquan test', '')
    return {
      exitCode: problems.length > 0 ? 1 : 0,
      stdout: out.join('\n'),
      stderr: problems.map(formatProblem).join('\n'),
    }
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 1, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    throw err
  }
}

/**
 * Prints the examples' evaluations, then serves until stopped (`xingquan serve` options apply).
 * @example process.exitCode = (await runStart([])).exitCode
 */
export async function runStart(argv: readonly string[]): Promise<CommandResult> {
  const summary = summarizeExamples()
  process.stdout.write(summary.stdout)
  process.stderr.write(summary.stderr)
  if (summary.exitCode !== 0) return { exitCode: summary.exitCode, stdout: '', stderr: '' }
  return runServe(argv)
}
