import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { startSweeper, sweepDue } from '../../src/service/sweep.js'
import { templateNotices } from '../../src/service/template-notices.js'
import { renderOutbox } from '../../src/service/outbox-renderer.js'
import { settledOutboxId, unrenderedNotices } from '../../src/store/notice-outbox.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

describe.each(TARGETS)('the notice outbox with the shipped templates on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open({ notices: templateNotices(() => rt.env()) })
    await appendEvent(rt, REGION_ADMIN, 'ob-memory', accepted())
    await appendEvent(rt, REGION_ADMIN, 'ob-crash', accepted())
  }, 60_000)
  afterAll(() => rt?.close())

  const redAlarm = async (caseId: string) =>
    rt.db
      .selectFrom('notices')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('template', '=', 'red-alarm')
      .executeTakeFirst()

  it('renders at the sweeper start what a crash left in the outbox, as the sweep would have from memory', async () => {
    const now = new Date('2025-11-05T12:00:00+08:00')
    const first = await sweepDue(rt, { now, caseIds: ['ob-memory'] })
    expect(first).toMatchObject({ evaluated: 1, failed: [], renderFailed: [] })
    expect(first.rendered).toBe(first.notices)
    // the other case's notices numbered and left in the outbox, nothing of it in memory: as after a crash
    const left = await sweepDue(rt, { now, caseIds: ['ob-crash'], renderNotices: false })
    expect(left.notices).toBe(first.notices)
    expect(left.rendered).toBe(0)
    rt.states.clear()
    expect(await redAlarm('ob-crash')).toBeUndefined()
    expect((await unrenderedNotices(rt.db, 'ob-crash')).length).toBe(left.notices)

    const stop = startSweeper(rt, 60_000)
    try {
      for (let i = 0; i < 200 && (await unrenderedNotices(rt.db)).length > 0; i++)
        await new Promise((r) => setTimeout(r, 50))
    } finally {
      await stop()
    }
    expect(await unrenderedNotices(rt.db)).toEqual([])
    const fromMemory = (await redAlarm('ob-memory'))!
    const fromOutbox = (await redAlarm('ob-crash'))!
    expect(fromMemory.number).toMatch(/〔2025〕1号$/)
    expect(fromOutbox.number).toMatch(/〔2025〕2号$/)
    // the same notice but for its number: read back and folded, the case gives what memory gave
    const unnumbered = (text: string) => text.replaceAll(/〔2025〕\d+号/g, '〔2025〕N号')
    expect(unnumbered(fromOutbox.text)).toBe(unnumbered(fromMemory.text))
    expect(unnumbered(fromOutbox.html)).toBe(unnumbered(fromMemory.html))
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })

  it("renders, on a running process's retry, what another process left untried when it stopped, once it is stale", async () => {
    const now = new Date('2025-11-05T12:00:00+08:00')
    await appendEvent(rt, REGION_ADMIN, 'ob-other', accepted())
    const before = await settledOutboxId(rt.db, '0', new Date(Date.now() + 60_000))
    // another process numbered these notices and stopped before rendering them
    const left = await sweepDue(rt, { now, caseIds: ['ob-other'], renderNotices: false })
    expect(left.notices).toBeGreaterThan(0)
    const ids = (await unrenderedNotices(rt.db, 'ob-other')).map((e) => e.id)
    expect(ids).toHaveLength(left.notices)
    // a retry renders the failed ones only, and the untried ones once stored before the moment given, after the mark
    const fresh = { afterId: before, storedBefore: new Date(Date.now() - 120_000) }
    expect((await renderOutbox(rt, { scope: 'failed', untried: fresh })).rendered).toBe(0)
    const pastThem = { afterId: ids.at(-1)!, storedBefore: new Date(Date.now() + 60_000) }
    expect((await renderOutbox(rt, { scope: 'failed', untried: pastThem })).rendered).toBe(0)
    expect((await renderOutbox(rt, { scope: 'failed' })).rendered).toBe(0)
    const stale = { afterId: before, storedBefore: new Date(Date.now() + 60_000) }
    expect(await renderOutbox(rt, { scope: 'failed', untried: stale })).toEqual({ rendered: left.notices, failed: [] })
    expect(await unrenderedNotices(rt.db)).toEqual([])
    // the low-water mark: the last entry stored before the moment given, or where it was
    expect(await settledOutboxId(rt.db, before, new Date(Date.now() + 60_000))).toBe(ids.at(-1))
    expect(await settledOutboxId(rt.db, before, new Date(Date.now() - 3_600_000))).toBe(before)
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })
})
