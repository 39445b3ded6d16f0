/** One Apache ECharts chart in the page, from the same option the server renders to SVG for print. */
import * as echarts from 'echarts'
import { useEffect, useRef } from 'react'

export function EChart({ option, height, label }: { option: object; height: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!ref.current) return
    const chart = echarts.init(ref.current, null, { renderer: 'svg' })
    chart.setOption(option as echarts.EChartsOption)
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.dispose()
    }
  }, [option])
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />
}
