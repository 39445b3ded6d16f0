/** A notice renderer whose rendering fails, as a template with a syntax error would, for the tests of waiting notices. */
import { XingquanError } from '../../src/errors/xingquan-error.js'
import type { NoticeRenderer } from '../../src/service/notice-hook.js'

/** The error a broken template gives. */
export const BROKEN_TEMPLATE = {
  code: 'NOTICE_RENDER_FAILED',
  zh: '文书模板渲染失败：red-alarm.hbs 第 12 行缺少 {{/if}}',
  en: 'the notice template failed to render: red-alarm.hbs line 12 lacks {{/if}}',
} as const

/**
 * `renderer`'s notices, whose rendering throws BROKEN_TEMPLATE for a case while `broken(caseId)` says so.
 * @example const notices = breakingRenderer(plainNotice, (caseId) => failing.has(caseId))
 */
export function breakingRenderer(renderer: NoticeRenderer, broken: (caseId: string) => boolean): NoticeRenderer {
  return (request) => {
    const plan = renderer(request)
    if (!plan) return undefined
    return {
      ...plan,
      render: (n) => {
        if (broken(request.caseId)) throw new XingquanError(BROKEN_TEMPLATE)
        return plan.render(n)
      },
    }
  }
}
