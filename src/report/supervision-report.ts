/** The monthly, quarterly or annual electronic supervision report (电子监察工作月报/季报, 电子监察办法 第十三条; 年报, 阿坝州办法) of an organ. */
import type { ReportPeriod, SupervisionReport } from '../types/generated.js'
import { FIGURES } from './report-figures.js'

export type { SupervisionReport }

/**
 * The report's title: 理县监察委员会电子监察工作月报（2026年11月）.
 * @example reportTitle('理县监察委员会', parsePeriod('2026-Q4')) // '理县监察委员会电子监察工作季报（2026年第四季度）'
 */
export const reportTitle = (organName: string, period: ReportPeriod): string =>
  `${organName}电子监察工作${KIND_NAMES[period.kind]}（${period.label}）`

export { FIGURES }

/** What a report of each kind is called. */
const KIND_NAMES: Record<ReportPeriod['kind'], string> = { month: '月报', quarter: '季报', year: '年报' }
