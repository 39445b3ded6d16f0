/**
 * `xingquan serve` in a process of its own on a database, for the tests that run two server processes side by side, the
 * compiled server's test and the bench's resident memory.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/xingquan.js', import.meta.url))
/** The command line compiled to JavaScript, as `npm start` runs it (`npm run build:server` makes it). */
export const COMPILED_CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))

export interface ServeProcess {
  readonly child: ChildProcess
  readonly url: string
}

/**
 * Starts `xingquan serve --no-seed` (no checkpoints, an in-memory signing key) on the database and resolves once it
 * serves; `args` adds options, `onLine` sees every line it writes to stdout.
 * @example const a = await serveProcess(url, { args: ['--sweep-seconds', '1'] }); a.child.kill()
 */
export function serveProcess(
  databaseUrl: string,
  options: { args?: readonly string[]; logLevel?: string; onLine?: (line: string) => void } = {},
): Promise<ServeProcess> {
  const args = ['serve', '--database-url', databaseUrl, '--port', '0', '--no-seed', '--checkpoint-minutes', '0']
  return startServeProcess([BIN, ...args, '--checkpoint-key', 'memory', ...(options.args ?? [])], options)
}

/**
 * Runs `argv` (a script of the command line and its arguments: `serve` or `start` with `--port 0`) with this Node and
 * resolves once it says where it serves; `onLine` sees every line it writes to stdout.
 * @example const s = await startServeProcess([COMPILED_CLI, 'serve', '--data-dir', 'memory', '--port', '0'])
 */
export function startServeProcess(
  argv: readonly string[],
  options: { logLevel?: string; onLine?: (line: string) => void } = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...argv], {
    env: { ...process.env, LOG_LEVEL: options.logLevel ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  return new Promise((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const lines = out.split('\n')
      out = lines.pop()!
      for (const line of lines) {
        const url = /serving on (http:\/\/\S+)/.exec(line)?.[1]
        if (url) done({ child, url })
        options.onLine?.(line)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    child.once('exit', (code) => fail(new Error(`xingquan serve exited with ${code}`)))
  })
}

/**
 * Builds the compiled server as `npm start` does, incrementally (`tsc -p tsconfig.build.json`): its exit status and
 * what the compiler printed.
 * @example const { status, output } = buildServer()
 */
export function buildServer(): { status: number | null; output: string } {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))
  const root = fileURLToPath(new URL('../../', import.meta.url))
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}
