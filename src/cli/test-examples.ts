/** `xingquan test [DIR]`: runs the examples kept beside the rules, and checks every rule has one that fires and one that does not. */
import { XingquanError, formatProblem } from '../errors/xingquan-error.js'
import { loadEnvironment } from '../evaluation/environment.js'
import { loadExamples, runExample } from '../examples/run-example.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import { directoryMissing, parseCommandArgs, type CommandResult } from './command-result.js'

export const TEST_USAGE = `用法 usage: xingquan test [DIR]
  运行规则旁的样例（默认 rules/），并检查每条规则都有触发与不触发的样例；有失败时退出码为 1
  runs the examples kept beside the rules (default rules/) and checks that every rule has one that fires and one
  that stays silent; exit 1 on any failure`

/**
 * Runs every example; exit 1 when one fails or a rule lacks a firing or a silent example.
 * @example runTestExamples(['rules'])
 */
export function runTestExamples(argv: readonly string[]): CommandResult {
  const args = parseCommandArgs(argv, {}, TEST_USAGE)
  if ('exitCode' in args) return args
  const dir = args.positionals[0] ?? DEFAULT_RULES_DIR
  const missing = directoryMissing(dir)
  if (missing) return missing
  let env
  try {
    env = loadEnvironment(dir)
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 1, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    throw err
  }
  const { examples, problems } = loadExamples(dir)
  const lines: string[] = problems.map(formatProblem)
  let failed = problems.length
  const fires = new Set<string>()
  const silent = new Set<string>()
  const relieved = new Set<string>()
  for (const ex of examples) {
    const outcome = runExample(env, ex)
    for (const id of [...(ex.example.expect.fires ?? []), ...(ex.example.expect.firesAt ?? [])]) fires.add(id)
    for (const id of [...(ex.example.expect.silent ?? []), ...(ex.example.expect.silentAt ?? [])]) silent.add(id)
    for (const id of [...(ex.example.expect.cleared ?? []), ...(ex.example.expect.reduced ?? [])]) relieved.add(id)
    if (outcome.failures.length === 0) lines.push(`通过 PASS  ${ex.file}  ${ex.example.name}`)
    else {
      failed++
      lines.push(`失败 FAIL  ${ex.file}  ${ex.example.name}`, ...outcome.failures.map((f) => `      ${f}`))
    }
  }
  for (const { pack, file } of env.packs) {
    for (const rule of pack.rules) {
      const missing = [!fires.has(rule.id) ? '触发 firing' : '', !silent.has(rule.id) ? '不触发 silent' : ''].filter(
        Boolean,
      )
      if (missing.length > 0) {
        failed++
        lines.push(
          `缺样例 MISSING  ${file}  ${rule.id}: 缺少${missing.join('、')}的样例 / needs a ${missing.map((m) => m.split(' ')[1]).join(' and a ')} example`,
        )
      }
    }
  }
  // every trigger that an exemption or mitigation applies to needs the path where it is cleared or reduced
  const targets = new Map<string, string>()
  for (const { pack, file } of env.packs)
    for (const rule of pack.rules) for (const id of rule.appliesTo ?? []) if (!targets.has(id)) targets.set(id, file)
  for (const [id, file] of targets) {
    if (relieved.has(id)) continue
    failed++
    lines.push(
      `缺样例 MISSING  ${file}  ${id}: 缺少被免除或从轻的样例 / needs an example where an exemption or mitigation clears or reduces it`,
    )
  }
  lines.push(`${examples.length - Math.min(failed, examples.length)} passed, ${failed} failed`)
  return { exitCode: failed === 0 ? 0 : 1, stdout: `${lines.join('\n')}\n`, stderr: '' }
}
