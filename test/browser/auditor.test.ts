import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeCheckpoint } from '../../src/checkpoint/take-checkpoint.js'
import { appendEvent } from '../../src/service/append-event.js'
import { SEEDER } from '../../src/service/seed.js'
import { sweepDue } from '../../src/service/sweep.js'
import type { CaseFile } from '../../src/types/generated.js'
import { asSuperuser } from '../support/superuser.js'
import { browserAvailable, openHarness, PEOPLE, SCREENSHOTS, shot, type Harness } from './harness.js'

/** The shipped stalled food licence (statutory limit ends 2025年10月30日), under a name of its own. */
const CASE_ID = 'audit-walk-1'
const NAME = '理县某某超市食品经营许可'

describe.skipIf(!browserAvailable())('an auditor traces a red alarm in Chromium', { timeout: 240_000 }, () => {
  let h: Harness
  beforeAll(async () => {
    h = await openHarness()
    const file = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile
    for (const event of file.events) {
      const e = structuredClone(event) as CaseFile['events'][number] & { case?: { name: string; serialNumber: string } }
      if (e.case) Object.assign(e.case, { name: NAME, serialNumber: 'LX-2025-009999' })
      await appendEvent(h.server.runtime, SEEDER, CASE_ID, e)
    }
    // a complaint after the limit ran out, answered two days later by the supervisory organ
    const supervisor = { id: 'u-jc', name: '赵监察', post: '电子监察员' }
    const at = (d: string) => ({ occurredAt: d, recordedAt: d, actor: supervisor })
    await appendEvent(h.server.runtime, SEEDER, CASE_ID, {
      id: 'k1',
      type: 'complaintReceived',
      ...at('2025-11-03T10:00:00+08:00'),
      kind: 'complaint',
      realName: false,
      content: '许可申请逾期未办',
    })
    await appendEvent(h.server.runtime, SEEDER, CASE_ID, {
      id: 'k1-reply',
      type: 'complaintAnswered',
      ...at('2025-11-05T15:00:00+08:00'),
      complaintId: 'k1',
      handling: '已责令限期办结，电话告知投诉人',
    })
    await sweepDue(h.server.runtime)
    await takeCheckpoint(h.server.runtime.db, h.server.runtime.checkpointKey(), 'test')
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
    await page.screenshot({ path: join(SCREENSHOTS, 'board-top.png') })
    await row.click()

    await page.getByRole('heading', { name: new RegExp(NAME) }).waitFor()
    await expect.poll(() => page.getByTestId('case-level').textContent()).toBe('红灯报警')
    const firing = page.getByRole('region', { name: '超过法定时限（红灯报警）' })
    await firing.getByText('四川省行政权力依法规范公开运行电子监察管理办法(试行) 第十条(二)3').waitFor()
    await firing.getByText('行政权力运行环节有无超过法定时限或对外公开承诺的时限；').waitFor()
    const trace = firing.getByRole('table', { name: /逐条件追溯/ })
    const overdue = trace.getByRole('row', { name: /statutoryOverdue/ })
    await overdue.getByText('✓ 成立').waitFor()
    // the fact by its Chinese name beside its code, its value as a word: nothing needs English to be read
    await overdue.getByText('已超过法定时限').waitFor()
    expect(await overdue.getByText('是', { exact: true }).count()).toBeGreaterThan(0)
    await page.getByText('✓ 完整').waitFor()
    // verified against the checkpoint taken after the sweep: the case is in it, its head then, the proof holds
    await page.getByText('✓ 与检查点相符').first().waitFor()
    await page
      .getByTestId('checkpoint-state')
      .getByText(/检查点时链头为第 \d+ 行，包含证明成立/)
      .waitFor()
    // the complaint and its reply on the time line, each naming the other
    await page.getByTestId('complaint-k1').getByText('已答复：第 6 号事件').waitFor()
    await page.getByTestId('reply-k1').getByText('答复第 5 号事件的投诉').waitFor()
    await page.getByTestId('reply-k1').getByText('处理情况：已责令限期办结，电话告知投诉人').waitFor()
    await expectLabelsApart(page)
    await shot(page, 'case-red')

    // a notice on its own page; as of a moment before it was issued, it did not exist yet
    const red = page.getByTestId('notices').getByRole('button', { name: /红灯报警通知/ })
    await red.getByRole('link', { name: '单独查看' }).click()
    await page.getByRole('heading', { name: /红灯报警/ }).waitFor()
    const noticeUrl = page.url()
    await page.getByText('发出时刻').waitFor()
    // the notice as printed, in its frame
    await page.frameLocator('iframe[title="红灯报警通知"]').getByText('一、办件情况').waitFor()
    await shot(page, 'notice')
    await page.goto(`${noticeUrl}?at=${encodeURIComponent('2025-10-27T09:00:00+08:00')}`)
    await page.getByText('所看时刻该文书尚未发出').waitFor()
    await page.getByText(/所看时刻为 2025年10月27日 09:00，该文书发出于/).waitFor()
    expect(await page.getByRole('heading', { name: /红灯报警/ }).count()).toBe(0)
    await shot(page, 'notice-as-of-before')
    await page.getByRole('link', { name: '返回办件' }).click()
    await page.getByRole('heading', { name: new RegExp(NAME) }).waitFor()
    await page.getByRole('button', { name: '现在' }).click()
    await expect.poll(() => page.url()).not.toContain('at=')

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
    const near = page.getByRole('region', { name: '法定时限即将届满（黄灯预警）' })
    await near.waitFor()
    expect(await page.getByRole('region', { name: '超过法定时限（红灯报警）' }).count()).toBe(0)
    // the days left counted in the unit of the case's statutory clock: working days
    await near
      .getByRole('row', { name: /statutoryDaysLeft/ })
      .getByText('3 个工作日')
      .first()
      .waitFor()
    // the notices issued by then only: both came with the complaint's evaluation of 2025年11月3日, none by 10月27日
    const notices = page.getByTestId('notices')
    await notices.getByText('截至所看时刻', { exact: false }).waitFor()
    await notices.getByText('2 件在所看时刻之后发出，未列出').waitFor()
    expect(await notices.getByText('红灯报警通知').count()).toBe(0)
    // the events and evaluations recorded by then only
    expect(await page.getByText('录入 2025年9月29日 16:10').count()).toBe(1)
    expect(await page.getByRole('button', { name: '#9' }).count()).toBe(0)
    expect(await page.getByTestId('complaint-k1').count()).toBe(0)
    await expectLabelsApart(page)
    await shot(page, 'case-as-of-yellow')

    // the English switch: the trace's labels, operators and values in English too
    await page.getByRole('button', { name: '切换为英文界面' }).click()
    const nearEn = page.getByRole('region', { name: '法定时限即将届满（黄灯预警）' })
    const traceEn = nearEn.getByRole('table', { name: /^Condition trace/ })
    for (const header of ['Fact', 'Value found', 'Operator', 'Expected', 'Result'])
      await traceEn.getByRole('columnheader', { name: header }).waitFor()
    const leftEn = traceEn.getByRole('row', { name: /statutoryDaysLeft/ })
    await leftEn.getByText('at most ≤').waitFor()
    await leftEn.getByText('3 working days').first().waitFor()
    await leftEn.getByText('✓ held').waitFor()
    await page.getByText('Against checkpoint', { exact: false }).first().waitFor()
    await shot(page, 'case-as-of-yellow-en')
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await page
      .getByRole('table', { name: /^逐条件追溯/ })
      .first()
      .waitFor()

    // the signed checkpoint on its own page: the signature holds and the records match it
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '检查点' }).click()
    await page.getByRole('heading', { name: '签名检查点' }).waitFor()
    const verified = page.getByTestId('checkpoint-verification')
    await verified.getByText('✓ 签名成立').waitFor()
    await verified.getByText('✓ 与检查点相符').waitFor()
    await shot(page, 'checkpoint')
    // a case's head moved behind the platform's back (as a superuser would): the records no longer match
    await asSuperuser(h.server.runtime.db, (trx) =>
      trx.updateTable('cases').set({ head_seq: 1 }).where('case_id', '=', CASE_ID).execute(),
    )
    await page.reload()
    await verified.getByText('✗ 与检查点不符').waitFor()
    await verified.getByText('✓ 签名成立').waitFor()
    const broken = page.getByRole('table', { name: '不符之处' }).getByRole('row', { name: /HEAD_MISMATCH/ })
    await broken.getByRole('link', { name: CASE_ID }).waitFor()
    // a copy carried away and altered: its signature no longer holds
    const doc = await (await page.request.get(`${h.server.url}/checkpoints`)).json()
    await page.getByLabel('核验带走的检查点文件').fill(JSON.stringify({ ...doc[0], cases: doc[0].cases + 1 }))
    await page.getByRole('button', { name: '核验', exact: true }).click()
    await page.getByTestId('pasted-verification').getByText('✗ 签名不成立').waitFor()
    await shot(page, 'checkpoint-tampered')
  })
})

/** No two labels of the clock time line overlap, and no mark's line runs through another mark's label. */
async function expectLabelsApart(page: Page): Promise<void> {
  const boxes = await page.getByTestId('clock-line').evaluate((svg) =>
    [...svg.querySelectorAll('g')].flatMap((g) => {
      const text = g.querySelector(':scope > text')
      const line = g.querySelector(':scope > line')
      if (!text || !line) return []
      const b = (text as SVGGraphicsElement).getBBox()
      return [
        {
          label: text.textContent ?? '',
          x: b.x,
          y: b.y,
          w: b.width,
          h: b.height,
          lineX: Number(line.getAttribute('x1')),
          lineTop: Number(line.getAttribute('y1')),
          lineBottom: Number(line.getAttribute('y2')),
        },
      ]
    }),
  )
  expect(boxes.length).toBeGreaterThanOrEqual(3)
  for (const a of boxes) {
    for (const b of boxes) {
      if (a === b) continue
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
      expect(overlap, `${a.label} / ${b.label}`).toBe(false)
      const crosses = b.lineX > a.x && b.lineX < a.x + a.w && b.lineBottom > a.y && b.lineTop < a.y + a.h
      expect(crosses, `the line of ${b.label} through ${a.label}`).toBe(false)
    }
    expect(a.x, a.label).toBeGreaterThanOrEqual(0)
    expect(a.x + a.w, a.label).toBeLessThanOrEqual(1000)
  }
}
