import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateAt } from '../../src/evaluation/evaluation.js'
import { appendEvent } from '../../src/service/append-event.js'
import { getEvaluation, listEvaluations, replayEvaluation } from '../../src/service/case-reader.js'
import { loadState } from '../../src/service/case-state-loader.js'
import { verifyWithReference } from '../../src/service/reference-verify.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { appendRecord } from '../../src/store/record-writer.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { asSuperuser } from '../support/superuser.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

// accepted Friday 2025-09-26 (20 working days statutory, 15 promised); the sweep's days: Sunday 09-28 (a make-up
// working day, 调休), Monday 09-29, then after the National Day holiday (10-01 to 10-08) Thursday 10-09
const at = (day: string) => new Date(`${day}T12:00:00+08:00`)

describe.each(TARGETS)('unchanged sweep evaluations on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    await appendEvent(rt, REGION_ADMIN, 'un-1', accepted())
    for (const day of ['2025-09-28', '2025-09-29', '2025-10-09']) await sweepDue(rt, { now: at(day) })
  }, 60_000)
  afterAll(() => rt?.close())

  const rows = () =>
    rt.db
      .selectFrom('evaluations')
      .select(['chain_seq', 'cause', 'at', 'level', 'same_as', 'signature', sql<string>`facts::text`.as('facts')])
      .select(sql<string | null>`firings::text`.as('firings'))
      .where('case_id', '=', 'un-1')
      .orderBy('chain_seq')
      .execute()

  it('records a day on which no decision changed as an unchanged row: the day counts and the row it repeats', async () => {
    const list = await rows()
    expect(list.map((r) => r.at)).toEqual([
      '2025-09-26T09:30:00+08:00',
      '2025-09-28T00:00:00+08:00',
      '2025-09-29T00:00:00+08:00',
      '2025-10-09T00:00:00+08:00',
    ])
    const whole = list.filter((r) => r.same_as === null)
    const unchanged = list.filter((r) => r.same_as !== null)
    expect(unchanged.length).toBeGreaterThanOrEqual(2)
    const base = whole.at(-1)!
    for (const r of unchanged) {
      expect(r.same_as).toBe(base.chain_seq)
      expect(r.signature).toBe(base.signature)
      expect(r.firings).toBeNull()
      expect(Object.keys(JSON.parse(r.facts)).sort()).toEqual(
        [
          'eventId',
          'eventType',
          'promisedDaysLeft',
          'promisedDaysUsed',
          'statutoryDaysLeft',
          'statutoryDaysUsed',
          'stepDaysLeft',
        ].sort(),
      )
      expect(r.facts.length).toBeLessThan(base.facts.length / 5)
    }
    // 10-09 is the 4th working day counted (09-28, 09-29, 09-30, 10-09): 16 of 20 left
    expect(JSON.parse(list[3]!.facts)).toMatchObject({ statutoryDaysUsed: 4, statutoryDaysLeft: 16 })
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })

  it('reads an unchanged row whole: its facts are those the evaluation derives, its firings those of the row it repeats', async () => {
    const list = await rows()
    const last = list[3]!
    const read = await getEvaluation(rt, REGION_ADMIN, 'un-1', last.chain_seq)
    expect(read.sameAs).toBe(last.same_as)
    const state = await loadState(rt.db, undefined, 'un-1', 1)
    const fresh = evaluateAt(rt.env(), state!, last.at)
    expect(read.facts).toEqual(JSON.parse(JSON.stringify(fresh.facts)))
    expect(read.packs).toEqual(fresh.packs)
    expect((read.firings as unknown[]).length).toBe(fresh.firings.length)
    expect((await replayEvaluation(rt, REGION_ADMIN, 'un-1', last.chain_seq)).identical).toBe(true)
    const listed = (await listEvaluations(rt, REGION_ADMIN, 'un-1')).evaluations
    expect(listed.at(-1)).toMatchObject({ sameAs: last.same_as, packs: fresh.packs })
    expect((await verifyWithReference(rt.db, { caseIds: ['un-1'] })).differences).toEqual([])
  })

  it('records a whole evaluation when a decision changes: the case turns red', async () => {
    await sweepDue(rt, { now: at('2025-11-05') })
    const last = (await rows()).at(-1)!
    expect(last).toMatchObject({ same_as: null, level: 'red' })
    expect(JSON.parse(last.firings!).map((f: { ruleId: string }) => f.ruleId)).toContain(
      'sc.deadline.statutory-overdue',
    )
    // the next day changes nothing again
    await sweepDue(rt, { now: at('2025-11-06') })
    expect((await rows()).at(-1)).toMatchObject({ same_as: last.chain_seq, level: 'red' })
    const c = await rt.db
      .selectFrom('cases')
      .select(['level', 'overdue'])
      .where('case_id', '=', 'un-1')
      .executeTakeFirstOrThrow()
    expect(c).toEqual({ level: 'red', overdue: true })
  })

  it('checks the projection of a day that changes nothing: its next change, count, level, status and alerts', async () => {
    // the latest row (11-06) repeats the red row of 11-05; the sweep's own update was let through
    const change = (set: ReturnType<typeof sql>) =>
      rt.db.transaction().execute((trx) => sql`update cases set ${set} where case_id = 'un-1'`.execute(trx))
    const refused = /projection of case un-1 differs from its latest evaluation/
    await expect(change(sql`next_change_at = next_change_at + interval '1 day'`)).rejects.toThrow(refused)
    await expect(change(sql`event_count = event_count + 1`)).rejects.toThrow(refused)
    await expect(change(sql`level = 'yellow'`)).rejects.toThrow(refused)
    await expect(change(sql`alerts = '[]'::jsonb`)).rejects.toThrow(refused)
    await expect(change(sql`status = 'closed'`)).rejects.toThrow(refused)
    await expect(change(sql`overdue = false`)).rejects.toThrow(refused)
    // what the sweep wrote stands
    const c = await rt.db
      .selectFrom('cases')
      .select(['level', 'overdue', 'status'])
      .where('case_id', '=', 'un-1')
      .executeTakeFirstOrThrow()
    expect(c).toEqual({ level: 'red', overdue: true, status: 'open' })
  })

  it('refuses an unchanged row that does not repeat a whole evaluation of its own level', async () => {
    const list = await rows()
    const red = list.filter((r) => r.same_as === null).at(-1)!
    const c = await rt.db
      .selectFrom('cases')
      .select(['head_seq', 'head_hash'])
      .where('case_id', '=', 'un-1')
      .executeTakeFirstOrThrow()
    const write = (sameAs: number, level: string) =>
      rt.db.transaction().execute((trx) =>
        appendRecord(trx, { caseId: 'un-1', seq: c.head_seq, hash: c.head_hash }, 'evaluations', {
          cause: 'sweep',
          sequence: 1,
          event_id: null,
          at: '2025-11-07T00:00:00+08:00',
          packs: null,
          facts: '{}',
          firings: null,
          level,
          next_change_at: null,
          signature: red.signature,
          same_as: sameAs,
          recorded_by: 'test',
        }),
      )
    await expect(write(red.chain_seq, 'none')).rejects.toThrow(/differs from row/)
    await expect(write(list[2]!.chain_seq, 'none')).rejects.toThrow(/must repeat a whole evaluation/)
  })

  it('shows a row made to repeat another row as broken', async () => {
    const list = await rows()
    const unchanged = list.filter((r) => r.same_as !== null)[0]!
    await asSuperuser(rt.db, (trx) =>
      sql`update evaluations set same_as = 1 where case_id = 'un-1' and chain_seq = ${unchanged.chain_seq}`.execute(
        trx,
      ),
    )
    const broken = (await verifyChains(rt.db)).broken
    expect(broken.map((b) => [b.caseId, b.chainSeq])).toContainEqual(['un-1', unchanged.chain_seq])
  })
})
