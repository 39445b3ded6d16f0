/** Each figure of the supervision report, defined once: its name and what it counts, as printed in the report's notes. */
import type { FigureDefinition } from '../types/generated.js'

export type { FigureDefinition }

export const FIGURES: readonly FigureDefinition[] = [
  {
    id: 'casesAccepted',
    zh: '受理办件',
    en: 'Cases accepted',
    meaningZh: '受理事件（accepted）的发生时刻在本期内、事项类型为办件的件数。',
    meaningEn: 'Cases (matter type case) whose accepted event occurred in the period.',
  },
  {
    id: 'casesClosed',
    zh: '办结办件',
    en: 'Cases closed',
    meaningZh: '办结事件（closed）的发生时刻在本期内的办件数。',
    meaningEn: 'Cases whose closed event occurred in the period.',
  },
  {
    id: 'mattersAccepted',
    zh: '受理监察事项',
    en: 'Matters opened',
    meaningZh: '本期内受理的非办件事项（督办、举报、目录调整、整改等）件数。',
    meaningEn: 'Matters other than cases (oversight, reports, catalog adjustments, …) accepted in the period.',
  },
  {
    id: 'yellowCases',
    zh: '黄灯预警办件',
    en: 'Cases with a yellow warning',
    meaningZh: '本期内至少有一次评估（评估时刻在本期内）触发了黄灯预警规则的办件和事项数；同一件多次只计一次。',
    meaningEn:
      'Cases and matters with at least one evaluation in the period that fired a yellow rule; each counted once.',
  },
  {
    id: 'redCases',
    zh: '红灯报警办件',
    en: 'Cases with a red alarm',
    meaningZh: '本期内至少有一次评估触发了红灯报警规则的办件和事项数；同一件多次只计一次。',
    meaningEn: 'Cases and matters with at least one evaluation in the period that fired a red rule; each counted once.',
  },
  {
    id: 'overdueClosedRate',
    zh: '超期办结率',
    en: 'Closed overdue',
    meaningZh: '本期办结的办件中，办结时已超过法定时限（办结事件的评估中 statutoryOverdue 为真）的比例。',
    meaningEn:
      'Of the cases closed in the period, the share past the statutory limit when closed (statutoryOverdue in the evaluation of the closed event).',
  },
  {
    id: 'alarmHandlingHours',
    zh: '红灯报警处置时长（中位数，小时）',
    en: 'Red alarm handling time (median, hours)',
    meaningZh: '本期内出现的每次红灯报警，从第一次红灯评估到其后第一次不再为红灯的评估之间的小时数的中位数。',
    meaningEn:
      'For each red alarm that began in the period, hours from its first red evaluation to the next evaluation no longer red; the median.',
  },
  {
    id: 'alarmsUnhandled',
    zh: '尚未解除的红灯报警',
    en: 'Red alarms not yet cleared',
    meaningZh: '本期内出现、到本期末仍为红灯的报警次数。',
    meaningEn: 'Red alarms begun in the period and still red at its end.',
  },
  {
    id: 'complaints',
    zh: '投诉举报',
    en: 'Complaints and reports',
    meaningZh: '发生时刻在本期内的投诉举报事件（complaintReceived）数，括号内为实名举报数。',
    meaningEn: 'complaintReceived events that occurred in the period; in brackets, the real-name reports.',
  },
  {
    id: 'complaintReplies',
    zh: '投诉答复',
    en: 'Complaints answered',
    meaningZh:
      '投诉的答复为答复事件（complaintAnswered，写明所答复的投诉、答复人和处理情况）：本期内答复的投诉数；到本期末已收到（complaintReceived）而未答复的投诉数；本期答复的投诉自收到至答复所用自然日数的中位数。举报事项（matterType report）中的举报以其办结事件答复，不在此项。此项不计“按期答复”：现行条文没有规定投诉答复的天数——电子监察办法 第四条（二）只规定受理并调查处理投诉，阿坝州办法 第二十五条 只要求“限时办理”、未定天数，且该办法已于 2019年5月18日 期满失效；平台不自设期限。',
    meaningEn:
      'A complaint is answered by a complaintAnswered event (naming the complaint, who replied and how it was handled): the complaints answered in the period; those received (complaintReceived) by its end and not answered; the median calendar days from receipt to reply of those answered in the period. Reports in a report matter are answered by its closed event and not counted here. No "answered in time": no text in force sets a number of days for the reply to a complaint (电子监察办法 第四条（二） only says complaints are received and dealt with; 阿坝州办法 第二十五条 says 限时办理 without a number, and lapsed on 2019-05-18), and the platform sets none of its own.',
  },
  {
    id: 'reportsRepliedInLimit',
    zh: '实名举报按期答复',
    en: 'Real-name reports answered in time',
    meaningZh:
      '实名举报事项（matterType report，其中有实名举报的 complaintReceived 事件）的答复即其办结事件（closed：告知举报人办理情况，阿坝州办法 第五十二条）；本期内答复的实名举报中，答复时未超过 7 个工作日答复期限（办结事件的评估中 statutoryOverdue 为假）的件数与比例。',
    meaningEn:
      'A real-name report matter (matterType report with a real-name complaintReceived event) is answered by its closed event (the reporter told the outcome, 阿坝州办法 第五十二条); of those answered in the period, the ones within the 7-working-day limit (statutoryOverdue false in the evaluation of the closed event): count and share.',
  },
  {
    id: 'reportsUnrepliedOverdue',
    zh: '逾期未答复的实名举报',
    en: 'Real-name reports overdue, not answered',
    meaningZh:
      '到本期末尚未答复（无办结事件）、其答复期限届满日（最后一次评估的 statutoryDueDate）已在本期末之前的实名举报事项数。',
    meaningEn:
      'Real-name report matters not answered (no closed event) by the end of the period whose reply limit (statutoryDueDate of their last evaluation) ended before it.',
  },
  {
    id: 'satisfactionRate',
    zh: '满意率',
    en: 'Satisfaction',
    meaningZh: '本期满意度评价（satisfactionRated）中“非常满意”与“满意”所占比例。',
    meaningEn: 'Share of verySatisfied and satisfied among the satisfaction ratings of the period.',
  },
  {
    id: 'findings',
    zh: '责任追究认定',
    en: 'Accountability findings',
    meaningZh: '各办件在本期内最后一次评估所列的第四十八条认定，按结果（应当追究、不承担责任、从轻或者免予）计数。',
    meaningEn:
      'Findings under 第四十八条 listed by each case’s last evaluation in the period, by outcome (to be held accountable, cleared, reduced).',
  },
]
