import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { templateNotices } from '../../src/service/template-notices.js'
import { appendRecord } from '../../src/store/record-writer.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const closed = (at: string): CaseEvent =>
  ({ id: 'e9', type: 'closed', occurredAt: at, recordedAt: at, actor: { id: 'u', name: '王晓' } }) as CaseEvent

describe.each(TARGETS)('the deadline sweep on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    await appendEvent(rt, REGION_ADMIN, 'sw-due', accepted())
    await appendEvent(rt, REGION_ADMIN, 'sw-closed', accepted())
    await appendEvent(rt, REGION_ADMIN, 'sw-closed', closed('2025-09-26T11:00:00+08:00'))
    await appendEvent(rt, REGION_ADMIN, 'sw-later', accepted({ at: '2025-12-01T09:00:00+08:00' }))
  }, 60_000)
  afterAll(() => rt?.close())

  const sweepEvaluations = async (caseId?: string) => {
    let q = rt.db.selectFrom('evaluations').select(['case_id', 'at']).where('cause', '=', 'sweep')
    if (caseId) q = q.where('case_id', '=', caseId)
    return q.orderBy('case_id').orderBy('chain_seq').execute()
  }

  it('keeps no next change for a closed case, and one for an open case', async () => {
    const rows = await rt.db.selectFrom('cases').select(['case_id', 'next_change_at']).orderBy('case_id').execute()
    const next = Object.fromEntries(rows.map((r) => [r.case_id, r.next_change_at?.toISOString() ?? null]))
    expect(next['sw-closed']).toBeNull()
    expect(next['sw-due']).toBe('2025-09-27T16:00:00.000Z') // Sunday 28 September 00:00 in China: a make-up working day (调休)
    expect(next['sw-later']).toBe('2025-12-01T16:00:00.000Z')
  })

  it('evaluates exactly the cases that are due, once, at their latest due moment', async () => {
    const report = await sweepDue(rt, { now: new Date('2025-10-10T12:00:00+08:00') })
    expect(report).toMatchObject({ evaluated: 1, failed: [] })
    expect(await sweepEvaluations()).toEqual([{ case_id: 'sw-due', at: '2025-10-10T00:00:00+08:00' }])
    const row = await rt.db
      .selectFrom('cases')
      .select(['next_change_at', 'level'])
      .where('case_id', '=', 'sw-due')
      .executeTakeFirstOrThrow()
    expect(row.next_change_at!.toISOString()).toBe('2025-10-10T16:00:00.000Z') // Saturday 11 October: a make-up working day
    expect((await sweepDue(rt, { now: new Date('2025-10-10T12:00:00+08:00') })).evaluated).toBe(0)
  })

  it('never records the same deadline twice: a unique key backs the lock', async () => {
    const c = await rt.db
      .selectFrom('cases')
      .select(['head_seq', 'head_hash'])
      .where('case_id', '=', 'sw-due')
      .executeTakeFirstOrThrow()
    const again = rt.db.transaction().execute((trx) =>
      appendRecord(trx, { caseId: 'sw-due', seq: c.head_seq, hash: c.head_hash }, 'evaluations', {
        cause: 'sweep',
        sequence: 1,
        event_id: null,
        at: '2025-10-10T00:00:00+08:00',
        packs: '[]',
        facts: '{}',
        firings: '[]',
        level: 'none',
        next_change_at: null,
        recorded_by: 'test',
      }),
    )
    await expect(again).rejects.toThrow(/evaluations_sweep_once|duplicate key/)
  })

  it('makes notices only for firings that are new since the last evaluation', async () => {
    const first = await sweepDue(rt, { now: new Date('2025-11-05T12:00:00+08:00') })
    expect(first.evaluated).toBe(1)
    const notices = await rt.db.selectFrom('notices').select(['rule_id']).where('case_id', '=', 'sw-due').execute()
    const rules = notices.map((n) => n.rule_id)
    expect(new Set(rules).size).toBe(rules.length)
    await sweepDue(rt, { now: new Date('2025-11-07T12:00:00+08:00') })
    const later = await rt.db.selectFrom('notices').select(['rule_id']).where('case_id', '=', 'sw-due').execute()
    expect(later.length).toBe(notices.length)
    const c = await rt.db
      .selectFrom('cases')
      .select(['level', 'overdue'])
      .where('case_id', '=', 'sw-due')
      .executeTakeFirstOrThrow()
    expect(c).toEqual({ level: 'red', overdue: true })
  })

  it('shares due cases between concurrent sweepers without evaluating any twice', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `sw-many-${String(i).padStart(2, '0')}`)
    for (const id of ids) await appendEvent(rt, REGION_ADMIN, id, accepted({ at: '2025-10-20T09:00:00+08:00' }))
    const now = new Date('2025-10-22T12:00:00+08:00')
    const reports = await Promise.all([
      sweepDue(rt, { now, batch: 4 }),
      sweepDue(rt, { now, batch: 4 }),
      sweepDue(rt, { now, batch: 4 }),
    ])
    expect(reports.reduce((n, r) => n + r.evaluated, 0)).toBe(30)
    const rows = (await sweepEvaluations()).filter((r) => r.case_id.startsWith('sw-many-'))
    expect(rows.map((r) => r.case_id)).toEqual(ids)
    expect(new Set(rows.map((r) => r.at))).toEqual(new Set(['2025-10-22T00:00:00+08:00']))
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })
})

describe('notices from the shipped templates', () => {
  it('records a numbered red alarm notice when time turns a case red', async () => {
    let rt: Runtime | undefined
    rt = await TARGETS[0]!.open({ notices: templateNotices(() => rt!.env()) })
    try {
      await appendEvent(rt, REGION_ADMIN, 'tn-1', accepted())
      const report = await sweepDue(rt, { now: new Date('2025-11-05T12:00:00+08:00') })
      expect(report.failed).toEqual([])
      const notices = await rt.db.selectFrom('notices').selectAll().where('case_id', '=', 'tn-1').execute()
      const red = notices.find((n) => n.template === 'red-alarm')
      expect(red).toBeDefined()
      expect(red!.number).toMatch(/〔2025〕1号$/)
      expect(red!.html).toContain('<!DOCTYPE html>'.slice(0, 2))
      expect(red!.text).toContain('LX-2025-000123')
      expect((await verifyChains(rt.db)).broken).toEqual([])
    } finally {
      await rt.close()
    }
  }, 60_000)
})
