/** `xingquan verify`: checks every case's hash chain and every stored rule pack; names the first broken row of each. */
import { parseArgs } from 'node:util'
import { formatProblem, XingquanError } from '../errors/xingquan-error.js'
import { openDatabase } from '../store/open-database.js'
import { verifyChains, type VerifyReport } from '../store/verify-chains.js'

export interface CommandResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

export const VERIFY_USAGE = `用法 / Usage:
  xingquan verify [--database-url URL | --data-dir DIR] [--case ID]... [--json]

  --database-url  PostgreSQL（默认取环境变量 DATABASE_URL）/ PostgreSQL (default: $DATABASE_URL)
  --data-dir      嵌入式数据库目录（默认 ./data；服务运行时请先停止或改用 GET /verify）
                  the embedded database's directory (default ./data; stop the server first, or use GET /verify)
  --case          只校验这些办件 / only these cases
  --json          以 JSON 输出报告 / print the report as JSON
退出码 / exit: 0 全部完好 intact · 1 有断链 broken · 2 无法校验 could not verify
`

/** The report as lines a person reads. */
export function formatVerifyReport(report: VerifyReport): string {
  const head = `校验 ${report.cases} 个办件、${report.rows} 行记录、${report.packs} 个规则包版本 / verified ${report.cases} cases, ${report.rows} rows, ${report.packs} pack versions`
  if (report.broken.length === 0) return `${head}\n全部完好 / every chain intact\n`
  const lines = report.broken.map((b) =>
    b.table === 'rule_packs'
      ? `规则包 rule pack ${b.version}: [${b.code}] ${b.zh} / ${b.en}`
      : `办件 case ${b.caseId}: ${b.table} 第 ${b.chainSeq} 行 row ${b.chainSeq}: [${b.code}] ${b.zh} / ${b.en}`,
  )
  return `${head}\n${report.broken.length} 处断链 / ${report.broken.length} broken:\n${lines.join('\n')}\n`
}

/**
 * Runs the verify command; exit 0 when every chain is intact, 1 when one is broken, 2 when it could not verify.
 * @example const { exitCode, stdout } = await runVerify(['--data-dir', './data'])
 */
export async function runVerify(argv: readonly string[]): Promise<CommandResult> {
  let args
  try {
    args = parseArgs({
      args: [...argv],
      options: { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, case: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    })
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `[ARGUMENT_INVALID] 参数有误 / bad arguments: ${(err as Error).message}\n${VERIFY_USAGE}` }
  }
  const url = args.values['database-url'] ?? (args.values['data-dir'] === undefined ? process.env.DATABASE_URL : undefined)
  let opened
  try {
    opened = await openDatabase({ url, dataDir: args.values['data-dir'] })
  } catch (err) {
    if (err instanceof XingquanError) return { exitCode: 2, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    return { exitCode: 2, stdout: '', stderr: `[DATABASE_UNAVAILABLE] 无法打开数据库 / cannot open the database: ${(err as Error).message}\n` }
  }
  try {
    const tables = await opened.db.introspection.getTables()
    if (!tables.some((t) => t.name === 'cases')) {
      return { exitCode: 2, stdout: '', stderr: `[DATABASE_EMPTY] ${opened.location} 不是 xingquan 数据库（尚未建表）/ is not a xingquan database (no tables yet)\n` }
    }
    const report = await verifyChains(opened.db, args.values.case ? { caseIds: args.values.case } : {})
    const stdout = args.values.json ? `${JSON.stringify({ intact: report.broken.length === 0, ...report }, null, 2)}\n` : formatVerifyReport(report)
    return { exitCode: report.broken.length === 0 ? 0 : 1, stdout, stderr: '' }
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `[VERIFY_FAILED] 校验出错 / verify failed: ${(err as Error).message}\n` }
  } finally {
    await opened.close()
  }
}
