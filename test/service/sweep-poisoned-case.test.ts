import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { openAlerts } from '../../src/service/case-reader.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { genesisHash, jsonColumn } from '../../src/store/hash-chain.js'
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
    // the other cases are copies of the first one's rows (appending 1,000 cases through the API would be slow): each
    // opens empty, takes the first case's event and evaluation in its own chain, and then its projection
    const c0 = await rt.db.selectFrom('cases').selectAll().where('case_id', '=', 'pc-0000').executeTakeFirstOrThrow()
    const {
      case_id: _id,
      head_seq: _s,
      head_hash: _h,
      status,
      level,
      overdue,
      event_count,
      next_change_at,
      alerts,
      last_evaluation_seq,
      problem: _p,
      ...header
    } = c0
    const e0 = await rt.db
      .selectFrom('evaluations')
      .selectAll()
      .where('case_id', '=', 'pc-0000')
      .where('chain_seq', '=', last_evaluation_seq!)
      .executeTakeFirstOrThrow()
    const { case_id: _c, chain_seq: _q, prev_hash: _v, hash: _x, stored_at: _t, ...evaluation } = e0
    await rt.db.transaction().execute(async (trx) => {
      for (let i = 1; i < CASES; i++) {
        const caseId = `pc-${String(i).padStart(4, '0')}`
        await trx
          .insertInto('cases')
          .values({ ...header, case_id: caseId, status: 'open', head_hash: genesisHash(caseId), alerts: '[]' })
          .execute()
        // pc-0500's stored event cannot be folded: an accepted event without its case
        const body = i === 500 ? { ...first, case: undefined } : first
        let head = await appendRecord(trx, { caseId, seq: 0, hash: genesisHash(caseId) }, 'case_events', {
          sequence: 1,
          event_id: 'e1',
          event_type: 'accepted',
          body: jsonColumn(body),
          recorded_by: 'test',
        })
        head = await appendRecord(trx, head, 'evaluations', {
          ...evaluation,
          packs: jsonColumn(evaluation.packs),
          facts: jsonColumn(evaluation.facts),
          firings: jsonColumn(evaluation.firings),
          extra: evaluation.extra === null ? null : jsonColumn(evaluation.extra),
        } as never)
        await trx
          .updateTable('cases')
          .set({
            status,
            level,
            overdue,
            event_count,
            next_change_at,
            alerts: jsonColumn(alerts),
            last_evaluation_seq: head.seq,
          })
          .where('case_id', '=', caseId)
          .execute()
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
