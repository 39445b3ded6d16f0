import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { openRuntime } from '../../src/service/runtime.js'
import { runCheckpoint } from '../../src/checkpoint/checkpoint-command.js'
import { runVerify } from '../../src/service/verify-command.js'
import { accepted, REGION_ADMIN, stepStarted } from './helpers/cases.js'

describe('xingquan verify on the embedded database', () => {
  it('reports every chain intact, refuses a directory in use, and names the first broken row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xq-verify-'))
    const rt = await openRuntime({ dataDir: dir })
    await appendEvent(rt, REGION_ADMIN, 'vc-1', accepted())
    await appendEvent(rt, REGION_ADMIN, 'vc-1', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
    const busy = await runVerify(['--data-dir', dir])
    expect(busy.exitCode).toBe(2)
    expect(busy.stderr).toContain('DATA_DIR_LOCKED')
    await rt.close()

    const ok = await runVerify(['--data-dir', dir])
    expect(ok).toMatchObject({ exitCode: 0, stderr: '' })
    expect(ok.stdout).toContain('every chain intact')
    expect(ok.stdout).toContain('1 cases, 4 rows')

    // an id that does not exist is not "intact"
    const unknown = await runVerify(['--data-dir', dir, '--case', 'no-such-case'])
    expect(unknown.exitCode).toBe(1)
    expect(unknown.stdout).toContain('办件 case no-such-case: [CASE_NOT_FOUND]')

    // a checkpoint taken, copied away, verified later; and one case with its inclusion proof
    const file = join(dir, 'copied-away.json')
    const taken = await runCheckpoint(['--data-dir', dir, '--out', file])
    expect(taken).toMatchObject({ exitCode: 0, stderr: '' })
    expect(statSync(join(dir, 'checkpoint-key')).mode & 0o777).toBe(0o600)
    const against = await runVerify(['--data-dir', dir, '--checkpoint', file])
    expect(against.stdout).toContain('签名 signature 有效 valid')
    expect(against.exitCode).toBe(0)
    const proof = await runVerify(['--data-dir', dir, '--checkpoint', file, '--case', 'vc-1', '--json'])
    expect(JSON.parse(proof.stdout).proof).toMatchObject({ caseId: 'vc-1', valid: true })

    const again = await openRuntime({ dataDir: dir, installShippedPacks: false })
    await sql`alter table case_events disable trigger case_events_no_change`.execute(again.db)
    await sql`update case_events set recorded_by = 'someone else' where case_id = 'vc-1' and sequence = 2`.execute(
      again.db,
    )
    await again.close()

    const broken = await runVerify(['--data-dir', dir, '--json'])
    expect(broken.exitCode).toBe(1)
    const report = JSON.parse(broken.stdout)
    expect(report.intact).toBe(false)
    expect(report.broken).toEqual([
      expect.objectContaining({ caseId: 'vc-1', table: 'case_events', chainSeq: 3, code: 'HASH_MISMATCH' }),
    ])
    const text = await runVerify(['--data-dir', dir])
    expect(text.stdout).toContain('case vc-1: case_events 第 3 行 row 3: [HASH_MISMATCH]')
    const later = await runVerify(['--data-dir', dir, '--checkpoint', file])
    expect(later.exitCode).toBe(1)
    expect(later.stdout).toContain('[HASH_MISMATCH]')
    expect((await runVerify(['--nonsense'])).exitCode).toBe(2)
  }, 240_000)
})
