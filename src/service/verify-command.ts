/** `xingquan verify`: checks every case's hash chain and projection, every stored rule pack, and, given one, a checkpoint. */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { CommandResult } from '../cli/command-result.js'
import { parseCommandArgs } from '../cli/command-result.js'
import { openStore } from '../checkpoint/open-store.js'
import { verifyCheckpoint, type CheckpointReport } from '../checkpoint/verify-checkpoint.js'
import { verifyChains, type VerifyReport } from '../store/verify-chains.js'
import { formatReferenceReport, verifyWithReference } from './reference-verify.js'

export type { CommandResult }

export const VERIFY_USAGE = `用法 / Usage:
  xingquan verify [--database-url URL | --data-dir DIR] [--case ID]... [--reference] [--json]
  xingquan verify --checkpoint FILE [--case ID] [--public-key FILE.pub] [--json]

  --database-url  PostgreSQL（默认取环境变量 DATABASE_URL）/ PostgreSQL (default: $DATABASE_URL)
  --data-dir      嵌入式数据库目录（默认 ./data；服务运行时请先停止或改用 GET /verify）
                  the embedded database's directory (default ./data; stop the server first, or use GET /verify)
  --case          只校验这些办件（与 --checkpoint 同用时：该办件的包含证明）
                  only these cases (with --checkpoint: that case, with its inclusion proof)
  --checkpoint    对照此前取得的签名检查点核验 / verify against a signed checkpoint taken before
  --public-key    核验签名所用公钥（默认 <密钥文件>.pub 或密钥文件本身）
                  the public key to check the signature with (default: the checkpoint key file's)
  --checkpoint-key  签名密钥文件（默认 $XINGQUAN_CHECKPOINT_KEY 或 <数据目录>/checkpoint-key）
                    the signing key file (default $XINGQUAN_CHECKPOINT_KEY or <data dir>/checkpoint-key)
  --reference     另以原版 json-rules-engine 复核每次评估的触发与轨迹 / also re-run every stored evaluation through
                  stock json-rules-engine and report any firing or trace that differs
  --json          以 JSON 输出报告 / print the report as JSON
退出码 / exit: 0 全部完好 intact · 1 有断链或改动 broken or altered · 2 无法校验 could not verify
`

/** The report as lines a person reads. */
export function formatVerifyReport(report: VerifyReport | CheckpointReport): string {
  const lines: string[] = []
  if ('checkpoint' in report) {
    const cp = report.checkpoint
    lines.push(
      `检查点 checkpoint ${cp.id}（${cp.takenAt}，${cp.cases} 个办件 cases，密钥 key ${cp.keyId}）: 签名 signature ${report.signatureValid ? '有效 valid' : '无效 NOT VALID'}`,
    )
    if (report.proof) {
      const p = report.proof
      lines.push(
        `包含证明 inclusion proof: 办件 case ${p.caseId} 第 ${p.index + 1}/${p.size} 片叶 leaf, 链头 head row ${p.leaf[2]} ${p.leaf[3]}: ${p.valid ? '成立 valid' : '不成立 NOT VALID'}`,
      )
    }
  }
  lines.push(
    `校验 ${report.cases} 个办件、${report.rows} 行记录、${report.packs} 个规则包版本 / verified ${report.cases} cases, ${report.rows} rows, ${report.packs} pack versions`,
  )
  if (report.broken.length === 0) return `${lines.join('\n')}\n全部完好 / every chain intact\n`
  lines.push(`${report.broken.length} 处问题 / ${report.broken.length} broken:`)
  for (const b of report.broken) {
    if (b.table === 'rule_packs') lines.push(`规则包 rule pack ${b.version}: [${b.code}] ${b.zh} / ${b.en}`)
    else if (!b.caseId) lines.push(`${b.table}: [${b.code}] ${b.zh} / ${b.en}`)
    else if (b.chainSeq === undefined) lines.push(`办件 case ${b.caseId}: [${b.code}] ${b.zh} / ${b.en}`)
    else
      lines.push(
        `办件 case ${b.caseId}: ${b.table} 第 ${b.chainSeq} 行 row ${b.chainSeq}: [${b.code}] ${b.zh} / ${b.en}`,
      )
  }
  return `${lines.join('\n')}\n`
}

const OPTIONS = {
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  case: { type: 'string', multiple: true },
  checkpoint: { type: 'string' },
  'public-key': { type: 'string' },
  'checkpoint-key': { type: 'string' },
  json: { type: 'boolean' },
  reference: { type: 'boolean' },
  help: { type: 'boolean' },
} as const

const cannot = (code: string, zh: string, en: string): CommandResult => ({
  exitCode: 2,
  stdout: '',
  stderr: `[${code}] ${zh} / ${en}\n`,
})

/**
 * Runs the verify command; exit 0 when everything is intact, 1 when something is broken, altered or not found, 2 when
 * it could not verify.
 * @example const { exitCode, stdout } = await runVerify(['--data-dir', './data', '--checkpoint', 'cp.json'])
 */
export async function runVerify(argv: readonly string[]): Promise<CommandResult> {
  const args = parseCommandArgs(argv, OPTIONS, VERIFY_USAGE)
  if ('exitCode' in args) return args
  const v = args.values
  if (v.help) return { exitCode: 0, stdout: VERIFY_USAGE, stderr: '' }
  if (args.positionals.length > 0)
    return cannot(
      'ARGUMENT_INVALID',
      `多余的参数 ${args.positionals.join(' ')}`,
      `unexpected arguments ${args.positionals.join(' ')}`,
    )
  if (v.checkpoint !== undefined && (v.case?.length ?? 0) > 1)
    return cannot('ARGUMENT_INVALID', '对照检查点时只能给一个 --case', 'with --checkpoint, give one --case at most')
  let doc: unknown
  if (v.checkpoint !== undefined) {
    try {
      doc = JSON.parse(readFileSync(v.checkpoint, 'utf8'))
    } catch (err) {
      return cannot(
        'CHECKPOINT_UNREADABLE',
        `无法读取检查点文件 ${v.checkpoint}`,
        `cannot read the checkpoint file ${v.checkpoint}: ${(err as Error).message}`,
      )
    }
  }
  const store = await openStore(v, { createKey: false, migrate: false })
  if ('failed' in store) return store.failed
  try {
    let report: VerifyReport | CheckpointReport
    if (v.checkpoint !== undefined) {
      let publicKey: KeyObject
      try {
        const pem = v['public-key'] ? readFileSync(v['public-key'], 'utf8') : store.key?.publicPem
        if (!pem)
          return cannot(
            'CHECKPOINT_KEY_MISSING',
            `没有公钥：请用 --public-key 指定（密钥文件 ${store.keyFile ?? '无'} 不存在）`,
            `no public key: give --public-key (no key file at ${store.keyFile ?? 'any path'})`,
          )
        publicKey = createPublicKey(pem)
      } catch (err) {
        return cannot(
          'CHECKPOINT_KEY_INVALID',
          '公钥无法读取',
          `the public key cannot be read: ${(err as Error).message}`,
        )
      }
      const tables = await store.db.introspection.getTables()
      if (!tables.some((t) => t.name === 'checkpoints'))
        return cannot(
          'DATABASE_OLD',
          '数据库尚无检查点表：请先以新版本启动服务',
          'the database has no checkpoints yet: start the service of this release once',
        )
      report = await verifyCheckpoint(store.db, doc, publicKey, v.case?.[0] !== undefined ? { caseId: v.case[0] } : {})
    } else {
      report = await verifyChains(store.db, v.case ? { caseIds: v.case } : {})
    }
    // --reference: every stored evaluation re-run through stock json-rules-engine (src/service/reference-verify.ts)
    const reference = v.reference ? await verifyWithReference(store.db, v.case ? { caseIds: v.case } : {}) : undefined
    const ok = report.broken.length === 0 && (reference?.differences.length ?? 0) === 0
    const stdout = v.json
      ? `${JSON.stringify({ intact: ok, ...report, ...(reference ? { reference } : {}) }, null, 2)}\n`
      : formatVerifyReport(report) + (reference ? formatReferenceReport(reference) : '')
    return { exitCode: ok ? 0 : 1, stdout, stderr: '' }
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `[VERIFY_FAILED] 校验出错 / verify failed: ${(err as Error).message}\n` }
  } finally {
    await store.close()
  }
}
