import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReport } from '../../src/cli/report.js'
import { appendEvent } from '../../src/service/append-event.js'
import { openRuntime } from '../../src/service/runtime.js'
import { SEEDER } from '../../src/service/seed.js'
import type { CaseFile, SupervisionReport } from '../../src/types/generated.js'

/** The shipped stalled food licence of 理县 (accepted 2025-09-26), in a data directory of its own. */
describe('xingquan report from the CLI', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'xq-report-'))
  beforeAll(async () => {
    const rt = await openRuntime({ dataDir: dir })
    const file = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile
    for (const e of file.events) await appendEvent(rt, SEEDER, 'cli-report-1', e)
    await rt.close()
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('makes the annual report with --year, as it makes the month and the quarter', async () => {
    const year = await runReport(['--data-dir', dir, '--organ', '513222', '--year', '2025', '--format', 'json'])
    expect(year.stderr).toBe('')
    const report = JSON.parse(year.stdout) as SupervisionReport
    expect(report.title).toBe('理县监察委员会电子监察工作年报（2025年）')
    expect(report.period).toMatchObject({
      kind: 'year',
      from: '2025-01-01T00:00:00+08:00',
      to: '2026-01-01T00:00:00+08:00',
    })
    expect(report.figures.casesAccepted).toBe(1)
    const other = JSON.parse(
      (await runReport(['--data-dir', dir, '--organ', '513222', '--year', '2024', '--format', 'json'])).stdout,
    ) as SupervisionReport
    expect(other.figures.casesAccepted).toBe(0)
    const text = await runReport(['--data-dir', dir, '--organ', '513222', '--quarter', '2025-Q3'])
    expect(text.stdout).toContain('电子监察工作季报（2025年第三季度）')
    expect(text.stdout).toMatch(/受理办件 \/ Cases accepted: 1/)
  })

  it('refuses two periods at once, and a year that is not one', async () => {
    const both = await runReport(['--data-dir', dir, '--organ', '513222', '--month', '2025-09', '--year', '2025'])
    expect(both.exitCode).toBe(2)
    expect(both.stderr).toContain('--year')
    const bad = await runReport(['--data-dir', dir, '--organ', '513222', '--year', '25'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('PERIOD_INVALID')
  })
})
