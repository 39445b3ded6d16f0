import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alarmBoard } from '../../src/service/alarm-board.js'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import type { CaseEvent, CaseFile } from '../../src/types/generated.js'
import { REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

/**
 * The shipped stalled food licence (accepted 2025-09-26, promised limit ends 2025-10-23, statutory 2025-10-30, across
 * the National Day holiday 10-01…10-08 and the make-up working days 09-28 and 10-11).
 */
const stalled = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile
const actor = stalled.events[1]!.actor
const evidence = (id: string, at: string): CaseEvent =>
  ({
    id,
    type: 'evidenceUploaded',
    occurredAt: at,
    recordedAt: at,
    actor,
    evidence: { id: `doc-${id}`, kind: 'document', title: '现场核查记录', sha256: 'a'.repeat(64) },
  }) as CaseEvent

describe.each(TARGETS)('when the board says a light turned, on $name', (target) => {
  let rt: Runtime
  let now = new Date('2025-10-24T09:00:00+08:00')
  beforeAll(async () => {
    rt = await target.open({ clock: () => now })
    for (const e of stalled.events) await appendEvent(rt, REGION_ADMIN, 'on-time', e)
  }, 120_000)
  afterAll(() => rt?.close())

  it('is the moment it turned, from the records: not the sweep that ran late, not the event appended after it', async () => {
    // sweeps on 10-14, 10-20 and 10-24: the light turns yellow at a sweep at its due moment (then the service is down
    // from 10-24 to 10-28, so the statutory margin of 10-27 is first seen by the sweep of 10-28)
    for (const day of ['2025-10-14', '2025-10-20', '2025-10-24']) {
      now = new Date(`${day}T09:00:00+08:00`)
      await sweepDue(rt)
    }
    // the same case opened as another one, whose sweeps did not run between 09-30 and 10-28 (the service was down)
    for (const e of stalled.events) await appendEvent(rt, REGION_ADMIN, 'late-sweep', e)
    now = new Date('2025-10-28T09:00:00+08:00')
    await sweepDue(rt)
    const late = await rt.db
      .selectFrom('evaluations')
      .select(['cause', 'at'])
      .where('case_id', '=', 'late-sweep')
      .orderBy('chain_seq', 'desc')
      .executeTakeFirstOrThrow()
    // the late sweep evaluated once, at the latest due moment: that is not when the light turned
    expect(late).toMatchObject({ cause: 'sweep' })
    expect(Date.parse(late.at)).toBe(Date.parse('2025-10-28T00:00:00+08:00'))
    // appended later, still yellow: the event's evaluation does not move the moment either
    now = new Date('2025-10-29T10:00:00+08:00')
    for (const id of ['on-time', 'late-sweep'])
      await appendEvent(rt, REGION_ADMIN, id, evidence(`x-${id}`, '2025-10-29T09:50:00+08:00'))

    const board = await alarmBoard(rt, REGION_ADMIN)
    for (const id of ['on-time', 'late-sweep']) {
      const a = board.alarms.find((x) => x.caseId === id)!
      expect(a.level, id).toBe('yellow')
      const since = Object.fromEntries(a.firings.map((f) => [f.ruleId, f.since && new Date(f.since).toISOString()]))
      // the promised limit ends 2025-10-23: overdue from the start of 10-24, whenever the records noticed it
      expect(since['sc.deadline.promised-overdue'], id).toBe(new Date('2025-10-24T00:00:00+08:00').toISOString())
      // 3 working days before the statutory end (10-30): 10-27, 10-28, 10-29 and 10-30 left from the start of 10-27
      expect(since['sc.deadline.statutory-near'], id).toBe(new Date('2025-10-27T00:00:00+08:00').toISOString())
      expect(new Date(a.turnedAt!).toISOString(), id).toBe(since['sc.deadline.step-overdue'])
    }
    const onTime = board.alarms.find((x) => x.caseId === 'on-time')!
    const lateSweep = board.alarms.find((x) => x.caseId === 'late-sweep')!
    // the step overdue first, found by the daily sweep on time and by the late one from the due moments it skipped alike
    expect(lateSweep.turnedAt && Date.parse(lateSweep.turnedAt)).toBe(onTime.turnedAt && Date.parse(onTime.turnedAt))
    expect(Date.parse(onTime.turnedAt!)).toBeLessThan(Date.parse('2025-10-24T00:00:00+08:00'))
  })
})
