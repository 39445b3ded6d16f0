/** `xingquan notice`: preview by default, --issue takes numbers, text or A4 HTML. */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runNotice } from '../../src/cli/notice.js'
import { CASES, FIXTURE_RULES, tempDir } from './harness.js'

const EXAMPLE = 'rules/sichuan/examples/statutory-overdue-fires.example.json'
const AT = '2025-10-31T09:00:00+08:00'

describe('xingquan notice', () => {
  it('previews the notices of the as-of evaluation as text, consuming no number', async () => {
    const numbers = tempDir()
    const r = await runNotice([EXAMPLE, '--at', AT, '--numbers', numbers])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('关于“理县某某食品店食品经营许可”办件红灯报警的通知')
    expect(r.stdout).toContain('理府办〔2025〕1号')
    expect(r.stdout).toContain('\f')
    expect(r.stderr).toContain('理府办〔2025〕1号 红灯报警通知 ← sc.deadline.statutory-overdue（预览，文号未占用')
    expect(r.stderr).toContain('待确认')
    expect(readdirSync(numbers)).toEqual([])
  })

  it('prints one A4 HTML document with --format html, only the rule asked for with --rule', async () => {
    const r = await runNotice([
      EXAMPLE,
      '--at',
      AT,
      '--format',
      'html',
      '--rule',
      'sc.deadline.statutory-overdue',
      '--numbers',
      tempDir(),
    ])
    expect(r.exitCode).toBe(0)
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(r.stdout).toContain('size: A4;')
    expect(r.stdout.match(/<article /g)).toHaveLength(1)
    expect(r.stdout).toContain('红灯报警通知')
  })

  it('takes real numbers with --issue, never the same twice', async () => {
    const numbers = tempDir()
    const args = [
      join(CASES, 'licence-supplement.json'),
      '--event',
      '2',
      '--rules',
      FIXTURE_RULES,
      '--numbers',
      numbers,
      '--issue',
    ]
    const first = await runNotice(args)
    const second = await runNotice(args)
    expect([first.exitCode, second.exitCode]).toEqual([0, 0])
    expect(first.stdout).toContain('理市监〔2025〕1号')
    expect(first.stdout).not.toContain('预览稿')
    expect(first.stderr).toContain('已取号 number issued')
    expect(second.stdout).toContain('理市监〔2025〕2号')
    expect(existsSync(join(numbers, '513222.market-regulation', '2025.ledger.jsonl'))).toBe(true)
  })

  it('says so when nothing calls for a notice', async () => {
    const r = await runNotice([EXAMPLE, '--event', '1'])
    expect(r).toMatchObject({ exitCode: 0, stdout: '' })
    expect(r.stderr).toContain('没有需要制作文书的触发结果')
  })

  it('refuses a rule that did not fire, and bad arguments', async () => {
    const r = await runNotice([EXAMPLE, '--at', AT, '--rule', 'sc.deadline.statutory-near'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('NOTICE_RULE_NOT_FIRED')
    expect((await runNotice([EXAMPLE])).exitCode).toBe(2)
    expect((await runNotice([EXAMPLE, '--event', '0'])).exitCode).toBe(2)
    expect((await runNotice([EXAMPLE, '--at', '2025-10-31'])).exitCode).toBe(2)
    expect((await runNotice([EXAMPLE, '--at', AT, '--format', 'pdf'])).exitCode).toBe(2)
    const missing = await runNotice(['no-such-case.json', '--event', '1'])
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toContain('no-such-case.json')
  })
})
