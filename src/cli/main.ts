/** The xingquan command line: one entry, one small module per command. */
import type { CommandResult } from './command-result.js'
import { runDeadline } from './deadline.js'
import { runLint } from './lint.js'
import { runNotice } from './notice.js'
import { runReplay } from './replay.js'
import { runStart } from './start.js'
import { runTestExamples } from './test-examples.js'
import { runCheckpoint } from '../checkpoint/checkpoint-command.js'
import { runServe } from '../service/serve.js'
import { runVerify } from '../service/verify-command.js'

const HELP = `xingquan — 行政权力依法规范公开运行 规则引擎 / rules engine

用法 usage:
  xingquan deadline --from DATE (--working-days N | --days N)   计算期限 / compute a due date
  xingquan replay CASE.json [--at MOMENT] [--json]              回放办件 / replay a case
  xingquan lint [DIR]                                           检查规则 / lint rule packs
  xingquan test [DIR]                                           运行样例 / run rule examples
  xingquan notice CASE.json (--event N | --at MOMENT) [--format text|html] [--rule ID] [--issue]
                                                                预览文书（--issue 才取号）/ preview notices (--issue takes numbers)
  xingquan serve [--port 8080] [--database-url URL | --data-dir ./data]
                                                                运行服务 / serve the API (PGlite by default, PostgreSQL with DATABASE_URL)
  xingquan verify [--database-url URL | --data-dir ./data] [--case ID] [--checkpoint FILE]
                                                                核验哈希链、投影，或对照检查点 / verify chains, projections, or against a checkpoint
  xingquan checkpoint [--database-url URL | --data-dir ./data] [--out FILE]
                                                                取签名检查点 / take a signed checkpoint
  xingquan start                                                样例评估后运行服务 / evaluate the examples, then serve
`

type Command = (argv: string[]) => CommandResult | Promise<CommandResult>

const COMMANDS: Record<string, Command> = {
  deadline: runDeadline,
  replay: runReplay,
  lint: (argv) => runLint(argv),
  test: runTestExamples,
  notice: runNotice,
  start: runStart,
  serve: runServe,
  verify: runVerify,
  checkpoint: runCheckpoint,
}

const [name, ...rest] = process.argv.slice(2)
const command = name !== undefined ? COMMANDS[name] : undefined
if (!command) {
  process.stdout.write(HELP)
  process.exitCode = name === undefined || name === 'help' || name === '--help' ? 0 : 2
} else {
  const result = await command(rest)
  process.stdout.write(result.stdout)
  process.stderr.write(result.stderr)
  process.exitCode = result.exitCode
}
