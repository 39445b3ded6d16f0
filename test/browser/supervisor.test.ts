import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PDFParse } from 'pdf-parse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { SEEDER } from '../../src/service/seed.js'
import type { CaseEvent, CaseFile } from '../../src/types/generated.js'
import { browserAvailable, openHarness, PEOPLE, SCREENSHOTS, shot, type Harness } from './harness.js'

/**
 * A food licence of 理县 accepted on 2026年10月19日 (statutory limit: 20 working days, ending 2026年11月16日): evidence
 * uploaded on 11月12日 finds it yellow, on 11月18日 red; a real-name report (not answered), a complaint answered after
 * three days and a rating follow in November.
 */
function novemberCase(): CaseEvent[] {
  const file = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile
  const shift = (iso: string) => iso.replace(/^2025-09-2[69]/, (d) => (d.endsWith('26') ? '2026-10-19' : '2026-10-21'))
  const actor = { id: 'u-li', name: '李明' }
  const at = (d: string) => ({ occurredAt: d, recordedAt: d, actor })
  const events = file.events.map((e) => ({
    ...structuredClone(e),
    occurredAt: shift(e.occurredAt),
    recordedAt: shift(e.recordedAt),
  })) as CaseEvent[]
  const first = events[0] as CaseEvent & { case: { serialNumber: string; name: string } }
  Object.assign(first.case, { serialNumber: 'LX-2026-001111', name: '理县某某面馆食品经营许可' })
  const evidence = (n: number, d: string) => ({
    id: `ev${n}`,
    type: 'evidenceUploaded',
    ...at(d),
    evidence: { id: `doc-${n}`, kind: 'document', title: `材料${n}`, sha256: String(n).repeat(64).slice(0, 64) },
  })
  return [
    ...events,
    evidence(1, '2026-11-12T10:00:00+08:00'),
    evidence(2, '2026-11-18T10:00:00+08:00'),
    {
      id: 'c1',
      type: 'complaintReceived',
      ...at('2026-11-20T10:00:00+08:00'),
      kind: 'report',
      realName: true,
      complainant: '张某',
      content: '办理超期',
    },
    // a complaint answered three days later (complaintAnswered); no text in force sets its limit
    {
      id: 'k1',
      type: 'complaintReceived',
      ...at('2026-11-21T10:00:00+08:00'),
      kind: 'complaint',
      realName: false,
      content: '窗口人员态度生硬',
    },
    {
      id: 'k1-reply',
      type: 'complaintAnswered',
      ...at('2026-11-24T10:00:00+08:00'),
      complaintId: 'k1',
      handling: '已约谈窗口人员，电话告知投诉人',
    },
    { id: 'r1', type: 'satisfactionRated', ...at('2026-11-25T10:00:00+08:00'), rating: 'dissatisfied' },
  ] as CaseEvent[]
}

/** A PDF's text as read (Noto CJK maps some characters to radicals: NFKC and a few folded back; ：becomes :). */
async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) })
  try {
    return (await parser.getText()).text
      .normalize('NFKC')
      .replace(/[⻩⻔⻓]/g, (c) => ({ '⻩': '黄', '⻔': '门', '⻓': '长' })[c]!)
  } finally {
    await parser.destroy()
  }
}

describe.skipIf(!browserAvailable())(
  'a supervisor produces the November report in Chromium',
  { timeout: 240_000 },
  () => {
    let h: Harness
    beforeAll(async () => {
      h = await openHarness({ seed: false })
      for (const e of novemberCase()) await appendEvent(h.server.runtime, SEEDER, 'report-walk-1', e)
    }, 240_000)
    afterAll(() => h?.close())

    it('chooses the organ and November 2026, reads the figures and charts, and gets the PDF with the charts in it', async () => {
      const page = await h.signedIn(PEOPLE.supervisor.userName, PEOPLE.supervisor.password)
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '监察报告' }).click()
      await page.getByRole('heading', { name: '电子监察工作报告' }).waitFor()
      await page.getByLabel('监察机关').click()
      await page.getByTitle('理县监察委员会', { exact: true }).click()
      const month = page.getByLabel('报告期')
      await month.click()
      await month.fill('2026年11月')
      await month.press('Enter')
      await page.getByRole('button', { name: '生成报告' }).click()
      await expect.poll(() => page.url()).toMatch(/\/report\/513222\.supervision-commission\/2026-11$/)
      await page.getByRole('heading', { name: '理县监察委员会电子监察工作月报（2026年11月）' }).waitFor()
      const figures = page.getByRole('table', { name: '主要数据' })
      await figures.getByRole('row', { name: /红灯报警办件\s*1/ }).waitFor()
      await figures.getByRole('row', { name: /黄灯预警办件\s*1/ }).waitFor()
      await figures.getByRole('row', { name: /投诉举报\s*2（实名 1）/ }).waitFor()
      // the report on the ordinary case has no reply event; the complaint's reply came after 3 days
      await figures.getByRole('row', { name: /投诉答复\s*已答复 1，未答复 1，答复用时中位数 3 日/ }).waitFor()
      await page.getByText('此项不计“按期答复”：现行条文没有规定投诉答复的天数', { exact: false }).waitFor()
      await page.getByRole('img', { name: '各部门黄灯预警、红灯报警办件数' }).locator('svg').waitFor()
      await page.getByRole('img', { name: '满意度评价' }).locator('svg').waitFor()
      await page.getByText('受理事件（accepted）的发生时刻在本期内').waitFor()
      await shot(page, 'report')

      // in the page's English mode the charts are worded in English; the print below stays Chinese
      await page.getByRole('button', { name: '切换为英文界面' }).click()
      const byDepartment = page.getByRole('img', { name: 'Cases with a yellow warning or red alarm, by department' })
      await byDepartment.getByText('Yellow warning').first().waitFor()
      await byDepartment.getByText('Red alarm').first().waitFor()
      await page.getByRole('img', { name: 'Satisfaction ratings' }).getByText('Dissatisfied: 1').waitFor()
      await page
        .getByRole('table', { name: 'Figures' })
        .getByRole('row', { name: /Complaints answered\s*answered 1, unanswered 1, median reply 3 days/ })
        .waitFor()
      await shot(page, 'report-en')
      await page.getByRole('button', { name: 'Switch to Chinese' }).click()
      await page.getByRole('img', { name: '满意度评价' }).locator('svg').waitFor()

      const query = 'organ=513222.supervision-commission&period=2026-11'
      const html = await (await page.request.get(`${h.server.url}/reports/supervision?${query}&format=html`)).text()
      for (const id of ['byDepartment', 'byArticle', 'satisfaction'])
        expect(html).toMatch(new RegExp(`data-chart="${id}"><svg[^>]*>[\\s\\S]*?<path`))
      const pdf = await page.request.get(`${h.server.url}/reports/supervision?${query}&format=pdf`)
      expect(pdf.status()).toBe(200)
      expect(pdf.headers()['content-type']).toBe('application/pdf')
      const bytes = await pdf.body()
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
      writeFileSync(join(SCREENSHOTS, 'report.pdf'), bytes)
      // the charts are vector drawings in the PDF: the same report without data has far fewer drawing operations
      const empty = await (
        await page.request.get(
          `${h.server.url}/reports/supervision?organ=513222.supervision-commission&period=2026-09&format=pdf`,
        )
      ).body()
      expect(bytes.length).toBeGreaterThan(empty.length + 10_000)
      // and the charts' own words and values are in the PDF's text: titles, the pie's labels
      const text = await pdfText(bytes)
      for (const words of ['各部门黄灯预警、红灯报警办件数', '按所依据条款的预警、报警办件数', '不满意:1'])
        expect(text, words).toContain(words)
      expect(await pdfText(empty)).not.toContain('各部门黄灯预警、红灯报警办件数')

      // the annual report (阿坝州办法: quarterly and annual reporting) from the same page
      await page.getByRole('radiogroup', { name: '报告类型' }).getByText('年报').click()
      const year = page.getByLabel('报告期')
      await year.click()
      await year.fill('2026年')
      await year.press('Enter')
      await page.getByRole('button', { name: '生成报告' }).click()
      await expect.poll(() => page.url()).toMatch(/\/report\/513222\.supervision-commission\/2026$/)
      await page.getByRole('heading', { name: '理县监察委员会电子监察工作年报（2026年）' }).waitFor()
      await page
        .getByRole('table', { name: '主要数据' })
        .getByRole('row', { name: /受理办件\s*1/ })
        .waitFor()
      await shot(page, 'report-year')
    })
  },
)
