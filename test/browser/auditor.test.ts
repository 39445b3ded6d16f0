import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { SEEDER } from '../../src/service/seed.js'
import { sweepDue } from '../../src/service/sweep.js'
import type { CaseFile } from '../../src/types/generated.js'
import { browserAvailable, openHarness, PEOPLE, shot, type Harness } from './harness.js'

/** The shipped stalled food licence (statutory limit ends 2025年10月30日), under a name of its own. */
const CASE_ID = 'audit-walk-1'
const NAME = '理县某某超市食品经营许可'

describe.skipIf(!browserAvailable())('an auditor traces a red alarm in Chromium', { timeout: 90_000 }, () => {
  let h: Harness
  beforeAll(async () => {
    h = await openHarness()
    const file = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile
    for (const event of file.events) {
      const e = structuredClone(event) as CaseFile['events'][number] & { case?: { name: string; serialNumber: string } }
      if (e.case) Object.assign(e.case, { name: NAME, serialNumber: 'LX-2025-009999' })
      await appendEvent(h.server.runtime, SEEDER, CASE_ID, e)
    }
    await sweepDue(h.server.runtime)
  }, 240_000)
  afterAll(() => h?.close())

  it('opens a red case from the board, reads the trace of the red firing, its article and version, and sees it yellow as of 2025年10月27日', async () => {
    const page = await h.signedIn(PEOPLE.auditor.userName, PEOPLE.auditor.password)
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '预警看板' }).click()
    await page.getByRole('heading', { name: /预警看板/ }).waitFor()
    await expect.poll(() => page.title()).toMatch(/^预警看板（红灯 \d+ · 黄灯 \d+）/)
    await page.getByRole('radiogroup', { name: '等级' }).getByText('红灯报警').click()
    await expect.poll(() => page.url()).toContain('level=red')
    const row = page.getByRole('row', { name: new RegExp(NAME) })
    await row.getByText('超过法定时限（红灯报警）（第十条(二)3）').waitFor()
    await row.getByText('2025年10月30日').first().waitFor()
    await shot(page, 'board')
    await row.click()

    await page.getByRole('heading', { name: new RegExp(NAME) }).waitFor()
    await expect.poll(() => page.getByTestId('case-level').textContent()).toBe('红灯报警')
    const firing = page.getByRole('region', { name: '超过法定时限（红灯报警）' })
    await firing.getByText('四川省行政权力依法规范公开运行电子监察管理办法(试行) 第十条(二)3').waitFor()
    await firing.getByText('行政权力运行环节有无超过法定时限或对外公开承诺的时限；').waitFor()
    const trace = firing.getByRole('table', { name: /逐条件追溯/ })
    const overdue = trace.getByRole('row', { name: /statutoryOverdue/ })
    await overdue.getByText('✓ 成立').waitFor()
    expect(await overdue.getByText('true').count()).toBeGreaterThan(0)
    await page.getByText('✓ 完整').waitFor()
    await shot(page, 'case-red')

    const version = firing.getByRole('link', { name: /^sha256:/ })
    await version.click()
    await page.getByRole('heading', { name: '超过法定时限（红灯报警）' }).waitFor()
    await page.getByText(/^sha256:[0-9a-f]{64}$/).waitFor()
    await page.getByText('statutoryOverdue', { exact: false }).first().waitFor()
    await shot(page, 'rule-as-read')
    await page.goBack()

    const picker = page.getByLabel('查看时刻')
    await picker.click()
    await picker.fill('2025年10月27日 09:00')
    await picker.press('Enter')
    await expect.poll(() => page.url()).toContain('at=2025-10-27T')
    await expect.poll(() => page.getByTestId('case-level').textContent()).toBe('黄灯预警')
    await page.getByRole('region', { name: '法定时限即将届满（黄灯预警）' }).waitFor()
    expect(await page.getByRole('region', { name: '超过法定时限（红灯报警）' }).count()).toBe(0)
    await shot(page, 'case-as-of-yellow')
  })
})
