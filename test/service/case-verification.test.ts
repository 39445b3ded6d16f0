import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeCheckpoint } from '../../src/checkpoint/take-checkpoint.js'
import { appendEvent } from '../../src/service/append-event.js'
import { caseVerification } from '../../src/service/case-audit.js'
import type { Runtime } from '../../src/service/runtime.js'
import type { CaseFile } from '../../src/types/generated.js'
import { REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const stalled = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile

describe.each(TARGETS)('a case verified against the latest checkpoint, on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open({ checkpointKey: 'memory' })
    for (const e of stalled.events.slice(0, 2)) await appendEvent(rt, REGION_ADMIN, 'cv-1', e)
  }, 120_000)
  afterAll(() => rt?.close())

  it('says none was taken, then that the case is in it with its head then, and that a case opened after it is not', async () => {
    const before = await caseVerification(rt, REGION_ADMIN, 'cv-1')
    expect(before).toMatchObject({ intact: true, checkpoint: null })
    const cp = await takeCheckpoint(rt.db, rt.checkpointKey(), 'test')
    const head = before.head.seq
    // the case grows after the checkpoint; another is opened after it
    for (const e of stalled.events.slice(2)) await appendEvent(rt, REGION_ADMIN, 'cv-1', e)
    for (const e of stalled.events) await appendEvent(rt, REGION_ADMIN, 'cv-2', e)
    const kept = await caseVerification(rt, REGION_ADMIN, 'cv-1')
    expect(kept.head.seq).toBeGreaterThan(head)
    expect(kept.checkpoint).toMatchObject({
      id: cp.id,
      signatureValid: true,
      included: true,
      headThen: head,
      proofValid: true,
      intact: true,
      broken: [],
    })
    const after = await caseVerification(rt, REGION_ADMIN, 'cv-2')
    expect(after.checkpoint).toMatchObject({
      id: cp.id,
      included: false,
      headThen: null,
      proofValid: null,
      intact: true,
    })
  })
})
