/** A lock file beside the embedded database: two processes opening one PGlite directory would corrupt it. */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { XingquanError } from '../errors/xingquan-error.js'

export interface DataDirLock {
  readonly path: string
  release(): void
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `dir/xingquan.lock` or throws DATA_DIR_LOCKED naming the process that holds it; a lock left by a dead
 * process is taken over.
 * @example const lock = lockDataDir('./data'); try { … } finally { lock.release() }
 */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'xingquan.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        process.off('exit', release)
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path)
        } catch {
          /* already gone */
        }
      }
      process.on('exit', release)
      return { path, release }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(pid) && pid > 0 && alive(pid) && pid !== process.pid) {
        throw new XingquanError({
          code: 'DATA_DIR_LOCKED',
          zh: `数据目录 ${dir} 正被进程 ${pid} 使用；同一目录只能由一个进程打开（嵌入式数据库），请先停止该进程，或用 DATABASE_URL 连接 PostgreSQL`,
          en: `the data directory ${dir} is in use by process ${pid}; only one process may open it (embedded database): stop that process first, or use PostgreSQL through DATABASE_URL`,
          file: path,
        })
      }
      if (pid === process.pid) {
        throw new XingquanError({
          code: 'DATA_DIR_LOCKED',
          zh: `本进程已打开数据目录 ${dir}`,
          en: `this process already opened the data directory ${dir}`,
          file: path,
        })
      }
      rmSync(path, { force: true }) // left by a process that is gone
    }
  }
  throw new XingquanError({
    code: 'DATA_DIR_LOCKED',
    zh: `无法取得数据目录锁 ${path}`,
    en: `could not take the data directory lock ${path}`,
    file: path,
  })
}
