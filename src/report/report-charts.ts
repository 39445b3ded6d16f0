/** The report's charts as Apache ECharts options: one definition, drawn in the page and rendered to SVG for print. */
import type { ReportChart, ReportFigures } from '../types/generated.js'

export type { ReportChart }

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
const RED = '#c62828'
const YELLOW = '#e0a100'

const RATING_NAMES: Record<string, string> = { verySatisfied: '非常满意', satisfied: '满意', neutral: '一般', dissatisfied: '不满意', veryDissatisfied: '非常不满意' }

const bars = (title: string, names: string[], yellow: number[], red: number[]) => ({
  animation: false,
  textStyle: { fontFamily: FONT },
  title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
  legend: { bottom: 0, data: ['黄灯预警', '红灯报警'] },
  grid: { left: 12, right: 24, top: 36, bottom: 36, containLabel: true },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', data: names, axisLabel: { width: 220, overflow: 'break' } },
  series: [
    { name: '黄灯预警', type: 'bar', stack: 'n', data: yellow, itemStyle: { color: YELLOW }, label: { show: true } },
    { name: '红灯报警', type: 'bar', stack: 'n', data: red, itemStyle: { color: RED }, label: { show: true } },
  ],
})

/**
 * The charts for a report's figures (only those with something to show).
 * @example const charts = reportCharts(figures) // [{ id: 'byDepartment', title: '…', option: {…} }, …]
 */
export function reportCharts(f: ReportFigures): ReportChart[] {
  const charts: ReportChart[] = []
  if (f.byDepartment.length > 0) {
    const d = [...f.byDepartment].reverse()
    charts.push({ id: 'byDepartment', title: '各部门黄灯预警、红灯报警办件数', option: bars('各部门黄灯预警、红灯报警办件数', d.map((x) => x.name), d.map((x) => x.yellow), d.map((x) => x.red)) })
  }
  if (f.byArticle.length > 0) {
    const a = [...f.byArticle].reverse()
    charts.push({ id: 'byArticle', title: '按所依据条款的预警、报警办件数', option: bars('按所依据条款的预警、报警办件数', a.map((x) => `${x.document.replace(/\(试行\)$/, '')} ${x.article}`), a.map((x) => x.yellow), a.map((x) => x.red)) })
  }
  if (f.satisfaction.total > 0) {
    charts.push({
      id: 'satisfaction',
      title: '满意度评价',
      option: {
        animation: false,
        textStyle: { fontFamily: FONT },
        title: { text: '满意度评价', left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
        series: [{ type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}：{c}' }, data: Object.entries(f.satisfaction.ratings).map(([k, v]) => ({ name: RATING_NAMES[k] ?? k, value: v })) }],
      },
    })
  }
  return charts
}
