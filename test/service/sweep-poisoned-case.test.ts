import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { openAlerts } from '../../src/service/case-reader.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { jsonColumn } from '../../src/store/hash-chain.js'
import { appendRecord } from '../../src/store/record-writer.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const CASES = 1000

describe.each(TARGETS)('a sweep over 1,000 due cases with one poisoned on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    const first = accepted()
    await appendEvent(rt, REGION_ADMIN, 'pc-0000', first)
    // the other cases are copies of the first one's rows (appending 1,000 cases through the API would be slow)
    const c0 = await rt.db.selectFrom('cases').selectAll().where('case_id', '=', 'pc-0000').executeTakeFirstOrThrow()
    const { case_id: _id, head_seq: _s, head_hash: _h, ...projection } = c0
    await rt.db.transaction().execute(async (trx) => {
      for (let i = 1; i < CASES; i++) {
        const caseId = `pc-${String(i).padStart(4, '0')}`
        await trx
          .insertInto('cases')
          .values({ ...projection, case_id: caseId, head_hash: `genesis:${caseId}`, alerts: '[]', problem: null })
          .execute()
        const head = await trx
          .selectFrom('cases')
          .select(['head_seq', 'head_hash'])
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
        // pc-0500's stored event cannot be folded: an accepted event without its case
        const body = i === 500 ? { ...first, case: undefined } : first
        await appendRecord(trx, { caseId, seq: head.head_seq, hash: head.head_hash }, 'case_events', {
          sequence: 1,
          event_id: 'e1',
          event_type: 'accepted',
          body: jsonColumn(body),
          recorded_by: 'test',
        })
      }
    })
  }, 180_000)
  afterAll(() => rt?.close())

  it('sweeps the other 999 and sets the poisoned one aside with a recorded, visible problem', async () => {
    const now = new Date('2025-10-10T12:00:00+08:00')
    const report = await sweepDue(rt, { now })
    expect(report.failed).toEqual([expect.objectContaining({ caseId: 'pc-0500', code: 'CASE_EVALUATION_FAILED' })])
    expect(report.evaluated).toBe(CASES - 1)
    const swept = await rt.db
      .selectFrom('evaluations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('cause', '=', 'sweep')
      .executeTakeFirstOrThrow()
    expect(Number(swept.n)).toBe(CASES - 1)

    const problems = await rt.db.selectFrom('case_problems').select(['case_id', 'code']).execute()
    expect(problems).toEqual([{ case_id: 'pc-0500', code: 'CASE_EVALUATION_FAILED' }])
    const { alerts } = await openAlerts(rt, REGION_ADMIN, { level: 'red' })
    expect(alerts).toEqual([
      expect.objectContaining({
        caseId: 'pc-0500',
        ruleId: 'system.case-set-aside',
        level: 'red',
        code: 'CASE_EVALUATION_FAILED',
      }),
    ])

    // a later sweep tries it again, without recording the same problem twice, and leaves the others alone
    const again = await sweepDue(rt, { now })
    expect(again).toMatchObject({ evaluated: 0, failed: [{ caseId: 'pc-0500' }] })
    expect(await rt.db.selectFrom('case_problems').select('id').execute()).toHaveLength(1)
  }, 120_000)
})
