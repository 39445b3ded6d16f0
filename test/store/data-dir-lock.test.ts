import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { XingquanError } from '../../src/errors/xingquan-error.js'
import { lockDataDir } from '../../src/store/data-dir-lock.js'

describe('the data directory lock', () => {
  it('lets one holder in and tells a second one clearly who holds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xq-lock-'))
    const lock = lockDataDir(dir)
    expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid))
    expect(() => lockDataDir(dir)).toThrow(XingquanError)
    lock.release()
    const again = lockDataDir(dir)
    again.release()
  })

  it('refuses while another live process holds the lock, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xq-lock-'))
    writeFileSync(join(dir, 'xingquan.lock'), `${process.ppid}\n`)
    try {
      lockDataDir(dir)
      expect.unreachable()
    } catch (err) {
      expect((err as XingquanError).code).toBe('DATA_DIR_LOCKED')
      expect((err as XingquanError).problems[0]!.en).toContain(`in use by process ${process.ppid}`)
    }
  })

  it('takes over a lock left by a process that is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xq-lock-'))
    writeFileSync(join(dir, 'xingquan.lock'), '2147483646\n')
    const lock = lockDataDir(dir)
    expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid))
    lock.release()
  })
})
