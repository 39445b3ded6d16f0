/** A year's notice added: the open cases whose due dates move are listed and re-evaluated, by the command and by the service. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { watchCalendar } from '../../src/service/calendar-watch.js'
import { recalendar, type RecalendarReport } from '../../src/service/recalendar.js'
import type { Runtime } from '../../src/service/runtime.js'
import { accepted, LIXIAN_MARKET, officerOf } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const officer = officerOf(LIXIAN_MARKET)
const RULES = fileURLToPath(new URL('../../rules', import.meta.url))

/**
 * A notice for 2027 made up for this test only (it is not the State Council's): 元旦 from 1 to 4 January, so a
 * period counted over it ends one working day later than on the provisional year (元旦 on 1 January only).
 */
const FIXTURE_2027 = {
  year: 2027,
  jurisdiction: 'CN',
  layer: 'national',
  source: { document: '测试用的假想通知（并非国务院办公厅的通知）', number: '测试〔2026〕1号', issuedOn: '2026-11-30' },
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }],
  workdays: [],
}

describe.each(TARGETS)("a year's notice added, on $name", (target) => {
  let rt: Runtime
  let rules: string
  const add2027 = () =>
    writeFileSync(join(rules, 'calendar', '2027.json'), `${JSON.stringify(FIXTURE_2027, null, 2)}\n`)
  const remove2027 = () => rmSync(join(rules, 'calendar', '2027.json'), { force: true })
  const latest = async (caseId: string) => {
    const row = await rt.db
      .selectFrom('cases')
      .innerJoin('evaluations', (j) =>
        j
          .onRef('evaluations.case_id', '=', 'cases.case_id')
          .onRef('evaluations.chain_seq', '=', 'cases.last_evaluation_seq'),
      )
      .select(['evaluations.cause', 'evaluations.facts', 'evaluations.extra'])
      .where('cases.case_id', '=', caseId)
      .executeTakeFirstOrThrow()
    return {
      cause: row.cause,
      due: (row.facts as { statutoryDueDate: string }).statutoryDueDate,
      provisional: (row.extra as { calendarProvisional?: unknown } | null)?.calendarProvisional,
    }
  }

  beforeAll(async () => {
    rules = mkdtempSync(join(tmpdir(), 'xingquan-recalendar-'))
    cpSync(RULES, rules, { recursive: true })
    rt = await target.open({ rulesDir: rules, clock: () => new Date('2026-12-16T01:00:00Z') })
  }, 60_000)
  afterAll(async () => {
    await rt?.close()
    rmSync(rules, { recursive: true, force: true })
  })

  it('lists the open cases whose due dates move, re-evaluates them, and leaves the others alone', async () => {
    remove2027()
    rt.reloadCalendar()
    await appendEvent(rt, officer, 'rc-late', accepted({ at: '2026-12-15T09:30:00+08:00' }))
    await appendEvent(rt, officer, 'rc-early', accepted({ at: '2026-09-25T09:30:00+08:00' }))
    expect(await latest('rc-late')).toMatchObject({ cause: 'event', due: '2027-01-13', provisional: { years: [2027] } })

    add2027()
    rt.reloadCalendar()
    const dry = await recalendar(rt, { dryRun: true })
    expect(dry.moved).toEqual([
      {
        caseId: 'rc-late',
        at: '2026-12-15T09:30:00+08:00',
        before: { statutoryDueDate: '2027-01-13', promisedDueDate: '2027-01-06', provisionalYears: [2027] },
        after: { statutoryDueDate: '2027-01-14', promisedDueDate: '2027-01-07', provisionalYears: [] },
      },
    ])
    expect(dry.evaluated).toBe(0)
    expect(await latest('rc-late')).toMatchObject({ cause: 'event', due: '2027-01-13' })

    const applied = await recalendar(rt)
    expect(applied.moved.map((m) => m.caseId)).toEqual(['rc-late'])
    expect(applied.evaluated).toBe(1)
    const now = await latest('rc-late')
    expect(now).toMatchObject({ cause: 'sweep', due: '2027-01-14' })
    expect(now.provisional).toBeUndefined()
    expect((await recalendar(rt, { dryRun: true })).moved).toEqual([])
  })

  it('the service does it itself when a file of the calendar directory changes', async () => {
    remove2027()
    rt.reloadCalendar()
    await appendEvent(rt, officer, 'rc-watched', accepted({ at: '2026-12-15T10:30:00+08:00' }))
    expect(await latest('rc-watched')).toMatchObject({ due: '2027-01-13', provisional: { years: [2027] } })
    const reports: RecalendarReport[] = []
    const errors: unknown[] = []
    const stop = watchCalendar(
      rt,
      (r) => reports.push(r),
      (e) => errors.push(e),
      100,
    )
    try {
      add2027()
      for (let i = 0; i < 100 && !reports.some((r) => r.evaluated > 0); i++)
        await new Promise((done) => setTimeout(done, 100))
    } finally {
      await stop()
    }
    expect(errors).toEqual([])
    expect(reports.flatMap((r) => r.moved.map((m) => m.caseId))).toContain('rc-watched')
    expect(await latest('rc-watched')).toMatchObject({ cause: 'sweep', due: '2027-01-14' })
  })
})
