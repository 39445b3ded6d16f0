/** Synthetic but realistic rules over the real facts (schemas/facts.schema.json), to bring a bench pack up to its size. */
import type { Condition, Rule, TopLevelCondition } from '../src/types/generated.js'

/** Not law: every synthetic rule cites this, so that no one mistakes it for a provision. */
const CITATION = {
  document: '基准测试用合成规则（不是法律规定）/ synthetic benchmark rule, not law',
  article: '第一条',
}

const f = (fact: string, operator: string, value: unknown, extra: Record<string, unknown> = {}): Condition =>
  ({ fact, operator, value, ...extra }) as Condition
/** A top-level event-type condition; every other one checks it first by priority, as a careful author would. */
const on = (types: readonly string[], i: number): Condition =>
  types.length === 1
    ? f('eventType', 'equal', types[0], i % 2 ? { priority: 2 } : {})
    : f('eventType', 'in', [...types], i % 2 ? { priority: 2 } : {})

/** Shared conditions the synthetic rules refer to. */
export const SYNTHETIC_SHARED: Readonly<Record<string, TopLevelCondition>> = {
  benchRunning: { all: [f('caseStatus', 'equal', 'open'), f('clockStopped', 'equal', false)] },
  benchPenaltyLike: { any: [f('powerType', 'equal', 'penalty'), f('powerType', 'in', ['enforcement', 'inspection'])] },
}

type Template = (i: number) => Pick<Rule, 'kind' | 'level' | 'title'> & { conditions: TopLevelCondition }

const TEMPLATES: readonly Template[] = [
  (i) => ({
    kind: 'deadline',
    level: 'yellow',
    title: `法定时限剩余不足 ${1 + (i % 5)} 天`,
    conditions: {
      all: [
        { condition: 'benchRunning' },
        f('statutoryOverdue', 'equal', false),
        f('statutoryDaysLeft', 'lessThanInclusive', 1 + (i % 5)),
      ],
    },
  }),
  (i) => ({
    kind: 'deadline',
    level: 'yellow',
    title: `承诺时限剩余不足 ${2 + (i % 4)} 天`,
    conditions: {
      all: [
        { condition: 'benchRunning' },
        f('promisedOverdue', 'equal', false),
        f('promisedDaysLeft', 'lessThanInclusive', 2 + (i % 4)),
      ],
    },
  }),
  (i) => ({
    kind: 'deadline',
    level: 'info',
    title: '环节时限将到',
    conditions: { all: [f('stepOverdue', 'equal', false), f('stepDaysLeft', 'lessThanInclusive', i % 3)] },
  }),
  (i) => ({
    kind: 'supervision',
    level: i % 2 ? 'red' : 'yellow',
    title: `事后录入超过 ${[24, 48, 72][i % 3]} 小时`,
    conditions: { all: [f('recordingDelayHours', 'greaterThan', [24, 48, 72][i % 3])] },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'red',
    title: '决定无法律依据',
    conditions: { all: [on(['decisionMade'], i), f('decisionHasLegalBasis', 'equal', false)] },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'red',
    title: '决定所列证据未上传',
    conditions: { all: [on(['decisionMade', 'closed'], i), f('decisionMissingEvidenceCount', 'greaterThan', 0)] },
  }),
  (i) => ({
    kind: 'discretion',
    level: 'yellow',
    title: `处罚决定证据少于 ${2 + (i % 2)} 件`,
    conditions: {
      all: [
        on(['decisionMade'], i),
        { condition: 'benchPenaltyLike' },
        f('decisionEvidenceCount', 'lessThan', 2 + (i % 2)),
      ],
    },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'red',
    title: '执行无凭据',
    conditions: { all: [on(['executed'], i), f('executionHasVoucher', 'equal', false)] },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'red',
    title: '执行与决定不符',
    conditions: { all: [on(['executed', 'closed'], i), f('executionMatchesDecision', 'equal', false)] },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'yellow',
    title: '环节未按顺序开始',
    conditions: { all: [on(['stepStarted'], i), f('stepOutOfOrder', 'equal', true)] },
  }),
  (i) => ({
    kind: 'accountability',
    level: 'red',
    title: '无有效执法资格',
    conditions: {
      all: [
        on(['stepStarted', 'stepCompleted', 'decisionMade', 'executed'], i),
        f('actorQualificationValid', 'equal', false),
        { condition: 'benchPenaltyLike' },
      ],
    },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'yellow',
    title: '未一次性告知补正',
    conditions: { all: [on(['supplementRequested'], i), f('supplementRequestCount', 'greaterThan', 1)] },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'yellow',
    title: '退回未说明理由',
    conditions: { all: [on(['returned'], i), f('returnedWithoutReason', 'equal', true)] },
  }),
  (i) => ({
    kind: 'discretion',
    level: 'red',
    title: `情节轻微而罚款 ${[5000, 20000][i % 2]} 元以上`,
    conditions: {
      all: [
        f('decisionMade', 'equal', true),
        f('penaltyKinds', 'contains', 'fine'),
        f('penaltyAmount', 'greaterThanInclusive', [5000, 20000][i % 2]),
        f('circumstance', 'in', ['轻微', '一般']),
      ],
    },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'red',
    title: '证据上传后被更改',
    conditions: { all: [f('evidenceChanged', 'equal', true), ...(i % 2 ? [on(['evidenceUploaded'], i)] : [])] },
  }),
  (i) => ({
    kind: 'accountability',
    level: 'red',
    title: '超过法定时限办结',
    conditions: { all: [on(['closed'], i), f('statutoryOverdue', 'equal', true)] },
  }),
  () => ({
    kind: 'supervision',
    level: 'info',
    title: '承诺时限用时超过法定天数',
    conditions: { all: [f('promisedDaysUsed', 'greaterThan', { fact: 'statutoryLimitDays' })] },
  }),
  (i) => ({
    kind: 'deadline',
    level: 'yellow',
    title: '停止计时期间又多次补正',
    conditions: {
      any: [
        { all: [f('clockStopped', 'equal', true), f('supplementRequestCount', 'greaterThanInclusive', 2)] },
        {
          all: [
            f('eventType', 'equal', 'asOf'),
            f('clockStopped', 'equal', true),
            f('statutoryDaysLeft', 'lessThan', 1 + (i % 3)),
          ],
        },
      ],
    },
  }),
  (i) => ({
    kind: 'deadline',
    level: 'yellow',
    title: '延期后时限仍紧',
    conditions: {
      all: [
        f('extensionWorkingDays', 'greaterThanInclusive', 5 * (1 + (i % 2))),
        f('statutoryDaysLeft', 'lessThan', 5),
        f('statutoryOverdue', 'equal', false),
      ],
    },
  }),
  (i) => ({
    kind: 'deadline',
    level: 'red',
    title: `${['审查', '审核', '决定'][i % 3]}环节超时`,
    conditions: { all: [f('overdueStepIds', 'contains', ['review', 'approve', 'decide'][i % 3])] },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'yellow',
    title: '无证据即作决定',
    conditions: {
      all: [on(['decisionMade'], i), f('evidenceCount', 'equal', 0), { not: f('powerType', 'equal', 'licensing') }],
    },
  }),
  (i) => ({
    kind: 'deadline',
    level: 'red',
    title: '非许可事项超过法定时限',
    conditions: {
      all: [
        { not: f('powerType', 'equal', 'licensing') },
        f('statutoryOverdue', 'equal', true),
        f('caseStatus', 'equal', 'open', i % 2 ? { priority: 2 } : {}),
      ],
    },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'info',
    title: '办结后收到投诉举报',
    conditions: { all: [on(['complaintReceived'], i), f('caseStatus', 'equal', 'closed')] },
  }),
  (i) => ({
    kind: 'deadline',
    level: 'yellow',
    title: '自然日时限将到',
    conditions: {
      all: [
        f('statutoryLimitUnit', 'equal', 'calendar'),
        f('statutoryDaysLeft', 'lessThanInclusive', 3 + (i % 5)),
        f('statutoryOverdue', 'equal', false),
      ],
    },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'info',
    title: '多个环节同时办理',
    conditions: {
      all: [f('activeStepIds', 'greaterThan', 1, { path: '$.length' }), ...(i % 2 ? [on(['stepStarted'], i)] : [])],
    },
  }),
  () => ({
    kind: 'deadline',
    level: 'red',
    title: '两个以上环节超时',
    conditions: { all: [f('overdueStepIds', 'greaterThanInclusive', 2, { path: '$.length' })] },
  }),
  () => ({
    kind: 'discretion',
    level: 'yellow',
    title: '并处两种以上处罚而情节轻微',
    conditions: {
      all: [f('penaltyKinds', 'greaterThan', 1, { path: '$.length' }), f('circumstance', 'equal', '轻微')],
    },
  }),
  (i) => ({
    kind: 'supervision',
    level: 'info',
    title: '审查环节办理中而时钟停止',
    conditions: {
      all: [f('activeStepIds', 'contains', ['review', 'investigate'][i % 2]), f('clockStopped', 'equal', true)],
    },
  }),
]

/**
 * `count` synthetic rules, cycling through the templates with varied thresholds; ids `bench.synthetic-N`.
 * @example syntheticRules(46).length // 46
 */
export function syntheticRules(count: number): Rule[] {
  return Array.from({ length: count }, (_, n) => {
    const template = TEMPLATES[n % TEMPLATES.length]!
    const i = Math.floor(n / TEMPLATES.length) + n
    return { id: `bench.synthetic-${n + 1}`, version: 1, citation: CITATION, ...template(i) }
  })
}
