import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openRuntime } from '../../src/service/runtime.js'
import { tokenToTry } from '../../src/service/token-to-try.js'
import { principalOf } from '../../src/service/tokens.js'

describe('the token xingquan serve prints', () => {
  it('is issued on an empty database and kept in the PGlite data directory, and a stale file is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xq-token-'))
    const rt = await openRuntime({ dataDir: dir, installShippedPacks: false })
    try {
      const first = await tokenToTry(rt, dir)
      expect(first.token).toMatch(/^xq_/)
      expect(await principalOf(rt.db, first.token!)).toMatchObject({ role: 'regionAdmin', jurisdiction: '510000' })
      const file = join(dir, 'admin-token')
      expect(readFileSync(file, 'utf8').trim()).toBe(first.token)
      expect(await tokenToTry(rt, dir)).toEqual(first)

      writeFileSync(file, 'xq_a-token-of-another-database\n')
      const stale = await tokenToTry(rt, dir)
      expect(stale.token).toBeUndefined()
      expect(stale.note).toContain('no longer valid and was removed')
      expect(existsSync(file)).toBe(false)
    } finally {
      await rt.close()
    }
  }, 60_000)

  it('is printed once and written nowhere when the database is not a PGlite directory', async () => {
    const rt = await openRuntime({ dataDir: 'memory', installShippedPacks: false })
    try {
      const first = await tokenToTry(rt, 'memory')
      expect(first.token).toMatch(/^xq_/)
      expect(first.note).toContain('shown this once only')
      expect(await tokenToTry(rt, 'memory')).toEqual({ note: expect.stringContaining('tokens were issued before') })
    } finally {
      await rt.close()
    }
  }, 60_000)
})
