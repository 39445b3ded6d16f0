/** The service opens a case whose deadline falls in a year without a notice, and records that the year was provisional. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { accepted, LIXIAN_MARKET, officerOf } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const officer = officerOf(LIXIAN_MARKET)

describe.each(TARGETS)('a provisional calendar year on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
  }, 60_000)
  afterAll(() => rt?.close())

  const extraOf = async (caseId: string) =>
    (await rt.db.selectFrom('evaluations').select('extra').where('case_id', '=', caseId).executeTakeFirstOrThrow())
      .extra as Record<string, unknown> | null

  it('opens a case accepted on 2026-12-15 (due in 2027) and its evaluation says the year was derived', async () => {
    const r = await appendEvent(rt, officer, 'pv-late', accepted({ at: '2026-12-15T09:30:00+08:00' }))
    expect(r.sequence).toBe(1)
    const extra = await extraOf('pv-late')
    expect(extra?.calendarProvisional).toMatchObject({
      years: [2027],
      zh: '2027 年节假日按《全国年节及纪念日放假办法》推算，待国务院办公厅通知',
    })
    const facts = (
      await rt.db.selectFrom('evaluations').select('facts').where('case_id', '=', 'pv-late').executeTakeFirstOrThrow()
    ).facts as { statutoryDueDate: string }
    expect(facts.statutoryDueDate).toBe('2027-01-13')
  })

  it('a case counted inside the notices has no such note', async () => {
    await appendEvent(rt, officer, 'pv-early', accepted({ at: '2026-09-25T09:30:00+08:00' }))
    expect((await extraOf('pv-early'))?.calendarProvisional).toBeUndefined()
  })
})
