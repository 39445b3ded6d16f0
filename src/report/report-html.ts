/** The report as an A4 printable page: figures, tables, charts as server-rendered SVG, and each figure's meaning. */
import type { SupervisionReport } from './supervision-report.js'
import { FIGURES } from './report-figures.js'
import { chartSvg } from './render-chart-svg.js'
import { figureValues } from './figure-values.js'

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** 2026-12-01T… → 2026年12月1日 (China Standard Time). */
const dateZh = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600e3)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/**
 * The printable page (A4, 仿宋 body after the usual practice for official reports), charts inlined as SVG.
 * @example writeFileSync('report.html', reportHtml(report))
 */
export function reportHtml(r: SupervisionReport): string {
  const values = figureValues(r)
  const rows = FIGURES.map((d) => `<tr><th scope="row">${esc(d.zh)}</th><td>${esc(values[d.id] ?? '')}</td></tr>`).join(
    '',
  )
  const table = <T>(head: string[], items: readonly T[], cells: (x: T) => (string | number)[]) =>
    items.length === 0
      ? '<p class="none">本期无。</p>'
      : `<table class="counts"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${items
          .map(
            (x) =>
              `<tr>${cells(x)
                .map((c) => `<td>${esc(String(c))}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`
  const charts = r.charts
    .map(
      (c) =>
        `<figure class="chart" data-chart="${c.id}">${chartSvg(c.option, 620, c.id === 'satisfaction' ? 260 : Math.max(200, 60 + 34 * ((c.option as { yAxis?: { data?: unknown[] } }).yAxis?.data?.length ?? 4)))}</figure>`,
    )
    .join('')
  const notes = FIGURES.map((d, i) => `<li><b>${i + 1}. ${esc(d.zh)}</b>：${esc(d.meaningZh)}</li>`).join('')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
@page { size: A4; margin: 25mm 22mm 25mm 24mm; @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC", serif; font-size: 12pt; } }
body { font-family: "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 14pt; line-height: 1.6; color: #000; margin: 0; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-weight: 700; font-size: 20pt; text-align: center; margin: 0 0 6pt; }
.meta { text-align: center; font-size: 12pt; margin-bottom: 14pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 14pt; margin: 14pt 0 6pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; margin-bottom: 8pt; break-inside: auto; }
th, td { border: 0.5pt solid #000; padding: 3pt 6pt; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
table.counts th:not(:first-child), table.counts td:not(:first-child) { white-space: nowrap; width: 1%; }
tr { break-inside: avoid; }
.chart { margin: 6pt 0 10pt; text-align: center; break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
.notes { font-size: 11pt; line-height: 1.5; padding-left: 0; list-style: none; }
.none { font-size: 12pt; }
@media screen { body { max-width: 170mm; margin: 10mm auto; padding: 0 10mm; background: #fff; } }
</style></head><body>
<h1>${esc(r.title)}</h1>
<p class="meta">${esc(r.organ.name)} · 报告期 ${esc(r.period.label)}（${dateZh(r.period.from)}至${dateZh(new Date(Date.parse(r.period.to) - 1).toISOString())}）· 生成于 ${dateZh(r.generatedAt)}</p>
<h2>一、主要数据</h2>
<table class="figures"><tbody>${rows}</tbody></table>
<h2>二、预警和报警的分布</h2>
${charts || '<p class="none">本期没有黄灯预警或红灯报警。</p>'}
${table(['部门', '黄灯预警', '红灯报警'], r.figures.byDepartment, (d) => [d.name, d.yellow, d.red])}
${table(['文件', '条款', '黄灯预警', '红灯报警'], r.figures.byArticle, (a) => [a.document, a.article, a.yellow, a.red])}
<h2>三、说明</h2>
<p style="font-size:12pt">本报告依据《四川省行政权力依法规范公开运行电子监察管理办法（试行）》第十三条，由平台记录（办件事件和评估记录）在生成时计算，范围为${esc(r.scope.name)}（${esc(r.scope.code)}）辖区；各项数据的含义如下。</p>
<ol class="notes">${notes}</ol>
</body></html>`
}
