import { PDFParse } from 'pdf-parse'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chromiumPath, htmlToPdf } from '../../src/print/chromium-pdf.js'
import { computeReport } from '../../src/report/compute-report.js'
import { reportCharts } from '../../src/report/report-charts.js'
import { FIGURES } from '../../src/report/report-figures.js'
import { reportHtml } from '../../src/report/report-html.js'
import { parsePeriod } from '../../src/report/report-period.js'
import type { SupervisionReport } from '../../src/report/supervision-report.js'

const NOV = parsePeriod('2026-11')
const ES = '四川省行政权力依法规范公开运行电子监察管理办法(试行)'

/** A November report with lights in one department under one article, and five ratings; or without any record. */
function report(withRecords: boolean): SupervisionReport {
  const figures = computeReport([], NOV)
  if (withRecords) {
    figures.byDepartment.push({ code: 'lx-scjgj', name: '理县市场监督管理局', yellow: 3, red: 2 })
    figures.byArticle.push({ document: ES, article: '第十条', yellow: 3, red: 2 })
    figures.satisfaction = { ratings: { satisfied: 4, dissatisfied: 1 }, total: 5, rate: 0.8 }
  }
  const organ = { id: '513222.supervision-commission', name: '理县监察委员会' }
  return {
    title: `${organ.name}电子监察工作月报（${NOV.label}）`,
    organ,
    scope: { code: '513222', name: '理县' },
    period: NOV,
    generatedAt: '2026-12-01T01:00:00Z',
    figures,
    definitions: [...FIGURES],
    charts: reportCharts(figures),
  }
}

/** The figure of one chart in the print HTML. */
const chartOf = (html: string, id: string) =>
  new RegExp(`<figure class="chart" data-chart="${id}">([\\s\\S]*?)</figure>`).exec(html)?.[1] ?? ''

/**
 * The PDF's text as a person reads it: Noto CJK's ToUnicode maps some characters to their radicals (⻩ for 黄, ⼦ for 子),
 * which NFKC folds for the Kangxi radicals and this table for the supplement's (NFKC also folds ：to :, so what is
 * looked for is folded alike).
 */
const readable = (text: string) =>
  text
    .normalize('NFKC')
    .replace(
      /[⻩⻔⻓⻅⻋⻜⻚]/g,
      (c) => ({ '⻩': '黄', '⻔': '门', '⻓': '长', '⻅': '见', '⻋': '车', '⻜': '飞', '⻚': '页' })[c]!,
    )

const chromium = existsSync(chromiumPath())
if (!chromium && process.env.CI === 'true')
  throw new Error(`the report PDF test needs Chromium at ${chromiumPath()} — CI=true: a skip is a failure`)

describe('the report print page and its PDF have charts with content', () => {
  it('draws each chart in the print HTML as SVG with its title and its series values', () => {
    const html = reportHtml(report(true))
    const departments = chartOf(html, 'byDepartment')
    expect(departments).toMatch(/^<svg/)
    expect(departments).toContain('各部门黄灯预警、红灯报警办件数')
    expect(departments).toContain('理县市场监督管理局')
    // the bar labels are the series values
    expect(departments).toMatch(/<text[^>]*>3<\/text>/)
    expect(departments).toMatch(/<text[^>]*>2<\/text>/)
    expect(chartOf(html, 'byArticle')).toContain('电子监察管理办法 第十条')
    expect(chartOf(html, 'satisfaction')).toContain('满意：4')
    expect(chartOf(html, 'satisfaction')).toContain('不满意：1')
    const empty = reportHtml(report(false))
    expect(chartOf(empty, 'byDepartment')).toBe('')
    expect(empty).toContain('本期没有黄灯预警或红灯报警。')
  })

  it.skipIf(!chromium)(
    'prints the charts into the PDF as text and drawing: titles, categories and values',
    { timeout: 60_000 },
    async () => {
      const textOf = async (r: SupervisionReport) => {
        const parser = new PDFParse({ data: new Uint8Array(await htmlToPdf(reportHtml(r))) })
        try {
          return readable((await parser.getText()).text)
        } finally {
          await parser.destroy()
        }
      }
      const text = await textOf(report(true))
      for (const title of ['各部门黄灯预警、红灯报警办件数', '按所依据条款的预警、报警办件数', '满意度评价'])
        expect(text, title).toContain(title)
      // the category axis of the article chart (the document shortened: only the chart says it so) and the pie's labels
      expect(text).toContain('电子监察管理办法 第十条')
      expect(text).toContain(readable('满意：4'))
      expect(text).toContain(readable('不满意：1'))
      // the value axis 0…5 and the bar labels 3 and 2
      expect(text).toMatch(/0\s+1\s+2\s+3\s+4\s+5/)
      const none = await textOf(report(false))
      expect(none).toContain('本期没有黄灯预警或红灯报警。')
      for (const title of ['各部门黄灯预警、红灯报警办件数', '按所依据条款的预警、报警办件数', readable('满意：4')])
        expect(none, title).not.toContain(title)
    },
  )
})
