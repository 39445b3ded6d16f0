/** Each figure of a report as printed, the same in the page, the print and the CLI. */
import type { SupervisionReport } from '../types/generated.js'

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)
const days = (d: number | null, unit: string) => (d === null ? '—' : `${d}${unit}`)

/**
 * The printed value of each figure, by figure id, in Chinese (the print and the CLI) or English (the page's switch).
 * @example figureValues(report).redCases // '1'
 */
export function figureValues(r: SupervisionReport, language: 'zh' | 'en' = 'zh'): Record<string, string> {
  const f = r.figures
  if (language === 'en') {
    return {
      ...figureValues(r),
      alarmHandlingHours:
        f.alarmHandlingHours.median === null
          ? '—'
          : `${f.alarmHandlingHours.median} (${f.alarmHandlingHours.handled} alarms)`,
      complaints: `${f.complaints.count} (real-name ${f.complaints.realName})`,
      complaintReplies: `answered ${f.complaintReplies.answered}, unanswered ${f.complaintReplies.unanswered}, median reply ${days(f.complaintReplies.medianDays, ' days')}`,
      reportsRepliedInLimit: `${f.reportsRepliedInLimit.count}/${f.reportsRepliedInLimit.of} (${pct(f.reportsRepliedInLimit.rate)})`,
      satisfactionRate: `${pct(f.satisfaction.rate)} (${f.satisfaction.total} ratings)`,
      findings: `to be held accountable ${f.findings.open}, cleared ${f.findings.cleared}, reduced ${f.findings.reduced}`,
      overdueClosedRate: `${pct(f.overdueClosed.rate)} (${f.overdueClosed.count}/${f.overdueClosed.of})`,
    }
  }
  return {
    casesAccepted: String(f.casesAccepted),
    casesClosed: String(f.casesClosed),
    mattersAccepted: String(f.mattersAccepted),
    yellowCases: String(f.yellowCases),
    redCases: String(f.redCases),
    overdueClosedRate: `${pct(f.overdueClosed.rate)}（${f.overdueClosed.count}/${f.overdueClosed.of}）`,
    alarmHandlingHours:
      f.alarmHandlingHours.median === null
        ? '—'
        : `${f.alarmHandlingHours.median}（${f.alarmHandlingHours.handled} 次）`,
    alarmsUnhandled: String(f.alarmsUnhandled),
    complaints: `${f.complaints.count}（实名 ${f.complaints.realName}）`,
    complaintReplies: `已答复 ${f.complaintReplies.answered}，未答复 ${f.complaintReplies.unanswered}，答复用时中位数 ${days(f.complaintReplies.medianDays, ' 日')}`,
    reportsRepliedInLimit: `${f.reportsRepliedInLimit.count}/${f.reportsRepliedInLimit.of}（${pct(f.reportsRepliedInLimit.rate)}）`,
    reportsUnrepliedOverdue: String(f.reportsUnrepliedOverdue),
    satisfactionRate: `${pct(f.satisfaction.rate)}（${f.satisfaction.total} 次评价）`,
    findings: `应当追究 ${f.findings.open}，不承担责任 ${f.findings.cleared}，从轻或者免予 ${f.findings.reduced}`,
  }
}
