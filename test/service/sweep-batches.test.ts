import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XingquanError } from '../../src/errors/xingquan-error.js'
import { appendEvent } from '../../src/service/append-event.js'
import { plainNotice, type NoticeRenderer } from '../../src/service/notice-hook.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

/**
 * A renderer that numbers every notice from the service's counter, and fails (after its number is taken) for the
 * cases named in `failing`: as a notice missing a field would.
 */
function numberedNotices(failing: ReadonlySet<string>): NoticeRenderer {
  return (request) => {
    const plain = plainNotice(request)
    if (!plain) return undefined
    return {
      organ: 'lx-test',
      year: 2025,
      render: (n) => {
        if (failing.has(request.caseId))
          throw new XingquanError({ code: 'NOTICE_ORGAN_MISSING', zh: '没有发文机关', en: 'no issuing organ' })
        return { ...plain.render(null), organ: '理县测试机关', number: `理测〔2025〕${n}号` }
      },
    }
  }
}

describe.each(TARGETS)('sweep batches on $name', (target) => {
  let rt: Runtime
  const failing = new Set<string>()
  const ids = ['sb-1', 'sb-2', 'sb-3', 'sb-4', 'sb-5']
  beforeAll(async () => {
    rt = await target.open({ notices: numberedNotices(failing) })
    for (const [i, id] of ids.entries())
      await appendEvent(rt, REGION_ADMIN, id, accepted({ at: `2025-09-26T09:3${i}:00+08:00` }))
    // and a case due at the same sweep with no notice to make
    await appendEvent(rt, REGION_ADMIN, 'sb-quiet', accepted({ at: '2025-10-30T09:30:00+08:00' }))
  }, 60_000)
  afterAll(() => rt?.close())

  const sweptNotices = async () =>
    rt.db
      .selectFrom('notices')
      .innerJoin('evaluations', (j) =>
        j
          .onRef('evaluations.case_id', '=', 'notices.case_id')
          .onRef('evaluations.chain_seq', '=', 'notices.evaluation_seq'),
      )
      .select(['notices.case_id', 'notices.number'])
      .where('evaluations.cause', '=', 'sweep')
      .execute()

  it('leaves out only the case whose notice cannot be made, gives its number back, and keeps it due', async () => {
    failing.add('sb-3')
    const now = new Date('2025-11-05T12:00:00+08:00')
    const report = await sweepDue(rt, { now, batch: 4 })
    expect(report.failed).toEqual([{ caseId: 'sb-3', code: 'NOTICE_ORGAN_MISSING', en: 'no issuing organ' }])
    expect(report.evaluated).toBe(5)
    const notices = await sweptNotices()
    expect(notices.some((n) => n.case_id === 'sb-3')).toBe(false)
    expect(new Set(notices.map((n) => n.case_id))).toEqual(new Set(['sb-1', 'sb-2', 'sb-4', 'sb-5']))
    // the numbers run without a gap: the one the failing case took was rolled back with it
    const numbers = notices.map((n) => Number(/〔2025〕(\d+)号/.exec(n.number!)![1])).sort((a, b) => a - b)
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1))
    const rows = await rt.db
      .selectFrom('cases')
      .select(['case_id', 'level', 'next_change_at', 'last_evaluation_seq'])
      .where('case_id', 'in', [...ids, 'sb-quiet'])
      .orderBy('case_id')
      .execute()
    const byId = Object.fromEntries(rows.map((r) => [r.case_id, r]))
    expect(byId['sb-3']!.next_change_at!.getTime()).toBeLessThanOrEqual(now.getTime())
    expect(byId['sb-3']!.level).toBe('none')
    for (const id of ['sb-1', 'sb-2', 'sb-4', 'sb-5', 'sb-quiet']) {
      expect(byId[id]!.next_change_at === null || byId[id]!.next_change_at!.getTime() > now.getTime()).toBe(true)
      expect(byId[id]!.last_evaluation_seq).toBeGreaterThan(2)
    }
    expect(byId['sb-1']!.level).toBe('red')
    expect(byId['sb-quiet']!.level).toBe('none')
    expect((await verifyChains(rt.db)).broken).toEqual([])

    // once the notice can be made, a later sweep records the case, with the next number
    failing.clear()
    const again = await sweepDue(rt, { now })
    expect(again).toMatchObject({ evaluated: 1, failed: [] })
    const after = await sweptNotices()
    const sb3 = after.filter((n) => n.case_id === 'sb-3').map((n) => Number(/〔2025〕(\d+)号/.exec(n.number!)![1]))
    expect(sb3.length).toBeGreaterThan(0)
    expect(Math.min(...sb3)).toBe(numbers.length + 1)
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })
})
