/** `xingquan checkpoint`: takes a signed checkpoint of the store and writes it where an auditor can copy it away. */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { CommandResult } from '../cli/command-result.js'
import { openStore } from './open-store.js'
import { takeCheckpoint } from './take-checkpoint.js'

export const CHECKPOINT_USAGE = `用法 / Usage:
  xingquan checkpoint [--database-url URL | --data-dir DIR] [--checkpoint-key FILE] [--out FILE]

  对全部办件链头计算默克尔树根（RFC 6962）并以 Ed25519 签名，存入数据库（只增），并输出检查点文件。
  Computes the Merkle root (RFC 6962) over every case's chain head, signs it with Ed25519, keeps it (append-only)
  and prints the checkpoint (or writes it to --out) for an auditor to copy off the machine.
  --checkpoint-key  签名密钥文件（默认 $XINGQUAN_CHECKPOINT_KEY 或 <数据目录>/checkpoint-key，首次使用时生成）
                    the signing key (default $XINGQUAN_CHECKPOINT_KEY or <data dir>/checkpoint-key; made on first use)
`

/**
 * Takes a checkpoint; exit 0 with the document, 2 when it could not.
 * @example const { stdout } = await runCheckpoint(['--data-dir', './data', '--out', 'cp.json'])
 */
export async function runCheckpoint(argv: readonly string[]): Promise<CommandResult> {
  let args
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        'checkpoint-key': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    })
  } catch (err) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] 参数有误 / bad arguments: ${(err as Error).message}\n${CHECKPOINT_USAGE}`,
    }
  }
  if (args.values.help) return { exitCode: 0, stdout: CHECKPOINT_USAGE, stderr: '' }
  const store = await openStore(args.values, { createKey: true, migrate: true })
  if ('failed' in store) return store.failed
  try {
    const doc = await takeCheckpoint(store.db, store.key!, 'cli')
    const text = `${JSON.stringify(doc, null, 2)}\n`
    if (args.values.out) writeFileSync(args.values.out, text)
    const note = `检查点 checkpoint ${doc.id}: ${doc.cases} 个办件 cases, root ${doc.root}, key ${doc.keyId}${args.values.out ? ` → ${args.values.out}` : ''}\n`
    return { exitCode: 0, stdout: args.values.out ? note : text, stderr: args.values.out ? '' : note }
  } catch (err) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[CHECKPOINT_FAILED] 无法生成检查点 / could not take a checkpoint: ${(err as Error).message}\n`,
    }
  } finally {
    await store.close()
  }
}
