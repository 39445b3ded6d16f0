/** `npm start` (until the service runs): replays the shipped example cases and prints what fired, and why. */
import { XingquanError, formatProblem } from '../errors/xingquan-error.js'
import { loadEnvironment } from '../evaluation/environment.js'
import { loadExamples, runExample } from '../examples/run-example.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import type { CommandResult } from './command-result.js'
import { formatReplay } from './format-evaluation.js'

/**
 * Replays every shipped example (events, then the evaluation as of its moment).
 * @example console.log(runStart([]).stdout)
 */
export function runStart(argv: readonly string[]): CommandResult {
  const dir = argv[0] ?? DEFAULT_RULES_DIR
  try {
    const env = loadEnvironment(dir)
    const { examples, problems } = loadExamples(dir)
    const out: string[] = [`xingquan — ${env.packs.length} 个规则包 rule packs, 日历 calendar ${env.calendar.years.join(', ')}`, '']
    for (const ex of examples) {
      const { replay, failures } = runExample(env, ex)
      out.push(`== ${ex.example.name}  (${ex.file})`)
      if (ex.example.description) out.push(`   ${ex.example.description}`)
      if (replay) out.push(formatReplay(replay))
      if (failures.length > 0) out.push(...failures.map((f) => `   ! ${f}`))
      out.push('')
    }
    return { exitCode: problems.length > 0 ? 1 : 0, stdout: `${out.join('\n')}\n`, stderr: problems.map(formatProblem).join('\n') }
  } catch (err) {
    if (err instanceof XingquanError) return { exitCode: 1, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    throw err
  }
}
