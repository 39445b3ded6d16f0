import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { ServiceError } from '../../src/service/service-error.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, evidence, LIXIAN_MARKET, officerOf, stepStarted } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const officer = officerOf(LIXIAN_MARKET)

describe.each(TARGETS)('appending events on $name', (target) => {
  let rt: Runtime
  let crash: string | undefined
  beforeAll(async () => {
    rt = await target.open({
      faults: {
        afterEventStored: (caseId) => {
          if (crash === `${caseId}:event`) throw new Error('simulated crash after the event row')
        },
        afterEvaluationStored: (caseId) => {
          if (crash === `${caseId}:evaluation`) throw new Error('simulated crash after the evaluation row')
        },
      },
    })
  }, 60_000)
  afterAll(() => rt?.close())

  const counts = async (caseId: string) => {
    const n = async (table: 'case_events' | 'evaluations' | 'notices' | 'cases') =>
      Number(
        (
          await rt.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      cases: await n('cases'),
      events: await n('case_events'),
      evaluations: await n('evaluations'),
      notices: await n('notices'),
    }
  }
  const status = (p: Promise<unknown>) =>
    p.then(
      () => 0,
      (e) => (e instanceof ServiceError ? e.status : Promise.reject(e)),
    )

  it('opens a case, evaluates it and records who wrote it', async () => {
    const r = await appendEvent(rt, officer, 'ap-open', accepted())
    expect(r).toMatchObject({ sequence: 1, duplicate: false, evaluationSeq: 2 })
    expect(r.nextChangeAt).toMatch(/^2025-09-2\dT00:00:00\+08:00$/)
    const row = await rt.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', 'ap-open')
      .executeTakeFirstOrThrow()
    expect(row.recorded_by).toBe('officer (officer, tok_officer)')
    const evaluation = await rt.db
      .selectFrom('evaluations')
      .selectAll()
      .where('case_id', '=', 'ap-open')
      .executeTakeFirstOrThrow()
    expect((evaluation.packs as unknown[]).length).toBeGreaterThan(0)
    expect((evaluation.packs as { version: string }[]).every((p) => /^sha256:[0-9a-f]{64}$/.test(p.version))).toBe(true)
  })

  it('stores a retried event once, and refuses the same id with other content', async () => {
    await appendEvent(rt, officer, 'ap-retry', accepted())
    const first = await appendEvent(rt, officer, 'ap-retry', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
    const again = await appendEvent(rt, officer, 'ap-retry', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
    expect(again).toMatchObject({ duplicate: true, sequence: first.sequence, evaluationSeq: first.evaluationSeq })
    expect(await counts('ap-retry')).toMatchObject({ events: 2, evaluations: 2 })
    expect(
      await status(appendEvent(rt, officer, 'ap-retry', stepStarted('e2', 'approve', '2025-09-26T10:00:00+08:00'))),
    ).toBe(409)
    expect(await status(appendEvent(rt, officer, 'ap-retry', accepted()))).toBe(0)
    expect(await counts('ap-retry')).toMatchObject({ events: 2, evaluations: 2 })
  })

  it('serializes 50 concurrent appends to one case: none lost, none duplicated, the chain intact', async () => {
    await appendEvent(rt, officer, 'ap-many', accepted())
    const events = Array.from({ length: 50 }, (_, i) => evidence(i + 1))
    const results = await Promise.all(
      [...events, ...events.slice(0, 10)].map((e) => appendEvent(rt, officer, 'ap-many', e)),
    )
    expect(results.filter((r) => !r.duplicate)).toHaveLength(50)
    const rows = await rt.db
      .selectFrom('case_events')
      .select(['sequence', 'event_id'])
      .where('case_id', '=', 'ap-many')
      .orderBy('sequence')
      .execute()
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1))
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(51)
    expect(await counts('ap-many')).toMatchObject({ events: 51, evaluations: 51 })
    const c = await rt.db
      .selectFrom('cases')
      .select(['event_count'])
      .where('case_id', '=', 'ap-many')
      .executeTakeFirstOrThrow()
    expect(c.event_count).toBe(51)
    expect((await verifyChains(rt.db, { caseIds: ['ap-many'] })).broken).toEqual([])
  })

  it('answers malformed input with 400 and a pointer, and writes nothing', async () => {
    await appendEvent(rt, officer, 'ap-bad', accepted())
    const before = await counts('ap-bad')
    const bad = { ...stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'), occurredAt: 'yesterday' }
    const err = await appendEvent(rt, officer, 'ap-bad', bad).catch((e: ServiceError) => e)
    expect(err).toBeInstanceOf(ServiceError)
    expect((err as ServiceError).status).toBe(400)
    expect((err as ServiceError).problems[0]).toMatchObject({ code: 'SCHEMA_INVALID', pointer: '/occurredAt' })
    expect(await status(appendEvent(rt, officer, 'ap-bad', { type: 'noSuchEvent' }))).toBe(400)
    expect(await status(appendEvent(rt, officer, 'ap-bad', 'not an object'))).toBe(400)
    expect(await status(appendEvent(rt, officer, 'no such id!', accepted()))).toBe(400)
    expect(await counts('ap-bad')).toEqual(before)
  })

  it('answers an event the rules refuse with 422, and writes nothing', async () => {
    expect(
      await status(appendEvent(rt, officer, 'ap-refused', stepStarted('e1', 'review', '2025-09-26T10:00:00+08:00'))),
    ).toBe(404)
    expect(await counts('ap-refused')).toEqual({ cases: 0, events: 0, evaluations: 0, notices: 0 })
    await appendEvent(rt, officer, 'ap-refused', accepted())
    const err = await appendEvent(
      rt,
      officer,
      'ap-refused',
      stepStarted('e2', 'no-such-step', '2025-09-26T10:00:00+08:00'),
    ).catch((e: ServiceError) => e)
    expect((err as ServiceError).status).toBe(422)
    expect((err as ServiceError).code).toBe('STEP_UNKNOWN')
    expect(await counts('ap-refused')).toMatchObject({ events: 1, evaluations: 1 })
  })

  it('leaves neither event nor evaluation when it crashes between them', async () => {
    crash = 'ap-crash:event'
    await expect(appendEvent(rt, officer, 'ap-crash', accepted())).rejects.toThrow(/simulated crash/)
    expect(await counts('ap-crash')).toEqual({ cases: 0, events: 0, evaluations: 0, notices: 0 })
    crash = undefined
    await appendEvent(rt, officer, 'ap-crash', accepted())
    const before = await counts('ap-crash')
    const head = await rt.db
      .selectFrom('cases')
      .select(['head_seq', 'head_hash', 'event_count'])
      .where('case_id', '=', 'ap-crash')
      .executeTakeFirstOrThrow()
    crash = 'ap-crash:evaluation'
    await expect(
      appendEvent(rt, officer, 'ap-crash', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00')),
    ).rejects.toThrow(/simulated crash/)
    crash = 'ap-crash:event'
    await expect(
      appendEvent(rt, officer, 'ap-crash', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00')),
    ).rejects.toThrow(/simulated crash/)
    crash = undefined
    expect(await counts('ap-crash')).toEqual(before)
    expect(
      await rt.db
        .selectFrom('cases')
        .select(['head_seq', 'head_hash', 'event_count'])
        .where('case_id', '=', 'ap-crash')
        .executeTakeFirstOrThrow(),
    ).toEqual(head)
    const retried = await appendEvent(rt, officer, 'ap-crash', stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
    expect(retried).toMatchObject({ sequence: 2, duplicate: false })
    expect((await verifyChains(rt.db, { caseIds: ['ap-crash'] })).broken).toEqual([])
  })

  it('opens one case when two first events race', async () => {
    const [a, b] = await Promise.all([
      appendEvent(rt, officer, 'ap-race', accepted()),
      appendEvent(rt, officer, 'ap-race', accepted()),
    ])
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true])
    expect(await counts('ap-race')).toMatchObject({ cases: 1, events: 1, evaluations: 1 })
  })
})
