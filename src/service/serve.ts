/** `xingquan serve` (and `npm start`): the API on the embedded database or PostgreSQL, with a sweeper and a token to try. */
import { parseArgs } from 'node:util'
import { serve, type ServerType } from '@hono/node-server'
import { formatProblem, XingquanError } from '../errors/xingquan-error.js'
import { createApp } from './app.js'
import { openRuntime, type Runtime, type RuntimeOptions } from './runtime.js'
import { openFirstAccount } from './first-account.js'
import { seedExamples } from './seed.js'
import { templateNotices } from './template-notices.js'
import { logSetAside, startSweeper, sweepDue } from './sweep.js'
import { watchCalendar } from './calendar-watch.js'
import { formatRecalendar } from './recalendar-command.js'
import type { RecalendarReport } from './recalendar.js'
import { tokenToTry } from './token-to-try.js'
import { serviceLog } from './logger.js'
import { startCheckpoints } from '../checkpoint/checkpoint-schedule.js'
import type { CommandResult } from './verify-command.js'

export const SERVE_USAGE = `用法 / Usage:
  xingquan serve [--port 8080] [--host 127.0.0.1] [--database-url URL | --data-dir ./data] [--no-seed] [--sweep-seconds 60]
                 [--checkpoint-minutes 60] [--checkpoint-key FILE] [--token-days 90]

  --token-days          新令牌默认有效天数（默认 $XINGQUAN_TOKEN_DAYS 或 90）/ days a new token lasts by default ($XINGQUAN_TOKEN_DAYS or 90)
  --checkpoint-minutes  每隔多少分钟取一个签名检查点（0 不取；默认 60）/ take a signed checkpoint every N minutes (0: never; default 60)
  --checkpoint-key      签名密钥文件（默认 $XINGQUAN_CHECKPOINT_KEY 或 <数据目录>/checkpoint-key，首次启动时生成，权限 0600）
                        the signing key (default $XINGQUAN_CHECKPOINT_KEY or <data dir>/checkpoint-key; made at first start, mode 0600)

  默认使用嵌入式数据库（PGlite，./data），供试用和小型单位；生产请用 PostgreSQL（DATABASE_URL）。
  By default the embedded database (PGlite in ./data), for trying and small offices; PostgreSQL (DATABASE_URL) for production.
`

export interface RunningServer {
  readonly url: string
  readonly runtime: Runtime
  close(): Promise<void>
}

/**
 * Starts the API on a port (0 = any free one) over a new runtime.
 * @example const server = await startServer({ dataDir: 'memory' }, { port: 0 }); await fetch(`${server.url}/health`)
 */
export async function startServer(
  options: RuntimeOptions,
  listen: { port: number; host?: string; sweepSeconds?: number; checkpointMinutes?: number; watchCalendar?: boolean },
): Promise<RunningServer> {
  let runtime: Runtime | undefined
  runtime = await openRuntime({ notices: templateNotices(() => runtime!.env()), ...options })
  const app = createApp(runtime)
  const host = listen.host ?? '127.0.0.1'
  let server: ServerType | undefined
  const port = await new Promise<number>((done, fail) => {
    server = serve({ fetch: app.fetch, port: listen.port, hostname: host }, (info) => done(info.port))
    server.once('error', fail)
  })
  const stopSweeper =
    listen.sweepSeconds && listen.sweepSeconds > 0 ? startSweeper(runtime, listen.sweepSeconds * 1000) : async () => {}
  const minutes = listen.checkpointMinutes ?? 0
  const stopCheckpoints =
    minutes > 0
      ? startCheckpoints(runtime.db, runtime.checkpointKey(), minutes, (err) =>
          serviceLog().error({ err, code: 'CHECKPOINT_FAILED' }, 'checkpoint failed'),
        )
      : async () => {}
  const stopWatching = listen.watchCalendar
    ? watchCalendar(runtime, reportRecalendar, (err) =>
        serviceLog().error({ err, code: 'CALENDAR_RELOAD_FAILED' }, 'calendar reload failed'),
      )
    : async () => {}
  return {
    url: `http://${host}:${port}`,
    runtime,
    close: async () => {
      await stopWatching()
      await stopSweeper()
      await stopCheckpoints()
      await new Promise<void>((done) => server!.close(() => done()))
      await runtime.close()
    },
  }
}

/** One line on the console after the calendar changed: how many open cases' due dates moved and were re-evaluated. */
function reportRecalendar(report: RecalendarReport): void {
  process.stdout.write(`${formatRecalendar(report)}`)
}

/**
 * Runs the server until SIGINT or SIGTERM; prints the URL and a token to try.
 * @example process.exitCode = (await runServe(['--port', '8080'])).exitCode
 */
export async function runServe(argv: readonly string[]): Promise<CommandResult> {
  let args
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        'no-seed': { type: 'boolean' },
        'sweep-seconds': { type: 'string' },
        'checkpoint-minutes': { type: 'string' },
        'checkpoint-key': { type: 'string' },
        'token-days': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    })
  } catch (err) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] 参数有误 / bad arguments: ${(err as Error).message}\n${SERVE_USAGE}`,
    }
  }
  const v = args.values
  const url = v['database-url'] ?? (v['data-dir'] === undefined ? process.env.DATABASE_URL : undefined)
  const port = Number(v.port ?? process.env.PORT ?? 8080)
  const sweepSeconds = Number(v['sweep-seconds'] ?? 60)
  const checkpointMinutes = Number(v['checkpoint-minutes'] ?? process.env.XINGQUAN_CHECKPOINT_MINUTES ?? 60)
  const tokenDays = Number(v['token-days'] ?? process.env.XINGQUAN_TOKEN_DAYS ?? 90)
  if (!Number.isInteger(tokenDays) || tokenDays < 1 || tokenDays > 3650) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] --token-days 须为 1–3650 的整数 / must be a whole number 1–3650\n${SERVE_USAGE}`,
    }
  }
  if (!Number.isFinite(checkpointMinutes) || checkpointMinutes < 0) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `[ARGUMENT_INVALID] --checkpoint-minutes 须为非负数 / must be a number ≥ 0\n${SERVE_USAGE}`,
    }
  }
  let server: RunningServer
  try {
    const key = v['checkpoint-key'] ? { checkpointKey: v['checkpoint-key'] } : {}
    const options = { url, dataDir: v['data-dir'], tokenLifetimeDays: tokenDays, ...key }
    server = await startServer(options, {
      port,
      host: v.host ?? '127.0.0.1',
      sweepSeconds,
      checkpointMinutes,
      watchCalendar: true,
    })
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 2, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    throw err
  }
  const rt = server.runtime
  const seeded = v['no-seed'] ? { cases: 0, events: 0 } : await seedExamples(rt)
  const swept = logSetAside(await sweepDue(rt))
  const { token, note } = await tokenToTry(rt, v['data-dir'])
  const first = await openFirstAccount(rt, v['data-dir'])
  const where =
    rt.dialect === 'pglite'
      ? `PGlite（嵌入式，试用和小型单位 / embedded, for trying and small offices）${rt.location}`
      : `PostgreSQL ${rt.location}`
  process.stdout.write(
    [
      `xingquan 服务已启动 / serving on ${server.url}`,
      `数据库 / database: ${where}`,
      `规则包 / packs in force: ${rt
        .env()
        .packs.map((p) => `${p.pack.id}@${p.version.slice(7, 19)}`)
        .join(', ')}`,
      `样例办件 / example cases newly seeded: ${seeded.cases} (${seeded.events} events; 规则样例与 examples/cases/ / the rule examples and examples/cases/); 到期处理 / swept: ${swept.evaluated}`,
      token
        ? `试用令牌 / token to try (地区管理员 region admin, 四川省 510000; ${note}):\n  ${token}`
        : `令牌 / token: ${note}`,
      `试试 / try:  curl -H "Authorization: Bearer ${token ?? '$TOKEN'}" ${server.url}/alerts`,
      `API 文档 / API document: ${server.url}/openapi.json`,
      `检查点签名公钥 / checkpoint signing key ${rt.checkpointKey().keyId}${rt.checkpointKey().file ? ` (${rt.checkpointKey().file})` : ''}` +
        `${checkpointMinutes > 0 ? `, 每 ${checkpointMinutes} 分钟一个检查点 / a checkpoint every ${checkpointMinutes} min` : ''}:`,
      rt.checkpointKey().publicPem.trimEnd(),
      first
        ? `网页 / pages: ${server.url}/  首个账号 / first account (地区管理员 region admin, 510000): ${first.userName}，密码 / password ${first.password}（只显示这一次 / shown once${first.file ? `；另存于 / also in ${first.file}` : ''}）`
        : `网页 / pages: ${server.url}/  （账号已开设；首个账号见 data/admin-account / accounts exist; the first is in data/admin-account）`,
      '',
    ].join('\n'),
  )
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      done()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await server.close()
  return { exitCode: 0, stdout: '已停止 / stopped\n', stderr: '' }
}
