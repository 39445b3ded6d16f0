import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FOLD_VERSION } from '../../src/case/state-snapshot.js'
import { appendEvent } from '../../src/service/append-event.js'
import { loadStates, SNAPSHOT_EVERY } from '../../src/service/case-state-loader.js'
import type { Runtime } from '../../src/service/runtime.js'
import { snapshotOf } from '../../src/case/state-snapshot.js'
import { applyEvent } from '../../src/case/apply-event.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, evidence, LIXIAN_MARKET, officerOf } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const officer = officerOf(LIXIAN_MARKET)

describe.each(TARGETS)('a case not in memory is folded from its latest snapshot on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
  }, 60_000)
  afterAll(() => rt?.close())

  it('snapshots every SNAPSHOT_EVERY events; a cache miss folds only the events after the snapshot, to the same state', async () => {
    const events: CaseEvent[] = [accepted()]
    // distinct events, on 30 evidence ids
    for (let i = 1; i < SNAPSHOT_EVERY + 5; i++) events.push({ ...evidence(i % 30), id: `up-${i}` } as CaseEvent)
    // the same evidence ids again, some with other content: changed evidence, in the snapshot's evidence map
    events.push({
      ...evidence(3),
      id: 'ev-3-again',
      evidence: {
        ...(evidence(3) as Extract<CaseEvent, { type: 'evidenceUploaded' }>).evidence,
        sha256: 'f'.repeat(64),
      },
    } as CaseEvent)
    for (const e of events) await appendEvent(rt, officer, 'snap-1', e)
    const snaps = await rt.db
      .selectFrom('case_state_snapshots')
      .select(['event_count', 'fold_version'])
      .where('case_id', '=', 'snap-1')
      .execute()
    expect(snaps).toEqual([{ event_count: SNAPSHOT_EVERY, fold_version: FOLD_VERSION }])

    rt.states.clear()
    const loaded = (await loadStates(rt.db, rt.states, [{ caseId: 'snap-1', eventCount: events.length }])).get(
      'snap-1',
    )!
    expect(loaded.folded).toBe(events.length - SNAPSHOT_EVERY)
    expect(loaded.events).toBeUndefined()
    let full: ReturnType<typeof applyEvent> | undefined
    for (const e of events) full = applyEvent(full, e, 'snap-1')
    expect(JSON.parse(JSON.stringify(snapshotOf(loaded.state!)))).toEqual(JSON.parse(JSON.stringify(snapshotOf(full!))))
    expect(loaded.state!.evidenceChangedCount).toBe(1)

    // the next append after a miss answers as it would have with the state in memory
    rt.states.clear()
    const next = await appendEvent(rt, officer, 'snap-1', evidence(999))
    expect(next).toMatchObject({ duplicate: false, sequence: events.length + 1 })
    const retried = await appendEvent(rt, officer, 'snap-1', events[7]!)
    expect(retried.duplicate).toBe(true)
  }, 60_000)

  it('a snapshot is never changed, deleted or truncated', async () => {
    expect((await rt.db.selectFrom('case_state_snapshots').select('case_id').execute()).length).toBeGreaterThan(0)
    await expect(sql`update case_state_snapshots set event_count = event_count + 1`.execute(rt.db)).rejects.toThrow(
      /refused/,
    )
    await expect(sql`delete from case_state_snapshots`.execute(rt.db)).rejects.toThrow(/refused/)
    await expect(sql`truncate case_state_snapshots`.execute(rt.db)).rejects.toThrow(/refused/)
  })

  it('ignores a snapshot of another fold version: the case is folded from its first event', async () => {
    await appendEvent(rt, officer, 'snap-2', accepted())
    await appendEvent(rt, officer, 'snap-2', evidence(1))
    await rt.db
      .insertInto('case_state_snapshots')
      .values({ case_id: 'snap-2', event_count: 1, fold_version: FOLD_VERSION + 1, state: '{"bogus":true}' })
      .execute()
    rt.states.clear()
    const loaded = (await loadStates(rt.db, rt.states, [{ caseId: 'snap-2', eventCount: 2 }])).get('snap-2')!
    expect(loaded.folded).toBe(2)
    expect(loaded.state?.evidence.size).toBe(1)
  })
})
