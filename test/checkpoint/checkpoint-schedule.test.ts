import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCheckpoints } from '../../src/checkpoint/checkpoint-schedule.js'
import { takeCheckpointIfChanged } from '../../src/checkpoint/take-checkpoint.js'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { accepted, REGION_ADMIN, stepStarted } from '../service/helpers/cases.js'
import { TARGETS } from '../service/helpers/targets.js'

describe.each(TARGETS)('checkpoints on a schedule on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open({ checkpointKey: 'memory' })
    await appendEvent(rt, REGION_ADMIN, 'cs-1', accepted())
  }, 60_000)
  afterAll(() => rt?.close())

  const kept = async () =>
    (await rt.db.selectFrom('checkpoints').select(['id', 'taken_by']).orderBy('taken_at').execute()).map(
      (r) => r.taken_by,
    )

  it('takes one at start, then one a turn only when something but checkpoints changed', async () => {
    const stop = startCheckpoints(rt.db, rt.checkpointKey(), 60, (err) => {
      throw err
    })
    await stop()
    expect(await kept()).toEqual(['system:checkpoint'])
    expect(await takeCheckpointIfChanged(rt.db, rt.checkpointKey(), 'system:checkpoint')).toBeUndefined()
    await appendEvent(rt, REGION_ADMIN, 'cs-1', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
    const next = await takeCheckpointIfChanged(rt.db, rt.checkpointKey(), 'system:checkpoint')
    expect(next).toMatchObject({ cases: 1, takenBy: 'system:checkpoint' })
    expect(await kept()).toHaveLength(2)
  })
})
