/** The service's notice renderer, made with the real templates: a plan (organ, year), then the notice from a number. */
import { describe, expect, it } from 'vitest'
import { selectEvaluation } from '../../src/notices/compose-notices.js'
import { serviceNoticeHook } from '../../src/notices/service-hook.js'
import type { NoticeRenderer as ServiceNoticeHook } from '../../src/service/notice-hook.js'
import { deps, readCase } from './harness.js'

describe('serviceNoticeHook', () => {
  const { env, renderer, organs } = deps()
  const hook: ServiceNoticeHook = serviceNoticeHook({ env, renderer, organs })

  it('fits the service hook and numbers from its counter, organ by id', async () => {
    const caseFile = readCase('licence-supplement')
    const { evaluation, state } = selectEvaluation(env, caseFile, { event: 2 })
    const firing = evaluation.firings.find((f) => f.ruleId === 'test.supplement.requested')!
    const request = { caseId: caseFile.caseId, state, evaluation, firing, events: caseFile.events }
    const plan = hook(request)!
    expect(plan).toMatchObject({ organ: '513222.market-regulation', year: 2025 })
    const first = plan.render(1)
    const second = plan.render(2)
    expect(first).toMatchObject({
      template: 'supplement-notice',
      title: '补正材料通知书',
      organ: '理县市场监督管理局',
      number: '理市监〔2025〕1号',
    })
    expect(second.number).toBe('理市监〔2025〕2号')
    // the same number gives the same notice: rendering is pure
    expect(plan.render(1)).toEqual(first)
    expect(first?.html).toContain('size: A4;')
    expect(first?.html).not.toContain('预览稿')
    expect(first?.text).toContain('1．食品经营许可申请书')
  })

  it('throws when the notice cannot be made (here: no events to list the materials from)', async () => {
    const caseFile = readCase('licence-supplement')
    const { evaluation, state } = selectEvaluation(env, caseFile, { event: 2 })
    const firing = evaluation.firings.find((f) => f.ruleId === 'test.supplement.requested')!
    expect(() => hook({ caseId: caseFile.caseId, state, evaluation, firing })?.render(1)).toThrow(
      /NOTICE_FIELD_MISSING/,
    )
  })
})
