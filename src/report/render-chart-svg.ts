/** Server-side rendering of an ECharts option to an SVG string (for the printable report and its PDF). */
import * as echarts from 'echarts'

/**
 * The chart as SVG, width × height pixels, without animation.
 * @example const svg = chartSvg(chart.option, 640, 320) // '<svg …'
 */
export function chartSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ ...option, animation: false })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
