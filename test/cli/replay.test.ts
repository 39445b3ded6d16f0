import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runReplay } from '../../src/cli/replay.js'
import { accepted, caseFile, event } from '../support/case-builder.js'

function write(data: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xingquan-replay-')), 'case.json')
  writeFileSync(path, JSON.stringify(data, null, 2))
  return path
}

const file = write(caseFile([accepted('2025-09-26'), event('2025-09-26', { type: 'stepStarted', stepId: 'review' })]))

describe('xingquan replay', () => {
  it('prints each event and the evaluation as of a moment, with level, article and trace', () => {
    const r = runReplay([file, '--at', '2025-10-31T09:00:00+08:00'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('#1 accepted')
    expect(r.stdout).toContain('截至 as of 2025-10-31T09:00:00+08:00')
    expect(r.stdout).toContain('红灯 RED  sc.deadline.statutory-overdue v2')
    expect(r.stdout).toContain('四川省行政权力依法规范公开运行电子监察管理办法(试行) 第十条(二)3')
    expect(r.stdout).toContain('✓ all[0]: statutoryOverdue equal true — 实际 found true')
  })

  it('--json gives the same bytes twice', () => {
    const a = runReplay([file, '--at', '2025-10-31T09:00:00+08:00', '--json'])
    const b = runReplay([file, '--at', '2025-10-31T09:00:00+08:00', '--json'])
    expect(a.stdout).toBe(b.stdout)
    expect(JSON.parse(a.stdout).asOf.firings.map((f: { ruleId: string }) => f.ruleId)).toContain(
      'sc.deadline.statutory-overdue',
    )
  })

  it('refuses a moment without a time zone', () => {
    const r = runReplay([file, '--at', '2025-10-31T09:00:00'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/--at/)
  })

  it('explains a malformed case file with file and line', () => {
    const bad = write({ caseId: 'c', events: [{ id: 'e1', type: 'accepted' }] })
    const r = runReplay([bad])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/case\.json:\d+:\d+ \/events\/0 \[SCHEMA_INVALID\] 缺少必填字段/)
  })
})
