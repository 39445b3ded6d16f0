/**
 * A new PGlite data directory is made in a process of its own. PGlite makes a database by running a second PGlite and
 * its initdb program (two more WebAssembly instances) beside the one that serves; once they are collected, the server's
 * process still holds about 95 MiB more resident memory than one that opened an existing directory.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { XingquanError } from '../errors/xingquan-error.js'

// PGlite.create on an empty directory runs initdb and writes the database there; the server then opens it
const MAKE = 'require(process.argv[1]).PGlite.create(process.argv[2]).then((db) => db.close())'

/**
 * Makes the database in `dir` (PGlite's data directory) in a child process, unless it holds one already (PG_VERSION).
 * @example await initdbApart('./data/pglite'); const client = await PGlite.create('./data/pglite')
 */
export async function initdbApart(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  try {
    await promisify(execFile)(process.execPath, ['-e', MAKE, pglite, dir])
  } catch (err) {
    // the child's stack ends in node's own frames: its first `…Error: …` line says what went wrong
    const stderr = (err as { stderr?: string }).stderr ?? ''
    const why = /^\w*Error: .*$/m.exec(stderr)?.[0] ?? (stderr.trim() || (err as Error).message)
    throw new XingquanError({
      code: 'DATABASE_INIT_FAILED',
      zh: `无法在 ${dir} 创建嵌入式数据库：${why}`,
      en: `could not make the embedded database in ${dir}: ${why}`,
    })
  }
}
