/** `xingquan serve` in a process of its own on a database, for the tests that run two server processes side by side. */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/xingquan.js', import.meta.url))

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
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      '--database-url',
      databaseUrl,
      '--port',
      '0',
      '--no-seed',
      '--checkpoint-minutes',
      '0',
      '--checkpoint-key',
      'memory',
      ...(options.args ?? []),
    ],
    { env: { ...process.env, LOG_LEVEL: options.logLevel ?? 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
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
