/** The monthly or quarterly electronic supervision report (电子监察工作月报/季报, 电子监察办法 第十三条) of an organ. */
import type { ReportPeriod, SupervisionReport } from '../types/generated.js'
import { FIGURES } from './report-figures.js'

export type { SupervisionReport }

/**
 * The report's title: 理县监察委员会电子监察工作月报（2026年11月）.
 * @example reportTitle('理县监察委员会', parsePeriod('2026-Q4')) // '理县监察委员会电子监察工作季报（2026年第四季度）'
 */
export const reportTitle = (organName: string, period: ReportPeriod): string => `${organName}电子监察工作${period.kind === 'month' ? '月报' : '季报'}（${period.label}）`

export { FIGURES }
