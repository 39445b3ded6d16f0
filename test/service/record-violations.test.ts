/** Records describe reality, rules judge it: a negative opinion without a reason and an over-cap extension request are recorded and flagged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { ServiceError } from '../../src/service/service-error.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, LIXIAN_MARKET, officerOf, stepStarted } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const officer = officerOf(LIXIAN_MARKET)
const actor = { id: 'u-li', name: '李明', post: '审查岗' }

describe.each(TARGETS)('recording violations on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
  }, 60_000)
  afterAll(() => rt?.close())

  /** What fired in the case's latest evaluation: that of the event just appended. */
  const fired = async (caseId: string) => {
    const row = await rt.db
      .selectFrom('evaluations')
      .select('firings')
      .where('case_id', '=', caseId)
      .orderBy('chain_seq', 'desc')
      .executeTakeFirstOrThrow()
    return (row.firings as { ruleId: string; level: string }[]).map((f) => `${f.ruleId}:${f.level}`)
  }

  it('a negative opinion without a reason (2018, 阿坝州办法 in force) is recorded, and 第三十条(四) fires on it', async () => {
    await appendEvent(rt, officer, 'rv-opinion', accepted({ at: '2018-09-03T09:30:00+08:00' }))
    await appendEvent(rt, officer, 'rv-opinion', stepStarted('e2', 'review', '2018-09-03T10:00:00+08:00'))
    const completed = {
      id: 'e3',
      type: 'stepCompleted',
      occurredAt: '2018-09-04T10:00:00+08:00',
      recordedAt: '2018-09-04T10:00:00+08:00',
      actor,
      stepId: 'review',
      opinion: { stance: 'negative', text: '不同意' },
    } as CaseEvent
    const r = await appendEvent(rt, officer, 'rv-opinion', completed)
    expect(r.sequence).toBe(3)
    expect(await fired('rv-opinion')).toContain('aba.platform.opinion-reason-blank:yellow')
  })

  it('an extension requested over the cap is recorded and judged red under 行政许可法 第四十二条; one approved over it is refused', async () => {
    await appendEvent(rt, officer, 'rv-extension', accepted({ at: '2025-11-03T09:30:00+08:00' }))
    const request = (id: string, workingDays: number) =>
      ({
        id,
        type: 'extensionRequested',
        occurredAt: '2025-11-27T10:00:00+08:00',
        recordedAt: '2025-11-27T10:00:00+08:00',
        actor,
        workingDays,
        reason: '需要现场核查',
      }) as CaseEvent
    expect((await appendEvent(rt, officer, 'rv-extension', request('e2', 15))).sequence).toBe(2)
    expect(await fired('rv-extension')).toContain('cn.licensing.extension-requested-over-cap:red')
    expect((await appendEvent(rt, officer, 'rv-extension', request('e3', 10))).sequence).toBe(3)
    expect(await fired('rv-extension')).not.toContain('cn.licensing.extension-requested-over-cap:red')
    const approval = {
      id: 'e4',
      type: 'extensionApproved',
      occurredAt: '2025-11-28T10:00:00+08:00',
      recordedAt: '2025-11-28T10:00:00+08:00',
      actor,
      workingDays: 15,
      approvedBy: '赵强',
      reason: '需要现场核查',
    } as CaseEvent
    const refused = await appendEvent(rt, officer, 'rv-extension', approval).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(ServiceError)
    expect((refused as ServiceError).status).toBe(422)
    expect((refused as ServiceError).problems[0]?.code).toBe('EXTENSION_OVER_CAP')
    const events = await rt.db
      .selectFrom('case_events')
      .select('event_id')
      .where('case_id', '=', 'rv-extension')
      .execute()
    expect(events.map((e) => e.event_id)).toEqual(['e1', 'e2', 'e3'])
  })
})
