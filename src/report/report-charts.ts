/** The report's charts as Apache ECharts options: one definition, drawn in the page and rendered to SVG for print. */
import type { ReportChart, ReportFigures } from '../types/generated.js'

export type { ReportChart }

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
const RED = '#c62828'
const YELLOW = '#e0a100'

const RATING_NAMES: Record<string, string> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  neutral: '一般',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
}

const RATING_COLORS: Record<string, string> = {
  verySatisfied: '#2e7d32',
  satisfied: '#66bb6a',
  neutral: '#9e9e9e',
  dissatisfied: '#ef6c00',
  veryDissatisfied: '#c62828',
}

/** A bar's value, its label hidden when it is 0 (a zero label sits on the other bar). */
const labelled = (values: number[]) => values.map((v) => (v === 0 ? { value: 0, label: { show: false } } : v))

/**
 * A document's name as a chart has room for it: 四川省行政权力依法规范公开运行电子监察管理办法(试行) → 电子监察管理办法.
 * @example shortDocument('阿坝州行政权力依法规范公开运行实施办法(试行)') // '阿坝州实施办法'
 */
export const shortDocument = (name: string): string =>
  name
    .replace(/^四川省行政权力依法规范公开运行/, '')
    .replace(/^阿坝州行政权力依法规范公开运行/, '阿坝州')
    .replace(/[(（]试行[)）]$/, '') || name

const bars = (title: string, names: string[], yellow: number[], red: number[]) => ({
  animation: false,
  textStyle: { fontFamily: FONT },
  title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
  legend: { bottom: 0, data: ['黄灯预警', '红灯报警'] },
  grid: { left: 12, right: 24, top: 36, bottom: 36, containLabel: true },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', data: names, axisLabel: { width: 160, overflow: 'break' } },
  series: [
    {
      name: '黄灯预警',
      type: 'bar',
      stack: 'n',
      data: labelled(yellow),
      itemStyle: { color: YELLOW },
      label: { show: true },
    },
    {
      name: '红灯报警',
      type: 'bar',
      stack: 'n',
      data: labelled(red),
      itemStyle: { color: RED },
      label: { show: true, color: '#fff' },
    },
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
    charts.push({
      id: 'byDepartment',
      title: '各部门黄灯预警、红灯报警办件数',
      option: bars(
        '各部门黄灯预警、红灯报警办件数',
        d.map((x) => x.name),
        d.map((x) => x.yellow),
        d.map((x) => x.red),
      ),
    })
  }
  if (f.byArticle.length > 0) {
    const a = [...f.byArticle].reverse()
    charts.push({
      id: 'byArticle',
      title: '按所依据条款的预警、报警办件数',
      option: bars(
        '按所依据条款的预警、报警办件数',
        a.map((x) => `${shortDocument(x.document)} ${x.article}`),
        a.map((x) => x.yellow),
        a.map((x) => x.red),
      ),
    })
  }
  if (f.satisfaction.total > 0) {
    charts.push({
      id: 'satisfaction',
      title: '满意度评价',
      option: {
        animation: false,
        textStyle: { fontFamily: FONT },
        title: { text: '满意度评价', left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            label: { formatter: '{b}：{c}' },
            data: Object.entries(f.satisfaction.ratings).map(([k, v]) => ({
              name: RATING_NAMES[k] ?? k,
              value: v,
              itemStyle: { color: RATING_COLORS[k] ?? '#607d8b' },
            })),
          },
        ],
      },
    })
  }
  return charts
}
