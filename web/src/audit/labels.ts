/** How the pages name levels, rule kinds, event types and finding outcomes, in both languages. */
import type { Language } from '../i18n/messages'

type Names = Readonly<Record<string, { readonly zh: string; readonly en: string }>>

export const LEVEL_NAMES: Names = {
  red: { zh: '红灯报警', en: 'Red alarm' },
  yellow: { zh: '黄灯预警', en: 'Yellow warning' },
  info: { zh: '提示', en: 'Info' },
  none: { zh: '正常', en: 'Normal' },
}

export const KIND_NAMES: Names = {
  deadline: { zh: '时限', en: 'Deadline' },
  discretion: { zh: '自由裁量', en: 'Discretion' },
  supervision: { zh: '电子监察', en: 'Supervision' },
  accountability: { zh: '责任追究', en: 'Accountability' },
  exemption: { zh: '不承担责任', en: 'Exemption' },
  mitigation: { zh: '从轻或免予', en: 'Mitigation' },
}

export const EVENT_NAMES: Names = {
  accepted: { zh: '受理', en: 'Accepted' },
  stepStarted: { zh: '环节开始', en: 'Step started' },
  stepCompleted: { zh: '环节办结', en: 'Step completed' },
  supplementRequested: { zh: '补正告知', en: 'Supplement requested' },
  supplementReceived: { zh: '补正材料收到', en: 'Supplement received' },
  suspended: { zh: '暂停计时', en: 'Suspended' },
  resumed: { zh: '恢复计时', en: 'Resumed' },
  extensionApproved: { zh: '批准延期', en: 'Extension approved' },
  returned: { zh: '退回', en: 'Returned' },
  merged: { zh: '并案', en: 'Merged' },
  evidenceUploaded: { zh: '上传证据', en: 'Evidence uploaded' },
  decisionMade: { zh: '作出决定', en: 'Decision made' },
  executed: { zh: '执行', en: 'Executed' },
  closed: { zh: '办结', en: 'Closed' },
  complaintReceived: { zh: '收到投诉举报', en: 'Complaint received' },
  complaintAnswered: { zh: '答复投诉', en: 'Complaint answered' },
  satisfactionRated: { zh: '满意度评价', en: 'Satisfaction rated' },
  circumstancesDetermined: { zh: '认定情节', en: 'Circumstances determined' },
  evidenceRemoved: { zh: '删除证据', en: 'Evidence removed' },
  findingRaised: { zh: '提出责任认定', en: 'Finding raised' },
  circumstanceEstablished: { zh: '查证免责从轻情形', en: 'Circumstance established' },
  patrolRecorded: { zh: '巡查记录', en: 'Patrol recorded' },
  asOf: { zh: '按时刻评估', en: 'As of a moment' },
}

export const FINDING_STATUS: Names = {
  open: { zh: '应当追究', en: 'To be held accountable' },
  cleared: { zh: '不承担责任', en: 'Cleared' },
  reduced: { zh: '从轻或者免予', en: 'Reduced' },
}

export const CAUSE_NAMES: Names = { event: { zh: '事件', en: 'Event' }, sweep: { zh: '时间到期', en: 'Time passed' } }

/**
 * A name in the language, or the code itself when it has none.
 * @example nameOf(LEVEL_NAMES, 'red', 'zh') // '红灯报警'
 */
export const nameOf = (names: Names, code: string, language: Language): string => names[code]?.[language] ?? code

/** The colour antd's Tag takes for a level. */
export const levelColor = (level: string): string =>
  level === 'red' ? 'red' : level === 'yellow' ? 'gold' : level === 'info' ? 'blue' : 'green'
