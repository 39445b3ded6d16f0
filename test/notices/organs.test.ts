/** Which organ issues a notice: declared per jurisdiction, nearest first, never writing to itself. */
import { describe, expect, it } from 'vitest'
import { composeNotices } from '../../src/notices/compose-notices.js'
import { loadOrgansOrThrow, resolveOrgan } from '../../src/notices/organs.js'
import { deps, readExampleCase } from './harness.js'

const organs = loadOrgansOrThrow()
const market = { code: 'lx-scjgj', name: '理县市场监督管理局', jurisdiction: '513222' }

describe('resolveOrgan', () => {
  it('finds the organ of the kind in the department’s county', () => {
    expect(resolveOrgan(organs, 'platformAuthority', market).name).toBe('理县人民政府办公室')
    expect(resolveOrgan(organs, 'supervisoryOrgan', market).code).toBe('理监委')
    expect(resolveOrgan(organs, 'legalOffice', market).name).toBe('理县司法局')
    expect(resolveOrgan(organs, 'actingDepartment', market).code).toBe('理市监')
  })

  it('goes up to the prefecture for a county that declares none (汶川县 513221)', () => {
    expect(
      resolveOrgan(organs, 'supervisoryOrgan', { code: 'wc-x', name: '汶川县某局', jurisdiction: '513221' }).name,
    ).toBe('阿坝州监察委员会')
  })

  it('never addresses a notice from a department to itself: the same kind one level up issues', () => {
    const govOffice = { code: 'lx-zfb', name: '理县人民政府办公室', jurisdiction: '513222' }
    expect(resolveOrgan(organs, 'platformAuthority', govOffice).name).toBe('阿坝州人民政府政务服务管理办公室')
    expect(resolveOrgan(organs, 'platformAuthority', govOffice, { writesToDepartment: false }).name).toBe(
      '理县人民政府办公室',
    )
  })

  it('refuses an acting department that is not declared, saying where to declare it', () => {
    expect(() =>
      resolveOrgan(organs, 'actingDepartment', { code: 'lx-x', name: '理县某局', jurisdiction: '513222' }),
    ).toThrow(/ORGAN_UNDECLARED.*rules\/organs/s)
  })
})

describe('notices of a report matter (shipped examples, 阿坝州办法 第五十二条)', () => {
  it('the reply to the reporter comes from the unit that received the report', async () => {
    const caseFile = readExampleCase('rules/aba/examples/report-real-name-replied.example.json')
    const { notices } = await composeNotices(deps(), caseFile, { event: 2, rule: 'aba.report.real-name-received' })
    expect(notices[0]).toMatchObject({
      template: 'report-reply',
      organ: { name: '理县人民政府办公室' },
      context: { addressee: { kind: 'reporter', name: '张某' } },
    })
    expect(notices[0]!.text).toContain('本机关于2018年3月5日收到你的实名举报（编号：LX-2018-JB-0013）')
    expect(notices[0]!.context.deadline?.date).toBe('2018-03-14')
  })

  it('the red alarm for a late reply goes to that unit from the prefecture, with no copy to itself', async () => {
    const caseFile = readExampleCase('rules/aba/examples/report-real-name-overdue.example.json')
    const { notices } = await composeNotices(deps(), caseFile, {
      at: '2018-03-15T09:00:00+08:00',
      rule: 'aba.report.reply-overdue',
    })
    expect(notices[0]).toMatchObject({
      template: 'red-alarm',
      organ: { name: '阿坝州人民政府政务服务管理办公室' },
      number: { text: '阿州政务办〔2018〕1号' },
    })
    expect(notices[0]!.context.addressee.name).toBe('理县人民政府办公室')
    expect(notices[0]!.text).toContain('关于“举报：某某窗口未依法公开办理时限”事项红灯报警的通知')
    expect(notices[0]!.context.copyTo.map((o) => o.name)).toEqual(['理县监察委员会'])
  })
})
