/** The service's notice hook, made with the real templates and numbered from a transactional counter. */
import { describe, expect, it } from 'vitest'
import { selectEvaluation } from '../../src/notices/compose-notices.js'
import { serviceNoticeHook } from '../../src/notices/service-hook.js'
import type { NoticeRenderer as ServiceNoticeHook } from '../../src/service/notice-hook.js'
import { deps, readCase } from './harness.js'

function counter() {
  const calls: string[] = []
  const last = new Map<string, number>()
  const allocateNumber = async (organ: string, year: number) => {
    calls.push(`${organ}/${year}`)
    const n = (last.get(`${organ}/${year}`) ?? 0) + 1
    last.set(`${organ}/${year}`, n)
    return n
  }
  return { calls, allocateNumber }
}

describe('serviceNoticeHook', () => {
  const { env, renderer, organs } = deps()
  const hook: ServiceNoticeHook = serviceNoticeHook({ env, renderer, organs })

  it('fits the service hook and numbers from its counter, organ by id', async () => {
    const caseFile = readCase('licence-supplement')
    const { evaluation, state } = selectEvaluation(env, caseFile, { event: 2 })
    const firing = evaluation.firings.find((f) => f.ruleId === 'test.supplement.requested')!
    const c = counter()
    const request = { caseId: caseFile.caseId, state, evaluation, firing, allocateNumber: c.allocateNumber, events: caseFile.events }
    const first = await hook(request)
    const second = await hook(request)
    expect(first).toMatchObject({ template: 'supplement-notice', title: '补正材料通知书', organ: '理县市场监督管理局', number: '理市监〔2025〕1号' })
    expect(second?.number).toBe('理市监〔2025〕2号')
    expect(c.calls).toEqual(['513222.market-regulation/2025', '513222.market-regulation/2025'])
    expect(first?.html).toContain('size: A4;')
    expect(first?.html).not.toContain('预览稿')
    expect(first?.text).toContain('1．食品经营许可申请书')
  })

  it('takes no number when the notice cannot be made (here: no events to list the materials from)', async () => {
    const caseFile = readCase('licence-supplement')
    const { evaluation, state } = selectEvaluation(env, caseFile, { event: 2 })
    const firing = evaluation.firings.find((f) => f.ruleId === 'test.supplement.requested')!
    const c = counter()
    await expect(Promise.resolve(hook({ caseId: caseFile.caseId, state, evaluation, firing, allocateNumber: c.allocateNumber }))).rejects.toThrow(/NOTICE_FIELD_MISSING/)
    expect(c.calls).toEqual([])
  })
})
