/** Every notice template rendered from a realistic replayed case, its content asserted: number, addressee, article, deadline, amounts. */
import { describe, expect, it } from 'vitest'
import type { CaseFile } from '../../src/types/generated.js'
import { noticeOf, readCase, readExampleCase } from './harness.js'

const OVERDUE_EXAMPLE = 'rules/sichuan/examples/statutory-overdue-fires.example.json'

describe('red-alarm and yellow-warning, from the shipped deadline rules', () => {
  it('red alarm: 理县人民政府办公室 to the acting department, citing 第十条(二)3, reply in 3 working days', async () => {
    const n = await noticeOf(readExampleCase(OVERDUE_EXAMPLE), {
      at: '2025-10-31T09:00:00+08:00',
      rule: 'sc.deadline.statutory-overdue',
    })
    expect(n.template).toBe('red-alarm')
    expect(n.number.text).toBe('理府办〔2025〕1号')
    expect(n.organ.name).toBe('理县人民政府办公室')
    expect(n.context.addressee).toEqual({ kind: 'department', name: '理县市场监督管理局' })
    expect(n.text).toContain('理县市场监督管理局：')
    expect(n.text).toContain(
      '《四川省行政权力依法规范公开运行电子监察管理办法(试行)》第十条(二)3规定：“行政权力运行环节有无超过法定时限或对外公开承诺的时限”。',
    )
    // no accountability rule of the case's layers names this alarm: the notice cites no 第四十八条 item
    expect(n.context.accountability).toBeNull()
    expect(n.text).not.toContain('第四十八条')
    expect(n.text).toContain('查明超时原因')
    expect(n.text).toContain('法定时限届满日为2025年10月30日')
    expect(n.text).toContain('已超过法定时限1个工作日')
    // Friday 31 October + 3 working days: Monday 3, Tuesday 4, Wednesday 5 November
    expect(n.context.deadline?.date).toBe('2025-11-05')
    expect(n.text).toContain('请于2025年11月5日前（3个工作日内）')
    expect(n.text).toContain('3个工作日为本机关配置，待确认')
    expect(n.text).toContain('抄送：理县监察委员会。')
    expect(n.text).toMatch(/理县人民政府办公室\s+2025年10月31日印发/)
  })

  it('yellow warning for the step over its post limit names the step', async () => {
    const n = await noticeOf(readExampleCase(OVERDUE_EXAMPLE), {
      at: '2025-10-31T09:00:00+08:00',
      rule: 'sc.deadline.step-overdue',
    })
    expect(n.template).toBe('yellow-warning')
    expect(n.text).toContain('关于“理县某某食品店食品经营许可”办件黄灯预警的提醒')
    expect(n.text).toContain('超过岗位时限的环节：审核（科室负责人，2025年9月29日开始，时限5个工作日）')
    expect(n.text).toContain('第十六条(三)规定：')
    expect(n.text).toContain('第四十二条(一)规定：')
  })

  it('two notices of one organ in one preview get consecutive numbers', async () => {
    const { composeNotices } = await import('../../src/notices/compose-notices.js')
    const { deps } = await import('./harness.js')
    const { notices } = await composeNotices(deps(), readExampleCase(OVERDUE_EXAMPLE), {
      at: '2025-10-31T09:00:00+08:00',
    })
    const ofGovOffice = notices.filter((n) => n.organ.id === '513222.gov-office')
    expect(ofGovOffice.map((n) => n.ruleId)).toEqual(
      expect.arrayContaining(['sc.deadline.statutory-overdue', 'sc.deadline.step-overdue']),
    )
    expect(ofGovOffice.map((n) => n.number.text)).toEqual(ofGovOffice.map((_, i) => `理府办〔2025〕${i + 1}号`))
  })
})

describe('rectification-order (阿坝州办法 第四十二条、第五十一条)', () => {
  it('orders rectification in 10 working days across the National Day holiday, with the fine in capitals', async () => {
    const n = await noticeOf(readCase('penalty-decision-without-evidence'), {
      event: 5,
      rule: 'test.rectify.decision-without-evidence',
    })
    expect(n.number.text).toBe('理府办〔2025〕1号')
    expect(n.context.addressee.name).toBe('理县市场监督管理局')
    expect(n.text).toContain('责令限期整改通知书')
    // decided Sunday 28 September 2025 (a make-up working day); 29, 30 Sep; 1–8 Oct holiday; 9, 10, 11 (Saturday make-up), 13–17 Oct
    expect(n.context.notice.date).toBe('2025-09-28')
    expect(n.context.deadline).toMatchObject({ days: 10, unit: 'working', fromDate: '2025-09-28', date: '2025-10-17' })
    expect(n.text).toContain('现责令你单位于2025年10月17日前（10个工作日内）完成整改')
    expect(n.text).toContain('罚款12,000.00元（人民币壹万贰仟元整）')
    expect(n.text).toContain('处罚种类为警告、罚款')
    expect(n.text).toContain('决定所列主要证据中，ev-2未上传行权平台。')
    expect(n.text).toContain('第十条(二)5规定：')
    expect(n.text).toContain(
      '第五十一条第二款规定：“针对检查发现的问题，应当以书面方式告知被检查单位，责令其限期整改并函复整改情况。',
    )
    expect(n.text).toContain('抄送：理县监察委员会，理县司法局。')
  })
})

describe('supervision-recommendation (第五十一条)', () => {
  it('comes from the supervisory organ, 20 working days to reply', async () => {
    const n = await noticeOf(readCase('licence-long-overdue'), {
      at: '2025-11-20T09:00:00+08:00',
      rule: 'test.recommend.long-overdue',
    })
    expect(n.number.text).toBe('理监委〔2025〕1号')
    expect(n.organ.kind).toBe('supervisoryOrgan')
    expect(n.text).toContain('监察建议书')
    expect(n.text).toContain('第四十八条(十一)规定：“存在的问题未按要求整改或逾期未整改的”。')
    expect(n.context.deadline?.date).toBe('2025-12-18')
    expect(n.text).toContain('请你单位于2025年12月18日前（20个工作日内）将采纳本监察建议')
    expect(n.text).toContain('抄送：理县人民政府办公室。')
  })
})

describe('supervision-urge (电子监察办法 第九条)', () => {
  it('gives 20 working days, counted across New Year 2026 and its make-up Sunday, and cites 第九条 as the source', async () => {
    const n = await noticeOf(readCase('penalty-evidence-changed'), { event: 3, rule: 'test.urge.evidence-changed' })
    expect(n.number.text).toBe('理监委〔2025〕1号')
    expect(n.context.deadline).toMatchObject({ fromDate: '2025-12-29', date: '2026-01-27', basis: { kind: 'law' } })
    expect(n.text).toContain('于2026年1月27日前（20个工作日内）将调查处理情况书面上报本机关')
    expect(n.text).toContain('（期限依据：《四川省行政权力依法规范公开运行电子监察管理办法(试行)》第九条；')
    expect(n.text).toContain('延长期限不得超过10个工作日')
  })
})

describe('supplement-notice (行政许可法 第三十二条(四))', () => {
  it('lists every material once, addressed to the applicant, numbered by the acting department', async () => {
    const n = await noticeOf(readCase('licence-supplement'), { event: 2, rule: 'test.supplement.requested' })
    expect(n.number.text).toBe('理市监〔2025〕1号')
    expect(n.organ.name).toBe('理县市场监督管理局')
    expect(n.context.addressee.kind).toBe('applicant')
    expect(n.context.materials).toHaveLength(4)
    for (const [i, m] of [
      '食品经营许可申请书（法定代表人签字并加盖公章）',
      '营业执照复印件',
      '与食品经营相适应的主要设备设施布局、操作流程等文件',
      '食品安全管理制度文本<b>原件</b>',
    ].entries()) {
      expect(n.text).toContain(`${i + 1}．${m}`)
    }
    expect(n.text).toContain('现一次性告知你（单位）需要补正的全部内容如下')
    // 29 September + 10 working days: 30 Sep, 9, 10, 11 (make-up Saturday), 13–17, 20 October
    expect(n.context.deadline?.date).toBe('2025-10-20')
    expect(n.text).toContain('请于2025年10月20日前（10个工作日内）')
    // what the law says: a timely notice defers 受理 to the supplement's receipt (第三十二条第一款(五), 第四十二条)
    expect(n.text).toContain('本机关自收到你（单位）提交的全部补正申请材料之日起受理该申请，办理期限自受理之日起计算')
    expect(n.text).toContain('第三十二条第一款(五)规定：“申请事项属于本行政机关职权范围')
    expect(n.text).not.toContain('继续计算')
  })

  it('a notice after the five working days says the application was accepted on receipt (逾期不告知的，自收到申请材料之日起即为受理)', async () => {
    const file = readCase('licence-supplement')
    const at = '2025-10-13T15:00:00+08:00'
    const late = {
      ...file,
      events: file.events.map((e) => (e.type === 'supplementRequested' ? { ...e, occurredAt: at, recordedAt: at } : e)),
    } as CaseFile
    const n = await noticeOf(late, { event: 2, rule: 'test.supplement.requested' })
    expect(n.context.facts.supplementNoticeLate).toBe(true)
    expect(n.text).toContain('你（单位）的申请已自2025年9月26日起受理（本机关在收到申请材料五日后才告知补正')
    expect(n.text).toContain('补正期间不从办理期限中扣除')
  })

  it('escapes what the case brings: no markup from an applicant name or a material reaches the HTML', async () => {
    const n = await noticeOf(readCase('licence-supplement'), { event: 2, rule: 'test.supplement.requested' })
    expect(n.article).not.toContain('<script>')
    expect(n.article).not.toContain('<b>')
    expect(n.article).toContain('&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;理县某某食品店：')
    expect(n.article).toContain('食品安全管理制度文本&lt;b&gt;原件&lt;/b&gt;')
    // the plain text shows the name as given, as text
    expect(n.text).toContain("<script>alert('x')</script>理县某某食品店：")
  })
})

describe('report-reply (阿坝州办法 第五十二条)', () => {
  it('is addressed to the real-name reporter; 7 working days from receipt cross the holiday', async () => {
    const n = await noticeOf(readCase('licence-real-name-report'), { event: 3, rule: 'test.report.received' })
    expect(n.number.text).toBe('理府办〔2025〕1号')
    expect(n.context.addressee).toEqual({ kind: 'reporter', name: '张某某' })
    expect(n.text).toContain('张某某：')
    expect(n.text).toContain('本机关于2025年9月30日收到你的实名举报')
    expect(n.context.deadline).toMatchObject({ from: 'eventDate', fromDate: '2025-09-30', date: '2025-10-16' })
    expect(n.text).toContain('即2025年10月16日前作出')
    expect(n.warnings).toEqual([])
  })

  it('warns when the reply is dated after its statutory deadline', async () => {
    const n = await noticeOf(readCase('licence-real-name-report'), {
      event: 3,
      rule: 'test.report.received',
      date: '2025-10-17',
    })
    expect(n.warnings.join()).toContain('已超过本文书的法定期限 2025-10-16')
  })
})

describe('accountability-finding (第四十八条, 第四十九条, 第五十条)', () => {
  it('states the mitigation considered when one applies', async () => {
    const n = await noticeOf(readCase('licence-closed-one-day-late'), {
      event: 3,
      rule: 'test.accountability.closed-overdue',
    })
    expect(n.number.text).toBe('理监委〔2025〕1号')
    expect(n.context.considered.map((c) => c.ruleId)).toEqual(['test.mitigation.corrected-promptly'])
    expect(n.text).toContain('上述事实属于《阿坝州行政权力依法规范公开运行实施办法(试行)》第四十八条(七)规定的情形')
    expect(n.text).toContain('（一）经审查，存在《阿坝州行政权力依法规范公开运行实施办法(试行)》第五十条规定的情形')
    expect(n.text).toContain('可以从轻或者免予责任追究，由有权机关按照职责和干部管理权限依法处理')
    expect(n.context.deadline?.date).toBe('2025-11-07')
  })

  it('says that no exemption or mitigation was found when none applies', async () => {
    const n = await noticeOf(readCase('licence-closed-late'), { event: 3, rule: 'test.accountability.closed-overdue' })
    expect(n.context.considered).toEqual([])
    expect(n.text).toContain(
      '经审查，未发现阿坝州办法第四十九条规定的不承担责任情形，也未发现第五十条规定的可以从轻或者免予责任追究的情形。',
    )
    expect(n.text).toContain('应当追究你单位及相关责任人的责任')
  })
})
