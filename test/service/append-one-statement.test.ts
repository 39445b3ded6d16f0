import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { openRuntime, type Runtime } from '../../src/service/runtime.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, evidence, LIXIAN_MARKET, officerOf } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const officer = officerOf(LIXIAN_MARKET)

// Appends whose state is cached are written by one statement that checks the chain head under the case's lock; these
// tests run without fault hooks, so that path is taken.
describe.each(TARGETS)('appends written in one statement on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
  }, 60_000)
  afterAll(() => rt?.close())

  it('serializes 50 concurrent appends to one case: none lost, none duplicated, the chain intact', async () => {
    await appendEvent(rt, officer, 'os-many', accepted())
    await appendEvent(rt, officer, 'os-many', evidence(0))
    const events = Array.from({ length: 50 }, (_, i) => evidence(i + 1))
    const results = await Promise.all(
      [...events, ...events.slice(0, 10)].map((e) => appendEvent(rt, officer, 'os-many', e)),
    )
    expect(results.filter((r) => !r.duplicate)).toHaveLength(50)
    const rows = await rt.db
      .selectFrom('case_events')
      .select(['sequence', 'event_id'])
      .where('case_id', '=', 'os-many')
      .orderBy('sequence')
      .execute()
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1))
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(52)
    const c = await rt.db
      .selectFrom('cases')
      .select(['event_count', 'head_seq', 'last_evaluation_seq'])
      .where('case_id', '=', 'os-many')
      .executeTakeFirstOrThrow()
    expect(c).toEqual({ event_count: 52, head_seq: 104, last_evaluation_seq: 104 })
    expect((await verifyChains(rt.db, { caseIds: ['os-many'] })).broken).toEqual([])
  })

  it('opens a new case in one statement; a retry after the cache is lost is a duplicate, other content a conflict', async () => {
    const first = await appendEvent(rt, officer, 'os-open', accepted())
    expect(first).toMatchObject({ duplicate: false, sequence: 1, evaluationSeq: 2 })
    rt.states.clear()
    expect(await appendEvent(rt, officer, 'os-open', accepted())).toMatchObject({ duplicate: true, sequence: 1 })
    await expect(
      appendEvent(rt, officer, 'os-open', {
        ...accepted(),
        occurredAt: '2025-09-27T09:30:00+08:00',
        recordedAt: '2025-09-27T09:30:00+08:00',
      } as Parameters<typeof appendEvent>[3]),
    ).rejects.toMatchObject({ status: 409 })
    // two first events for one new case at once: one opens it, the other is its retry
    const both = await Promise.all([
      appendEvent(rt, officer, 'os-race', accepted()),
      appendEvent(rt, officer, 'os-race', accepted()),
    ])
    expect(both.map((r) => r.duplicate).sort()).toEqual([false, true])
    expect((await verifyChains(rt.db, { caseIds: ['os-open', 'os-race'] })).broken).toEqual([])
  })

  it('stores a retried event once when the retry comes after the write', async () => {
    await appendEvent(rt, officer, 'os-retry', accepted())
    const first = await appendEvent(rt, officer, 'os-retry', evidence(1))
    const again = await appendEvent(rt, officer, 'os-retry', evidence(1))
    expect(again).toMatchObject({ duplicate: true, sequence: first.sequence, evaluationSeq: first.evaluationSeq })
  })
})

const postgres = TARGETS.find((t) => t.name === 'postgres')

describe.skipIf(postgres === undefined)('appends from two processes on one PostgreSQL', () => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await postgres!.open()
  }, 60_000)
  afterAll(() => rt?.close())

  it('stays correct when another process writes the same case in between', async () => {
    const other = await openRuntime({ url: rt.location, installShippedPacks: false })
    try {
      await appendEvent(rt, officer, 'os-two', accepted())
      await appendEvent(rt, officer, 'os-two', evidence(1))
      // the other process appends: this process's cached head is now behind
      await appendEvent(other, officer, 'os-two', evidence(2))
      await appendEvent(rt, officer, 'os-two', evidence(3))
      await appendEvent(other, officer, 'os-two', evidence(4))
      const again = await appendEvent(rt, officer, 'os-two', evidence(2))
      expect(again.duplicate).toBe(true)
      const rows = await rt.db
        .selectFrom('case_events')
        .select('event_id')
        .where('case_id', '=', 'os-two')
        .orderBy('sequence')
        .execute()
      expect(rows.map((r) => r.event_id)).toEqual(['e1', 'ev-1', 'ev-2', 'ev-3', 'ev-4'])
      expect((await verifyChains(rt.db, { caseIds: ['os-two'] })).broken).toEqual([])
    } finally {
      await other.close()
    }
  })
})
