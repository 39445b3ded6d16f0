/** A report's period: a month (2026-11), a quarter (2026-Q4) or a year (2026), as moments in China Standard Time. */
import { XingquanError } from '../errors/xingquan-error.js'
import type { ReportPeriod } from '../types/generated.js'

export type { ReportPeriod }

const QUARTERS = ['一', '二', '三', '四']
const start = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`
const next = (y: number, m: number) => (m === 12 ? start(y + 1, 1) : start(y, m + 1))

/**
 * The period for `2026-11`, `2026-Q4` or `2026`, or PERIOD_INVALID.
 * @example parsePeriod('2026-11') // { kind: 'month', id: '2026-11', label: '2026年11月', from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' }
 */
export function parsePeriod(text: string): ReportPeriod {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text)
  if (month) {
    const y = Number(month[1])
    const m = Number(month[2])
    return { kind: 'month', id: text, label: `${y}年${m}月`, from: start(y, m), to: next(y, m) }
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text)
  if (quarter) {
    const y = Number(quarter[1])
    const q = Number(quarter[2])
    return {
      kind: 'quarter',
      id: text,
      label: `${y}年第${QUARTERS[q - 1]}季度`,
      from: start(y, q * 3 - 2),
      to: next(y, q * 3),
    }
  }
  const year = /^(\d{4})$/.exec(text)
  if (year) {
    const y = Number(year[1])
    return { kind: 'year', id: text, label: `${y}年`, from: start(y, 1), to: start(y + 1, 1) }
  }
  throw new XingquanError({
    code: 'PERIOD_INVALID',
    zh: `报告期“${text}”应为月份（2026-11）、季度（2026-Q4）或年度（2026）`,
    en: `the period "${text}" must be a month (2026-11), a quarter (2026-Q4) or a year (2026)`,
    pointer: '/period',
  })
}
