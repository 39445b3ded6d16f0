/** The report's charts as Apache ECharts options: one definition, drawn in the page and rendered to SVG for print. */
import type { ReportChart, ReportFigures } from '../types/generated.js'

export type { ReportChart }

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
const RED = '#c62828'
const YELLOW = '#e0a100'

type Language = 'zh' | 'en'

/** The charts' words: Chinese for the print (an official document) and the page; English for the page's switch. */
const WORDS = {
  zh: {
    yellow: '黄灯预警',
    red: '红灯报警',
    byDepartment: '各部门黄灯预警、红灯报警办件数',
    byArticle: '按所依据条款的预警、报警办件数',
    satisfaction: '满意度评价',
    cases: '办件数',
    pieLabel: '{b}：{c}',
  },
  en: {
    yellow: 'Yellow warning',
    red: 'Red alarm',
    byDepartment: 'Cases with a yellow warning or red alarm, by department',
    byArticle: 'Cases with a warning or alarm, by the article relied on',
    satisfaction: 'Satisfaction ratings',
    cases: 'Cases',
    pieLabel: '{b}: {c}',
  },
} as const

const RATING_NAMES: Record<Language, Record<string, string>> = {
  zh: {
    verySatisfied: '非常满意',
    satisfied: '满意',
    neutral: '一般',
    dissatisfied: '不满意',
    veryDissatisfied: '非常不满意',
  },
  en: {
    verySatisfied: 'Very satisfied',
    satisfied: 'Satisfied',
    neutral: 'Neutral',
    dissatisfied: 'Dissatisfied',
    veryDissatisfied: 'Very dissatisfied',
  },
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

const bars = (w: (typeof WORDS)[Language], title: string, names: string[], yellow: number[], red: number[]) => ({
  animation: false,
  textStyle: { fontFamily: FONT },
  title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
  legend: { bottom: 0, data: [w.yellow, w.red] },
  grid: { left: 12, right: 24, top: 36, bottom: 52, containLabel: true },
  xAxis: { type: 'value', minInterval: 1, name: w.cases, nameLocation: 'middle', nameGap: 24 },
  yAxis: { type: 'category', data: names, axisLabel: { width: 160, overflow: 'break' } },
  series: [
    {
      name: w.yellow,
      type: 'bar',
      stack: 'n',
      data: labelled(yellow),
      itemStyle: { color: YELLOW },
      label: { show: true },
    },
    {
      name: w.red,
      type: 'bar',
      stack: 'n',
      data: labelled(red),
      itemStyle: { color: RED },
      label: { show: true, color: '#fff' },
    },
  ],
})

/**
 * The charts for a report's figures (only those with something to show), in Chinese unless the page asks for English.
 * @example const charts = reportCharts(figures) // [{ id: 'byDepartment', title: '…', option: {…} }, …]
 */
export function reportCharts(f: ReportFigures, language: Language = 'zh'): ReportChart[] {
  const w = WORDS[language]
  const charts: ReportChart[] = []
  if (f.byDepartment.length > 0) {
    const d = [...f.byDepartment].reverse()
    charts.push({
      id: 'byDepartment',
      title: w.byDepartment,
      option: bars(
        w,
        w.byDepartment,
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
      title: w.byArticle,
      option: bars(
        w,
        w.byArticle,
        a.map((x) => `${shortDocument(x.document)} ${x.article}`),
        a.map((x) => x.yellow),
        a.map((x) => x.red),
      ),
    })
  }
  if (f.satisfaction.total > 0) {
    charts.push({
      id: 'satisfaction',
      title: w.satisfaction,
      option: {
        animation: false,
        textStyle: { fontFamily: FONT },
        title: { text: w.satisfaction, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            label: { formatter: w.pieLabel },
            data: Object.entries(f.satisfaction.ratings).map(([k, v]) => ({
              name: RATING_NAMES[language][k] ?? k,
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
