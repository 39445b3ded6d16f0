/** supervision-urge for a supervision matter (督办事项), called for by the shipped rule sc.supervision-matter.assigned. */
import { describe, expect, it } from 'vitest'
import { noticeOf, readCase } from './harness.js'

describe('supervision-urge on a supervision matter, from the shipped rule sc.supervision-matter.assigned', () => {
  it('states the 20 working days of 第九条, the same due date as the matter clock, across the National Day holiday', async () => {
    const n = await noticeOf(readCase('supervision-matter'), { event: 1, rule: 'sc.supervision-matter.assigned' })
    expect(n.number.text).toBe('理监委〔2025〕1号')
    expect(n.context.addressee.name).toBe('理县市场监督管理局')
    expect(n.text).toContain('现将下列督查督办事项交由你单位调查处理。')
    expect(n.text).toContain('（督办事项，编号：LX-DB-2025-007）')
    expect(n.context.deadline?.date).toBe('2025-11-03')
    expect(n.context.deadline?.date).toBe(n.context.facts.statutoryDueDate)
    // 第九条 is the firing's own citation: quoted once, not again as the notice's basis
    expect(n.text.split('第九条规定：').length - 1).toBe(1)
  })
})
