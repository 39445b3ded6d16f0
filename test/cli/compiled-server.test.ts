/**
 * `npm start` runs the server compiled to dist/ (tsconfig.build.json): it builds, and the compiled CLI finds the
 * schemas, rules and templates beside it, makes a new embedded database and serves.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XingquanError } from '../../src/errors/xingquan-error.js'
import { initdbApart } from '../../src/store/pglite-initdb.js'
import { buildServer, COMPILED_CLI, type ServeProcess, startServeProcess } from '../support/serve-process.js'

const root = mkdtempSync(join(tmpdir(), 'xingquan-compiled-'))
let built: ReturnType<typeof buildServer>

beforeAll(() => {
  built = buildServer()
}, 60_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the compiled server (npm start)', () => {
  it('builds with tsconfig.build.json into dist/, the command line beside its sources', () => {
    expect(built.output).toBe('')
    expect(built.status).toBe(0)
    expect(existsSync(COMPILED_CLI)).toBe(true)
  })

  it('serves /health on a new data directory it makes', async () => {
    const dataDir = join(root, 'data')
    let server: ServeProcess | undefined
    try {
      server = await startServeProcess([
        COMPILED_CLI,
        'serve',
        '--data-dir',
        dataDir,
        '--port',
        '0',
        '--no-seed',
        '--checkpoint-minutes',
        '0',
        '--checkpoint-key',
        'memory',
      ])
      const res = await fetch(`${server.url}/health`)
      expect(res.status).toBe(200)
      const health = (await res.json()) as { status: string; database: string; packs: unknown[] }
      expect(health).toMatchObject({ status: 'ok', database: 'pglite' })
      expect(health.packs.length).toBeGreaterThan(0)
      // the database was made by initdb in a process of its own, then opened
      expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true)
    } finally {
      if (server) {
        const exited = new Promise((done) => server!.child.once('exit', done))
        server.child.kill('SIGTERM')
        await exited
      }
    }
  }, 60_000)

  it('refuses a bad argument with its exit code and message', () => {
    const r = spawnSync(process.execPath, [COMPILED_CLI, 'serve', '--no-such-option'], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('ARGUMENT_INVALID')
  })
})

describe('initdbApart', () => {
  it('fails with DATABASE_INIT_FAILED and the reason when the directory cannot be made', async () => {
    const file = join(root, 'a-file')
    writeFileSync(file, '')
    const failure = await initdbApart(join(file, 'pglite')).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(XingquanError)
    expect((failure as XingquanError).code).toBe('DATABASE_INIT_FAILED')
    expect((failure as XingquanError).message).toContain('ENOTDIR')
  })
})
