/** `xingquan replay CASE.json [--at moment] [--json] [--rules DIR]`: each event's evaluation and the one as of a moment. */
import { readFileSync } from 'node:fs'
import { XingquanError, formatProblem } from '../errors/xingquan-error.js'
import { loadEnvironment } from '../evaluation/environment.js'
import { replayCase } from '../evaluation/replay.js'
import { parseAndValidate } from '../schema/validator.js'
import type { CaseFile } from '../types/generated.js'
import { parseCommandArgs, type CommandResult } from './command-result.js'
import { formatReplay, replayJson } from './format-evaluation.js'

export const REPLAY_USAGE =
  '用法 usage: xingquan replay CASE.json [--at 2025-10-31T09:00:00+08:00] [--json] [--rules DIR]'

/**
 * Runs the replay command.
 * @example runReplay(['examples/cases/food-licence.json', '--at', '2025-10-31T09:00:00+08:00'])
 */
export function runReplay(argv: readonly string[]): CommandResult {
  const args = parseCommandArgs(
    argv,
    { at: { type: 'string' }, json: { type: 'boolean' }, rules: { type: 'string' } },
    REPLAY_USAGE,
  )
  if ('exitCode' in args) return args
  const file = args.positionals[0]
  const { at, json, rules } = args.values
  if (!file || (at !== undefined && (Number.isNaN(Date.parse(at)) || !/([zZ]|[+-]\d\d:\d\d)$/.test(at)))) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `${REPLAY_USAGE}\n--at 须为带时区的 ISO 8601 时刻 / --at must be an ISO 8601 moment with an offset\n`,
    }
  }
  try {
    const env = loadEnvironment(rules)
    const caseFile = parseAndValidate<CaseFile>('case-file', readFileSync(file, 'utf8'), file)
    const replay = replayCase(env, caseFile, at !== undefined ? { at } : {})
    const stdout = `${json ? replayJson(replay) : formatReplay(replay)}\n`
    return { exitCode: replay.refused ? 1 : 0, stdout, stderr: '' }
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 1, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { exitCode: 1, stdout: '', stderr: `找不到文件 file not found: ${file}\n` }
    throw err
  }
}
