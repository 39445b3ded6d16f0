import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XingquanError } from '../../src/errors/xingquan-error.js'
import { appendEvent } from '../../src/service/append-event.js'
import { plainNotice, type NoticeRenderer } from '../../src/service/notice-hook.js'
import type { Runtime } from '../../src/service/runtime.js'
import { renderOutbox } from '../../src/service/outbox-renderer.js'
import { noticesSettled, sweepDue } from '../../src/service/sweep.js'
import { unrenderedNotices } from '../../src/store/notice-outbox.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

/**
 * A renderer that numbers every notice from the service's counter, and fails (after its number is taken, when the
 * notice is rendered) for the cases named in `failing`: as a notice missing a field would.
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

  const numberOf = (text: string | null) => Number(/〔2025〕(\d+)号/.exec(text!)![1])

  it('sweeps the case whose notice cannot be rendered, keeps its number, and renders it once the cause is fixed', async () => {
    failing.add('sb-3')
    const now = new Date('2025-11-05T12:00:00+08:00')
    const report = await sweepDue(rt, { now, batch: 4 })
    // no case is set aside for a notice: every due case is evaluated and no longer due
    expect(report.failed).toEqual([])
    expect(report.evaluated).toBe(6)
    expect(report.notices).toBe(5)
    expect(report.rendered).toBe(4)
    expect(report.renderFailed).toMatchObject([
      { caseId: 'sb-3', code: 'NOTICE_ORGAN_MISSING', en: 'no issuing organ' },
    ])
    const notices = await sweptNotices()
    expect(notices.some((n) => n.case_id === 'sb-3')).toBe(false)
    expect(new Set(notices.map((n) => n.case_id))).toEqual(new Set(['sb-1', 'sb-2', 'sb-4', 'sb-5']))
    // five numbers were taken in the sweep's transaction; the failing case keeps its own, not given back
    const numbers = notices.map((n) => numberOf(n.number)).sort((a, b) => a - b)
    expect(numbers).toHaveLength(4)
    const [waiting] = await unrenderedNotices(rt.db, 'sb-3')
    expect(waiting).toMatchObject({
      caseId: 'sb-3',
      attempts: 1,
      lastError: { code: 'NOTICE_ORGAN_MISSING', zh: '没有发文机关' },
    })
    const kept = (await rt.db
      .selectFrom('notice_outbox' as never)
      .selectAll()
      .execute()) as unknown as {
      case_id: string
      sequence: number
    }[]
    expect(kept.map((k) => k.sequence).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
    const sb3Number = kept.find((k) => k.case_id === 'sb-3')!.sequence
    expect(numbers).not.toContain(sb3Number)
    const rows = await rt.db
      .selectFrom('cases')
      .select(['case_id', 'level', 'next_change_at', 'last_evaluation_seq', 'problem'])
      .where('case_id', 'in', [...ids, 'sb-quiet'])
      .orderBy('case_id')
      .execute()
    for (const r of rows) {
      expect(r.next_change_at === null || r.next_change_at.getTime() > now.getTime()).toBe(true)
      expect(r.last_evaluation_seq).toBeGreaterThan(2)
      expect(r.problem).toBeNull()
    }
    const byId = Object.fromEntries(rows.map((r) => [r.case_id, r]))
    expect(byId['sb-1']!.level).toBe('red')
    expect(byId['sb-3']!.level).toBe('red')
    expect(byId['sb-quiet']!.level).toBe('none')
    expect((await verifyChains(rt.db)).broken).toEqual([])

    // not retried before its backoff has passed, even once the cause is fixed
    failing.clear()
    expect(await renderOutbox(rt)).toEqual({ rendered: 0, failed: [] })
    expect(await sweepDue(rt, { now })).toMatchObject({ evaluated: 0, notices: 0 })
    // after it: rendered with the number the sweep took, once
    const later = new Date(Date.now() + 2 * 60_000)
    expect(await renderOutbox(rt, { now: later })).toEqual({ rendered: 1, failed: [] })
    expect(await renderOutbox(rt, { now: later, scope: 'all' })).toEqual({ rendered: 0, failed: [] })
    const after = await sweptNotices()
    expect(after.filter((n) => n.case_id === 'sb-3').map((n) => numberOf(n.number))).toEqual([sb3Number])
    expect(after.map((n) => numberOf(n.number)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
    expect(await unrenderedNotices(rt.db)).toEqual([])
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })

  it('renders each notice once when several renderers take the outbox at the same time', async () => {
    const more = ['sb-6', 'sb-7', 'sb-8', 'sb-9']
    for (const [i, id] of more.entries())
      await appendEvent(rt, REGION_ADMIN, id, accepted({ at: `2025-09-26T10:3${i}:00+08:00` }))
    const now = new Date('2025-11-05T12:00:00+08:00')
    // the sweep's own renders still running, as after a crash the start-up's, and another process's retry
    const report = await sweepDue(rt, { now, batch: 2, awaitNotices: false })
    expect(report.notices).toBe(4)
    const [a, b] = await Promise.all([renderOutbox(rt, { scope: 'all' }), renderOutbox(rt, { scope: 'all' })])
    await noticesSettled(rt)
    const made = (await sweptNotices()).filter((n) => more.includes(n.case_id))
    expect(made.map((n) => n.case_id).sort()).toEqual(more)
    expect(a.failed).toEqual([])
    expect(b.failed).toEqual([])
    expect(await unrenderedNotices(rt.db)).toEqual([])
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })

  it('writes the batch case by case when the database refuses one case, and numbers and renders the others', async () => {
    const more = ['sb-10', 'sb-11', 'sb-12']
    for (const [i, id] of more.entries())
      await appendEvent(rt, REGION_ADMIN, id, accepted({ at: `2025-09-26T11:3${i}:00+08:00` }))
    // a chain head moved back (as a superuser could leave it): the case's next row takes a position already taken
    await sql`alter table cases disable trigger cases_guard`.execute(rt.db)
    await sql`update cases set head_seq = head_seq - 1 where case_id = 'sb-11'`.execute(rt.db)
    await sql`alter table cases enable trigger cases_guard`.execute(rt.db)
    rt.states.clear()
    const now = new Date('2025-11-05T12:00:00+08:00')
    const report = await sweepDue(rt, { now })
    expect(report.evaluated).toBe(2)
    expect(report.failed.map((f) => f.caseId)).toEqual(['sb-11'])
    expect(report.notices).toBe(2)
    expect(report.rendered).toBe(2)
    const made = (await sweptNotices()).filter((n) => more.includes(n.case_id))
    expect(made.map((n) => n.case_id).sort()).toEqual(['sb-10', 'sb-12'])
    const all = (await sweptNotices()).map((n) => numberOf(n.number)).sort((a, b) => a - b)
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1))
  })
})
