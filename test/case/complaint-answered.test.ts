import { describe, expect, it } from 'vitest'
import { applyEvent } from '../../src/case/apply-event.js'
import type { CaseState } from '../../src/case/case-state.js'
import { XingquanError } from '../../src/errors/xingquan-error.js'
import { findingSubject } from '../../src/evaluation/finding-subject.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, event } from '../support/case-builder.js'

const fold = (events: CaseEvent[]) => events.reduce<CaseState | undefined>((s, e) => applyEvent(s, e, 'c1'), undefined)!
const refusal = (events: CaseEvent[]) => {
  try {
    fold(events)
  } catch (err) {
    expect(err).toBeInstanceOf(XingquanError)
    return err as XingquanError
  }
  throw new Error('expected a refusal')
}

const supervisor = { id: 'u-jc', name: '赵监察', post: '电子监察员' }
const complaint = (id: string, day: string) =>
  event(day, {
    id,
    type: 'complaintReceived',
    kind: 'complaint',
    realName: false,
    content: '窗口态度差',
    actor: supervisor,
  })
const answer = (complaintId: string, day: string, time = '10:00') =>
  event(
    day,
    { type: 'complaintAnswered', complaintId, handling: '已约谈窗口人员并电话告知投诉人', actor: supervisor },
    time,
  )

describe('complaintAnswered: the reply to a complaint', () => {
  it('is kept beside the complaint it answers, also after the case is closed', () => {
    const s = fold([
      accepted('2026-11-02'),
      event('2026-11-10', { type: 'closed' }),
      complaint('k1', '2026-11-12'),
      complaint('k2', '2026-11-13'),
      answer('k1', '2026-11-16'),
    ])
    const replies = s.complaints.filter((c) => c.type === 'complaintAnswered')
    expect(replies).toHaveLength(1)
    expect(replies[0]).toMatchObject({ complaintId: 'k1', actor: { name: '赵监察' } })
    // a reply is not the department's handling: the last handler stays who closed the case
    expect(s.lastHandler?.name).toBe('李明')
  })

  it('does not make whoever replied the person responsible for a finding on the case', () => {
    const reply = answer('k1', '2026-11-16')
    const s = fold([
      accepted('2026-11-02'),
      event('2026-11-03', { type: 'stepStarted', stepId: 'review' }),
      complaint('k1', '2026-11-12'),
      reply,
    ])
    // the handler of the case (who started the step in progress), not the supervisor who answered the complaint
    expect(findingSubject(s, reply, '七').responsible).toEqual({ id: 'u-li', name: '李明', post: '审查岗' })
  })

  it('refuses a reply to a complaint the case does not have, in Chinese and English', () => {
    const err = refusal([accepted('2026-11-02'), complaint('k1', '2026-11-12'), answer('k9', '2026-11-16')])
    expect(err.code).toBe('COMPLAINT_UNKNOWN')
    expect(err.problems[0]!.zh).toContain('办件没有编号为“k9”的投诉')
    expect(err.problems[0]!.en).toContain('no complaint (complaintReceived) with id "k9"')
  })

  it('refuses a second reply to the same complaint and names the first', () => {
    const first = answer('k1', '2026-11-16')
    const err = refusal([accepted('2026-11-02'), complaint('k1', '2026-11-12'), first, answer('k1', '2026-11-17')])
    expect(err.code).toBe('COMPLAINT_ALREADY_ANSWERED')
    expect(err.problems[0]!.zh).toContain(`已由事件 ${first.id} 答复`)
    expect(err.problems[0]!.en).toContain(`already answered by event ${first.id}`)
  })

  it('refuses a reply dated before the complaint was received', () => {
    const err = refusal([
      accepted('2026-11-02'),
      { ...complaint('k1', '2026-11-12'), recordedAt: '2026-11-12T10:00:00+08:00' },
      { ...answer('k1', '2026-11-11'), recordedAt: '2026-11-12T11:00:00+08:00' },
    ])
    expect(err.code).toBe('COMPLAINT_ANSWERED_BEFORE_RECEIVED')
    expect(err.problems[0]!.en).toContain('dated before complaint "k1"')
  })
})
