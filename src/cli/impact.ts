/** `xingquan impact --draft DIR`: what a draft would change in the cases already recorded, before it is put in force. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { formatProblem, XingquanError } from '../errors/xingquan-error.js'
import { formatImpact, loadDraft, runImpact } from '../impact/index.js'
import { isMoment } from '../schema/moment-format.js'
import { openRuntime, type Runtime } from '../service/runtime.js'
import { parseCommandArgs, type CommandResult } from './command-result.js'

export const IMPACT_USAGE = `用法 usage: xingquan impact --draft DIR [--database-url URL | --data-dir DIR] [--at MOMENT] [--events-only] [--workers N] [--json]
  以草稿目录中的规则包（替换同一编号的在用规则包）和在用规则分别回放已存的每个办件，列出不同之处：级别改变的办件（按部门）、
  多触发或不再触发的规则、改变的届满日、会或不会制发的文书；先汇总，再逐个办件。不改变任何办件时如实说明。不写入任何记录。
  Replays every stored case under the draft directory's packs (each in place of the pack in force of its id) and under
  the packs in force, and lists what differs: cases whose level changes (by department), firings that appear or
  disappear, due dates that move, notices that would or would not be issued; the summary first, then each case. Says
  so when nothing changes. Writes no record.

  --draft         草稿目录（*.pack.json）/ the draft's directory of packs
  --database-url  PostgreSQL（默认取环境变量 DATABASE_URL）/ PostgreSQL (default: $DATABASE_URL)
  --data-dir      嵌入式数据库目录（默认 ./data）/ the embedded database's directory (default ./data)
  --at            回放到的时刻（默认现在）/ the moment to replay to (default: now)
  --events-only   只在事件上回放，不回放事件之间的计时日；更快，但看不到时间本身使之亮灯、制发文书的改变（默认两者都回放，
                  与服务的到期处理相同）/ replay on the events only, not on the days a clock counts between them: faster, but
                  blind to a light and its notice that time alone brings (by default both, as the service's sweep does)
  --with-sweep    默认即如此（保留以兼容）/ the default (kept for old scripts)
  --workers       工作线程数（默认每核一个，0 为本线程）/ worker threads (default one per core; 0: this thread)
  --json          以 JSON 输出 / print the report as JSON
退出码 / exit: 0 完成 done · 2 无法运行（参数、草稿或数据库有误，或没有该数据库）could not run (arguments, draft or database; or no such store)`

const fail = (code: string, zh: string, en: string): CommandResult => ({
  exitCode: 2,
  stdout: '',
  stderr: `[${code}] ${zh} / ${en}\n`,
})

/** Progress on a terminal only: a line rewritten in place on stderr. */
function progress(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined
  let last = 0
  return (done, total) => {
    const now = Date.now()
    if (done < total && now - last < 200) return
    last = now
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100
    process.stderr.write(`\r回放 replaying ${done}/${total} (${pct}%)${done >= total ? '\n' : ''}`)
  }
}

/**
 * Runs the impact command.
 * @example const { exitCode, stdout } = await runImpactCommand(['--draft', 'drafts/margin-5', '--data-dir', './data'])
 */
export async function runImpactCommand(argv: readonly string[]): Promise<CommandResult> {
  const args = parseCommandArgs(
    argv,
    {
      draft: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      at: { type: 'string' },
      workers: { type: 'string' },
      'with-sweep': { type: 'boolean' },
      'events-only': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    IMPACT_USAGE,
  )
  if ('exitCode' in args) return args
  const { values } = args
  if (values.draft === undefined)
    return fail('DRAFT_MISSING', '请用 --draft 给出草稿目录', 'give the draft directory with --draft')
  if (values.at !== undefined && !isMoment(values.at))
    return fail(
      'MOMENT_INVALID',
      `时刻“${values.at}”不是带时区的 ISO 8601 格式`,
      `"${values.at}" is not an ISO 8601 moment with an offset`,
    )
  const workers = values.workers === undefined ? undefined : Number(values.workers)
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0))
    return fail(
      'WORKERS_INVALID',
      `工作线程数“${values.workers}”应为非负整数`,
      `--workers "${values.workers}" must be a whole number, 0 or more`,
    )
  if (values['events-only'] && values['with-sweep'])
    return fail(
      'ARGUMENT_CONFLICT',
      '--events-only 与 --with-sweep 不能同时使用',
      '--events-only and --with-sweep cannot be used together',
    )
  let draft
  try {
    draft = loadDraft(values.draft)
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 2, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    throw err
  }
  const url = values['database-url'] ?? (values['data-dir'] === undefined ? process.env.DATABASE_URL : undefined)
  const dataDir = values['data-dir'] ?? './data'
  // an impact reads a store: one that is not there is an error, never a new empty one
  if (!url && !existsSync(join(dataDir, 'pglite')))
    return fail('DATA_DIR_NOT_FOUND', `${dataDir} 中没有数据库（pglite）`, `no database (pglite) in ${dataDir}`)
  let rt: Runtime | undefined
  try {
    rt = await openRuntime({ url, dataDir, installShippedPacks: false, checkpointKey: 'memory' })
    const env = rt.env()
    const onProgress = progress()
    const report = await runImpact({
      db: rt.db,
      sides: { rulesDir: rt.rulesDir, inForce: env.packs, draft, catalog: env.catalog },
      at: values.at ?? new Date().toISOString(),
      ...(workers !== undefined ? { workers } : {}),
      sweep: !values['events-only'],
      ...(onProgress ? { onProgress } : {}),
    })
    return {
      exitCode: 0,
      stdout: values.json ? `${JSON.stringify(report, null, 2)}\n` : formatImpact(report),
      stderr: '',
    }
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 2, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    return fail('IMPACT_FAILED', `无法运行：${(err as Error).message}`, `could not run: ${(err as Error).message}`)
  } finally {
    await rt?.close()
  }
}
