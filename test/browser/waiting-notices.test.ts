import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { renderOutbox } from '../../src/service/outbox-renderer.js'
import { SEEDER } from '../../src/service/seed.js'
import { sweepDue } from '../../src/service/sweep.js'
import { templateNotices } from '../../src/service/template-notices.js'
import { unrenderedNotices } from '../../src/store/notice-outbox.js'
import { accepted } from '../service/helpers/cases.js'
import { BROKEN_TEMPLATE as BROKEN, breakingRenderer } from '../support/breaking-renderer.js'
import { browserAvailable, openHarness, PEOPLE, shot, type Harness } from './harness.js'

const CASE_ID = 'waiting-walk-1'
const NAME = '理县某某餐馆食品经营许可'
describe.skipIf(!browserAvailable())(
  'an auditor sees the notices waiting to be rendered, and the unchanged sweep rows, in Chromium',
  { timeout: 240_000 },
  () => {
    let h: Harness
    const templates = { broken: true }
    // accepted Friday 2025-09-26; swept on days that change no decision (a make-up working day, the next, the first
    // after the National Day holiday), then on 11-05, past the statutory limit: red, and its notice's template broken
    const days = ['2025-09-28', '2025-09-29', '2025-10-09', '2025-11-05']
    beforeAll(async () => {
      h = await openHarness({
        seed: false,
        clock: () => new Date('2025-11-05T12:00:00+08:00'),
        notices: breakingRenderer(
          templateNotices(() => h.server.runtime.env()),
          () => templates.broken,
        ),
      })
      const opened = accepted()
      Object.assign((opened as { case: { name: string } }).case, { name: NAME })
      await appendEvent(h.server.runtime, SEEDER, CASE_ID, opened)
      for (const day of days) await sweepDue(h.server.runtime, { now: new Date(`${day}T12:00:00+08:00`) })
    }, 240_000)
    afterAll(() => h?.close())

    it('opens the case from the board, reads why its notice is not rendered, then reads an unchanged row as the one it repeats', async () => {
      const rt = h.server.runtime
      const waiting = await unrenderedNotices(rt.db, CASE_ID)
      expect(waiting.length).toBeGreaterThan(0)
      expect(waiting.every((w) => w.lastError?.code === BROKEN.code)).toBe(true)
      const unchanged = await rt.db
        .selectFrom('evaluations')
        .select(['chain_seq', 'same_as'])
        .where('case_id', '=', CASE_ID)
        .where('same_as', 'is not', null)
        .orderBy('chain_seq')
        .execute()
      expect(unchanged.length).toBeGreaterThanOrEqual(1)
      const row = unchanged.at(-1)!

      const page = await h.signedIn(PEOPLE.auditor.userName, PEOPLE.auditor.password)
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '预警看板' }).click()
      await page.getByRole('heading', { name: /预警看板/ }).waitFor()
      // the board says how many notices wait, and where
      const banner = page.getByTestId('board-waiting')
      await banner.getByText(`${waiting.length} 份文书生成失败，尚未发出`).waitFor()
      await banner.getByRole('link', { name: NAME }).waitFor()
      const caseRow = page.getByRole('row', { name: new RegExp(NAME) })
      await caseRow.getByText(`${waiting.length} 份文书生成失败，尚未发出`).waitFor()
      await shot(page, 'board-waiting')
      await caseRow.click()

      await page.getByRole('heading', { name: new RegExp(NAME) }).waitFor()
      const section = page.getByRole('region', { name: '待生成的文书' })
      await section.getByText(`待生成的文书（${waiting.length}）`).waitFor()
      const red = section.getByRole('alert').filter({ hasText: '超过法定时限（红灯报警）' })
      await red.getByText('待生成', { exact: true }).waitFor()
      await red.getByText(/已失败 1 次 · 最近一次于 2025年11月5日 12:00/).waitFor()
      // the error in Chinese, its English beside it
      await red.getByText(BROKEN.zh).waitFor()
      await red.getByText(BROKEN.en).waitFor()
      await red.getByText(BROKEN.code).waitFor()
      // not issued: the issued list does not have it
      expect(
        await page
          .getByTestId('notices')
          .getByRole('button', { name: /红灯报警通知/ })
          .count(),
      ).toBe(0)
      await shot(page, 'case-waiting')

      // the evaluation the notice belongs to, chosen from the notice
      await red.getByRole('link', { name: /^评估 #\d+$/ }).click()
      await expect.poll(() => page.url()).toMatch(/evaluation=\d+/)
      const chosen = Number(new URL(page.url()).searchParams.get('evaluation'))
      expect(waiting.map((w) => w.evaluationSeq)).toContain(chosen)
      await page.getByText(new RegExp(`^评估详情 #${chosen}`)).waitFor()

      // an unchanged sweep row: marked as the row it repeats, and said so when chosen
      const evaluations = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '起因' }) })
      const marked = evaluations.getByRole('row', { name: new RegExp(`#${row.chain_seq}\\b`) })
      await marked.getByText(`同 #${row.same_as}`, { exact: true }).waitFor()
      await marked.getByRole('button', { name: `#${row.chain_seq}` }).click()
      await expect.poll(() => page.url()).toContain(`evaluation=${row.chain_seq}`)
      const explained = page.getByRole('alert').filter({ hasText: '期限扫描未改变任何判定' })
      await explained
        .getByText(
          `期限扫描未改变任何判定：本行只记录变化的天数；触发规则及其逐条件追溯取自第 #${row.same_as} 行（追溯中的天数为该行当时的天数）。`,
        )
        .waitFor()
      await shot(page, 'case-unchanged')

      // in English: the waiting notice's words and its error in English first, the Chinese beside
      await page.getByRole('button', { name: '切换为英文界面' }).click()
      const sectionEn = page.getByRole('region', { name: 'Notices waiting to be rendered' })
      await sectionEn.getByText('waiting to be rendered', { exact: true }).first().waitFor()
      await sectionEn.getByText(BROKEN.en).first().waitFor()
      await page.getByText(`= #${row.same_as}`, { exact: true }).first().waitFor()
      await shot(page, 'case-waiting-en')
      await page.getByRole('button', { name: 'Switch to Chinese' }).click()

      // the template mended and the backoff passed: rendered, no longer waiting, issued
      templates.broken = false
      expect(await renderOutbox(rt, { now: new Date(Date.now() + 2 * 60_000) })).toMatchObject({
        rendered: waiting.length,
        failed: [],
      })
      await page.reload()
      await page
        .getByTestId('notices')
        .getByRole('button', { name: /红灯报警通知/ })
        .waitFor()
      expect(await page.getByRole('region', { name: '待生成的文书' }).count()).toBe(0)
      await page.getByRole('link', { name: /返回预警看板/ }).click()
      await page.getByRole('heading', { name: /预警看板/ }).waitFor()
      await page.getByRole('row', { name: new RegExp(NAME) }).waitFor()
      expect(await page.getByTestId('board-waiting').count()).toBe(0)
    })
  },
)
