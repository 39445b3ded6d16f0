/** `xingquan deadline`: due dates on stdout, bilingual usage errors with exit 2. */

import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runDeadline } from '../src/cli/deadline.js'

describe('xingquan deadline', () => {
  it.each([
    [['--from', '2025-09-26', '--working-days', '20'], '2025-10-30'],
    [['deadline', '--from', '2025-09-26', '--working-days', '20'], '2025-10-30'],
    [['--from=2025-09-26', '--working-days=6'], '2025-10-11'],
    [['--from', '2025-09-25T16:30:00Z', '--working-days', '20'], '2025-10-30'],
    [['--from', '2026-02-13', '--days', '7'], '2026-02-24'],
    [['--from', '2025-12-04', '--days', '30'], '2026-01-04'],
    [['--from', '2025-10-03', '--working-days', '0'], '2025-10-03'],
  ])('%j prints %s', (argv, expected) => {
    expect(runDeadline(argv)).toEqual({ exitCode: 0, stdout: `${expected}\n`, stderr: '' })
  })

  it.each([
    [[], '缺少 --from', 'missing --from'],
    [['--working-days', '20'], '缺少 --from', 'missing --from'],
    [['--from', '2025-09-26'], '--working-days', 'exactly one'],
    [['--from', '2025-09-26', '--working-days', '2', '--days', '3'], '只能', 'exactly one'],
    [['--from', '2025-09-26', '--working-days', 'abc'], '非负整数', 'non-negative integer'],
    [['--from', '2025-09-26', '--days', '1.5'], '非负整数', 'non-negative integer'],
    [['--from', '2025-02-30', '--days', '3'], '--from', 'YYYY-MM-DD'],
    [['--from', '2025-09-26', '--working-days', '2', '--speed', 'fast'], '参数有误', 'invalid arguments'],
    [['--from', '2025-09-26', '--working-days', '2', 'extra'], '参数有误', 'invalid arguments'],
    [['--from', '2025-09-26', '--working-days', '2', '--jurisdiction', 'aba'], '行政区划代码', 'division code'],
  ])('%j exits 2 with a bilingual message', (argv, zh, en) => {
    const result = runDeadline(argv)
    expect(result.exitCode).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(zh)
    expect(result.stderr).toContain(en)
  })

  it('--help prints the usage', () => {
    const result = runDeadline(['--help'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('--working-days')
  })

  it('a period reaching a year without a notice is counted on the provisional year, and says so', () => {
    // 2026-12-16…31: 12 working days; 2027-01-01 元旦 (按办法 1 day, no 调休); 01-04…08: 5; 01-11…13: 3
    const result = runDeadline(['--from', '2026-12-15', '--working-days', '20'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout.split('\n')[0]).toBe('2027-01-13')
    expect(result.stdout).toContain('2027 年节假日按《全国年节及纪念日放假办法》推算，待国务院办公厅通知')
    expect(result.stdout).toContain('pending the State Council General Office notice')
    expect(runDeadline(['--from', '2025-09-26', '--working-days', '20']).stdout).toBe('2025-10-30\n')
  })

  it('a period reaching past the years the lunar calendar can be computed for exits 1 naming the year', () => {
    const result = runDeadline(['--from', '9999-12-20', '--working-days', '20'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('[CALENDAR_YEAR_MISSING] 日历缺少 10000 年的节假日安排')
  })

  it('a calendar directory without the measures refuses a year without a notice, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-deadline-strict-'))
    for (const f of readdirSync(fileURLToPath(new URL('../rules/calendar', import.meta.url)))) {
      if (f.endsWith('.json')) cpSync(fileURLToPath(new URL(`../rules/calendar/${f}`, import.meta.url)), join(dir, f))
    }
    const result = runDeadline(['--from', '2026-12-30', '--working-days', '5', '--calendar-dir', dir])
    rmSync(dir, { recursive: true, force: true })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('[CALENDAR_YEAR_MISSING] 日历缺少 2027 年的节假日安排（rules/calendar/2027.json）')
    expect(result.stderr).toContain('The calendar has no data for year 2027')
  })

  describe('with a local layer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-deadline-'))
    cpSync(fileURLToPath(new URL('../rules/calendar', import.meta.url)), dir, { recursive: true })
    cpSync(fileURLToPath(new URL('./fixtures/calendar-local/513200', import.meta.url)), join(dir, 'local', '513200'), {
      recursive: true,
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('--jurisdiction applies rules/calendar/local/<code>/', () => {
      const base = ['--from', '2025-02-27', '--working-days', '1', '--calendar-dir', dir]
      expect(runDeadline(base).stdout).toBe('2025-02-28\n')
      expect(runDeadline([...base, '--jurisdiction', '513200']).stdout).toBe('2025-03-05\n')
    })
  })
})
