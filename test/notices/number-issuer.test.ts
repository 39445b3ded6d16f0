/** Notice numbers: unique per organ and year, durable, never reused, not consumed by a preview. */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { composeNotices } from '../../src/notices/compose-notices.js'
import { FileNoticeNumberIssuer } from '../../src/notices/file-number-issuer.js'
import { NoticeRenderer } from '../../src/notices/notice-renderer.js'
import { formatNoticeNumber } from '../../src/notices/number-issuer.js'
import type { NoticeContext } from '../../src/types/generated.js'
import { deps, fixtureEnv, library, readCase, tempDir } from './harness.js'

const govOffice = { id: '513222.gov-office', code: '理府办' }
const commission = { id: '513222.supervision-commission', code: '理监委' }
const purpose = { caseId: 'c1', ruleId: 'r1', template: 'red-alarm', eventSequence: 1 }

describe('FileNoticeNumberIssuer', () => {
  it('formats 机关代字〔年份〕序号号', () => {
    expect(formatNoticeNumber('理府办', 2026, 12)).toBe('理府办〔2026〕12号')
  })

  it('runs one sequence per organ and per year', async () => {
    const issuer = new FileNoticeNumberIssuer(tempDir())
    const texts = [
      (await issuer.issue(govOffice, 2025, purpose)).text,
      (await issuer.issue(govOffice, 2025, purpose)).text,
      (await issuer.issue(commission, 2025, purpose)).text,
      (await issuer.issue(govOffice, 2026, purpose)).text,
      (await issuer.issue(govOffice, 2025, purpose)).text,
    ]
    expect(texts).toEqual([
      '理府办〔2025〕1号',
      '理府办〔2025〕2号',
      '理监委〔2025〕1号',
      '理府办〔2026〕1号',
      '理府办〔2025〕3号',
    ])
  })

  it('never hands out a number twice to concurrent issuers, in one process or in two', async () => {
    const dir = tempDir()
    const a = new FileNoticeNumberIssuer(dir)
    const b = new FileNoticeNumberIssuer(dir)
    const numbers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).issue(govOffice, 2026, purpose)),
    )
    const sequences = numbers.map((n) => n.sequence).sort((x, y) => x - y)
    expect(sequences).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(readdirSync(join(dir, govOffice.id)).filter((f) => f.endsWith('.lock'))).toEqual([])
  })

  it('peek consumes nothing', async () => {
    const issuer = new FileNoticeNumberIssuer(tempDir())
    expect((await issuer.peek(govOffice, 2026)).sequence).toBe(1)
    expect((await issuer.peek(govOffice, 2026)).sequence).toBe(1)
    await issuer.issue(govOffice, 2026, purpose)
    expect((await issuer.peek(govOffice, 2026)).sequence).toBe(2)
  })

  it('keeps a voided number taken, and records why', async () => {
    const issuer = new FileNoticeNumberIssuer(tempDir(), { now: () => new Date('2026-11-26T01:00:00Z') })
    const first = await issuer.issue(govOffice, 2026, purpose)
    await issuer.void(first, '打印前发现错误')
    expect((await issuer.issue(govOffice, 2026, purpose)).sequence).toBe(2)
    expect(issuer.ledger(govOffice, 2026)).toEqual([
      { sequence: 1, text: '理府办〔2026〕1号', at: '2026-11-26T01:00:00.000Z', issued: purpose },
      { sequence: 1, text: '理府办〔2026〕1号', at: '2026-11-26T01:00:00.000Z', voided: '打印前发现错误' },
      { sequence: 2, text: '理府办〔2026〕2号', at: '2026-11-26T01:00:00.000Z', issued: purpose },
    ])
  })

  it('continues after the highest number known even if the counter file is lost', async () => {
    const dir = tempDir()
    const issuer = new FileNoticeNumberIssuer(dir)
    for (let i = 0; i < 3; i++) await issuer.issue(govOffice, 2026, purpose)
    rmSync(join(dir, govOffice.id, '2026.counter.json'))
    expect((await new FileNoticeNumberIssuer(dir).issue(govOffice, 2026, purpose)).sequence).toBe(4)
  })

  it('takes over a lock left by a dead process once it is stale', async () => {
    const dir = tempDir()
    const issuer = new FileNoticeNumberIssuer(dir, { staleLockMs: 0, lockTimeoutMs: 2000 })
    await issuer.issue(govOffice, 2026, purpose)
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(dir, govOffice.id, '2026.lock'), '')
    expect((await issuer.issue(govOffice, 2026, purpose)).sequence).toBe(2)
  })
})

describe('numbers of composed notices', () => {
  it('a preview peeks and leaves the sequence untouched; --issue takes the number', async () => {
    const dir = tempDir()
    const issuer = new FileNoticeNumberIssuer(dir)
    const d = deps({ issuer })
    const caseFile = readCase('penalty-decision-without-evidence')
    const only = { event: 5, rule: 'test.rectify.decision-without-evidence' }
    const preview = await composeNotices(d, caseFile, only)
    expect(preview.notices.map((n) => [n.number.text, n.preview])).toEqual([['理府办〔2025〕1号', true]])
    expect(existsSync(join(dir, govOffice.id))).toBe(false)
    const issued = await composeNotices(d, caseFile, { ...only, issue: true })
    expect(issued.notices.map((n) => [n.number.text, n.preview])).toEqual([['理府办〔2025〕1号', false]])
    expect(issued.notices[0]!.text).not.toContain('预览稿')
    const again = await composeNotices(d, caseFile, { ...only, issue: true })
    expect(again.notices[0]!.number.text).toBe('理府办〔2025〕2号')
    expect((await composeNotices(d, caseFile, only)).notices[0]!.number.text).toBe('理府办〔2025〕3号')
  })

  it('a render that fails after the number was issued voids the number, and the next notice never gets it again', async () => {
    const dir = tempDir()
    const issuer = new FileNoticeNumberIssuer(dir)
    const env = fixtureEnv()
    class FailingWhenIssued extends NoticeRenderer {
      override article(name: string, context: NoticeContext): string {
        if (!context.notice.preview) throw new Error('printer spool full')
        return super.article(name, context)
      }
    }
    const failing = { ...deps({ issuer }), renderer: new FailingWhenIssued(library(), env.calendar) }
    const caseFile = readCase('penalty-decision-without-evidence')
    const only = { event: 5, rule: 'test.rectify.decision-without-evidence', issue: true }
    await expect(composeNotices(failing, caseFile, only)).rejects.toThrow('printer spool full')
    expect(issuer.ledger(govOffice, 2025).map((l) => [l.sequence, l.voided !== undefined])).toEqual([
      [1, false],
      [1, true],
    ])
    const next = await composeNotices(deps({ issuer }), caseFile, only)
    expect(next.notices[0]!.number.text).toBe('理府办〔2025〕2号')
  })

  it('a notice that cannot be made costs no number, nor do the other notices of the same evaluation', async () => {
    const issuer = new FileNoticeNumberIssuer(tempDir())
    const caseFile = readCase('licence-real-name-report')
    // event 3 calls for a yellow warning (step over its limit) and a reply to a report that names no reporter
    const noReporter = {
      ...caseFile,
      events: caseFile.events.map((e) => (e.type === 'complaintReceived' ? { ...e, complainant: '' } : e)),
    } as typeof caseFile
    await expect(composeNotices(deps({ issuer }), noReporter, { event: 3, issue: true })).rejects.toThrow(
      /NOTICE_FIELD_MISSING.*report\.complainant/s,
    )
    expect((await issuer.peek(govOffice, 2025)).sequence).toBe(1)
    const { notices } = await composeNotices(deps({ issuer }), caseFile, { event: 3, issue: true })
    const ofGovOffice = notices.filter((n) => n.organ.id === govOffice.id)
    expect(ofGovOffice.map((n) => n.number.sequence)).toEqual(ofGovOffice.map((_, i) => i + 1))
    expect(ofGovOffice.map((n) => n.ruleId)).toEqual(
      expect.arrayContaining(['sc.deadline.step-overdue', 'test.report.received']),
    )
  })
})
