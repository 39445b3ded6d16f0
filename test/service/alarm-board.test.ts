import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alarmBoard } from '../../src/service/alarm-board.js'
import { appendEvent } from '../../src/service/append-event.js'
import { caseAsOf } from '../../src/service/case-audit.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import type { CaseFile } from '../../src/types/generated.js'
import { LIXIAN_TAX, officerOf, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const stalled = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile

describe.each(TARGETS)('the alarm board on $name', (target) => {
  let rt: Runtime
  let now = new Date('2025-10-28T09:00:00+08:00')
  beforeAll(async () => {
    rt = await target.open({ clock: () => now })
    for (const e of stalled.events) await appendEvent(rt, REGION_ADMIN, 'board-1', e)
    await sweepDue(rt)
  }, 120_000)
  afterAll(() => rt?.close())

  it('shows a yellow case with its rules, the moment it turned and its last days; then red once the limit passes', async () => {
    const yellow = await alarmBoard(rt, REGION_ADMIN)
    expect(yellow.count).toEqual({ cases: 1, red: 0, yellow: 1 })
    const a = yellow.alarms[0]!
    expect(a).toMatchObject({
      caseId: 'board-1',
      level: 'yellow',
      statutory: { dueDate: '2025-10-30', overdue: false },
      promised: { dueDate: '2025-10-23', overdue: true },
    })
    expect(a.firings.map((f) => f.ruleId)).toContain('sc.deadline.statutory-near')
    expect(a.turnedAt).not.toBeNull()
    expect(yellow.byDepartment).toEqual([
      {
        department: { code: 'lx-scjgj', name: '理县市场监督管理局', jurisdiction: '513222' },
        red: 0,
        yellow: 1,
        cases: ['board-1'],
      },
    ])
    now = new Date('2025-11-03T09:00:00+08:00')
    await sweepDue(rt)
    const red = await alarmBoard(rt, REGION_ADMIN, { level: 'red' })
    expect(red.count).toMatchObject({ red: 1, yellow: 0 })
    expect(red.alarms[0]!.firings.map((f) => f.ruleId)).toEqual(['sc.deadline.statutory-overdue'])
    // the statutory limit ends 2025-10-30: red from the start of 10-31, though the sweep first saw it on 11-03
    expect(Date.parse(red.alarms[0]!.turnedAt!)).toBe(Date.parse('2025-10-31T00:00:00+08:00'))
    expect(red.byArticle.map((x) => x.article)).toEqual(['第十条'])
    expect((await alarmBoard(rt, REGION_ADMIN, { article: '第九十九条' })).count.cases).toBe(0)
    expect((await alarmBoard(rt, officerOf(LIXIAN_TAX))).count.cases).toBe(0)
  })

  it('shows the case as known at a past moment without recording anything', async () => {
    const before = await rt.db
      .selectFrom('evaluations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const then = await caseAsOf(rt, REGION_ADMIN, 'board-1', '2025-10-27T09:00:00+08:00')
    expect(then.evaluation?.firings.some((f) => f.ruleId === 'sc.deadline.statutory-near')).toBe(true)
    expect(then.evaluation?.firings.some((f) => f.level === 'red')).toBe(false)
    expect(then.eventsKnown).toBe(4)
    const early = await caseAsOf(rt, REGION_ADMIN, 'board-1', '2025-09-26T09:30:30+08:00')
    expect(early.eventsKnown).toBe(0)
    const after = await rt.db
      .selectFrom('evaluations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})
