/** `xingquan lint [DIR]`: validates the rule packs, examples and calendar of a rules directory; exit 1 on any error. */
import { fileURLToPath } from 'node:url'
import { formatProblem } from '../errors/xingquan-error.js'
import { lintRules } from '../lint/lint-packs.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import { directoryMissing, parseCommandArgs, type CommandResult } from './command-result.js'

export const LINT_USAGE = `用法 usage: xingquan lint [DIR] [--templates DIR]
  检查规则包、样例、日历和文书模板（默认 rules/ 与 templates/）；有错误时退出码为 1
  checks the rule packs, examples, calendar and notice templates (default rules/ and templates/); exit 1 on any error`

export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates', import.meta.url))

/**
 * Runs lint; `today` decides which packs have expired.
 * @example runLint(['rules'], '2026-11-26')
 */
export function runLint(argv: readonly string[], today = new Date().toISOString().slice(0, 10)): CommandResult {
  const args = parseCommandArgs(argv, { templates: { type: 'string' } }, LINT_USAGE)
  if ('exitCode' in args) return args
  const dir = args.positionals[0] ?? DEFAULT_RULES_DIR
  const missing = directoryMissing(dir)
  if (missing) return missing
  const problems = lintRules(dir, { today, templatesDir: args.values.templates ?? DEFAULT_TEMPLATES_DIR })
  const errors = problems.filter((p) => (p.severity ?? 'error') === 'error')
  const lines = problems.map(formatProblem)
  const summary =
    errors.length === 0
      ? `规则检查通过 lint passed: ${problems.length - errors.length} 条警告或提示 warnings/notes`
      : `规则检查未通过 lint failed: ${errors.length} 个错误 errors`
  return { exitCode: errors.length === 0 ? 0 : 1, stdout: `${[...lines, summary].join('\n')}\n`, stderr: '' }
}
