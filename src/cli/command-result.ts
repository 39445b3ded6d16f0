/** What a CLI command gives back: its exit code and what it prints, so that tests need no process. */
import { existsSync, statSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'

export interface CommandResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * node:util parseArgs, strict, with a bilingual usage error (exit 2) instead of a throw.
 * @example const args = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE); if ('exitCode' in args) return args
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
  usage: string,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> | CommandResult {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (err) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] 参数有误 / bad arguments: ${(err as Error).message}\n${usage}\n`,
    }
  }
}

/**
 * The error (exit 2) for a directory argument that is not a directory, or undefined when it is one.
 * @example const missing = directoryMissing(dir); if (missing) return missing
 */
export function directoryMissing(dir: string): CommandResult | undefined {
  if (existsSync(dir) && statSync(dir).isDirectory()) return undefined
  return { exitCode: 2, stdout: '', stderr: `[DIRECTORY_NOT_FOUND] 找不到目录 directory not found: ${dir}\n` }
}
