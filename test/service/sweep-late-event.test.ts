import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, evidence, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

// 阿坝州办法 第三十一条: a late-recorded event changes the facts of the past; the moment is evaluated again, keyed by
// the event count, and nothing recorded before is touched.
describe.each(TARGETS)('a back-dated event after a sweep on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    await appendEvent(rt, REGION_ADMIN, 'late-1', accepted())
    await appendEvent(rt, REGION_ADMIN, 'late-2', accepted({ serial: 'LX-2025-000124' }))
  }, 60_000)
  afterAll(() => rt?.close())

  it('is swept again at the same moment under the new event count, and every other case is swept too', async () => {
    const now = new Date('2025-10-10T12:00:00+08:00')
    expect((await sweepDue(rt, { now })).evaluated).toBe(2)
    // recorded on 10 October, happened on 5 October: before the moment the sweep evaluated
    const late = { ...evidence(1, '2025-10-05T10:00:00+08:00'), recordedAt: '2025-10-10T11:00:00+08:00' }
    const appended = await appendEvent(rt, REGION_ADMIN, 'late-1', late)
    expect(appended.duplicate).toBe(false)

    const again = await sweepDue(rt, { now })
    expect(again.failed).toEqual([])
    expect(again.evaluated).toBe(1)
    const rows = await rt.db
      .selectFrom('evaluations')
      .select(['case_id', 'at', 'sequence'])
      .where('cause', '=', 'sweep')
      .orderBy('case_id')
      .orderBy('chain_seq')
      .execute()
    expect(rows).toEqual([
      { case_id: 'late-1', at: '2025-10-10T00:00:00+08:00', sequence: 1 },
      { case_id: 'late-1', at: '2025-10-10T00:00:00+08:00', sequence: 2 },
      { case_id: 'late-2', at: '2025-10-10T00:00:00+08:00', sequence: 1 },
    ])
    // later sweeps go on: nothing due is left behind, and the chains are intact
    const later = await sweepDue(rt, { now: new Date('2025-10-20T12:00:00+08:00') })
    expect(later.failed).toEqual([])
    expect(later.evaluated).toBe(2)
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })
})
