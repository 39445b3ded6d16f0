import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { firingsToNotice } from '../../src/evaluation/notice-episode.js'
import type { Firing } from '../../src/rules/rule-set.js'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { templateNotices } from '../../src/service/template-notices.js'
import { accepted, evidence, REGION_ADMIN } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const firing = (ruleId: string, notice?: string) => ({ ruleId, ...(notice ? { notice } : {}) }) as unknown as Firing

describe('a notice once per episode', () => {
  it('is issued when a firing first appears, not while it goes on, and again after it cleared', () => {
    const red = firing('sc.deadline.statutory-overdue', 'red-alarm')
    const quiet = firing('sc.info', undefined)
    expect(firingsToNotice(new Set(), [red, quiet])).toEqual([red])
    expect(firingsToNotice(new Set([red.ruleId]), [red, quiet])).toEqual([])
    // cleared (the previous evaluation had it not), then back
    expect(firingsToNotice(new Set([quiet.ruleId]), [red])).toEqual([red])
  })
})

describe.each(TARGETS)('events on a case that is already red on $name', (target) => {
  let rt: Runtime | undefined
  beforeAll(async () => {
    rt = await target.open({ notices: templateNotices(() => rt!.env()) })
  }, 60_000)
  afterAll(() => rt?.close())

  it('issue one red-alarm notice for 50 events after it went red, and the sweep none more', async () => {
    await appendEvent(rt!, REGION_ADMIN, 'ep-1', accepted())
    for (let i = 0; i < 51; i++) {
      const at = new Date(Date.parse('2025-11-10T09:00:00+08:00') + i * 60_000).toISOString()
      const appended = await appendEvent(rt!, REGION_ADMIN, 'ep-1', evidence(i, at))
      expect(appended.level).toBe('red')
    }
    await sweepDue(rt!, { now: new Date('2025-11-20T12:00:00+08:00') })
    const notices = await rt!.db
      .selectFrom('notices')
      .select(['template', 'rule_id'])
      .where('case_id', '=', 'ep-1')
      .execute()
    const red = notices.filter((n) => n.template === 'red-alarm')
    expect(red).toHaveLength(1)
    // every notice rule appears once: each episode its notice
    expect(new Set(notices.map((n) => n.rule_id)).size).toBe(notices.length)
  }, 120_000)
})
