/** Prints evaluations for people: what fired, at which level, under which article, and why, condition by condition. */
import { provisionalNote } from '../calendar/provisional-note.js'
import type { Finding } from '../evaluation/apply-exemptions.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import type { Replay } from '../evaluation/replay.js'
import type { Firing } from '../rules/rule-set.js'
import type { TraceEntry } from '../rules/trace.js'

const LEVEL = { red: '红灯 RED', yellow: '黄灯 YELLOW', info: '提示 INFO' } as const

const show = (v: unknown) => JSON.stringify(v)

function traceLine(t: TraceEntry): string {
  const mark = t.result === 'not-evaluated' ? '·' : t.result ? '✓' : '✗'
  const ref = t.condition ? ` 〔${t.condition}〕` : ''
  if (t.fact === undefined)
    return `      ${mark} ${t.at}${ref}${t.result === 'not-evaluated' ? ' (未评估 not evaluated)' : ''}`
  const expected =
    t.expectedFact !== undefined
      ? `${t.expectedFact}${'expected' in t ? `=${show(t.expected)}` : ''}`
      : show(t.expected)
  const found = t.result === 'not-evaluated' ? '未评估 not evaluated' : `实际 found ${show(t.found)}`
  return `      ${mark} ${t.at}${ref}: ${t.fact}${t.path ?? ''} ${t.operator} ${expected} — ${found}`
}

/**
 * Lines for one firing: level, rule, citation, pack version and trace.
 * @example formatFiring(firing).join('\n')
 */
export function formatFiring(f: Firing): string[] {
  const c = f.citation
  return [
    `    ${LEVEL[f.level]}  ${f.ruleId} v${f.ruleVersion}  ${f.title}`,
    `      依据 basis: ${c.document} ${c.article}${c.item ?? ''}${c.text ? `：“${c.text}”` : ''}`,
    `      规则包 pack: ${f.pack.id} ${f.pack.version.slice(0, 19)}…`,
    ...f.trace.map(traceLine),
  ]
}

const STATUS = { open: '待追究 OPEN', cleared: '不承担责任 CLEARED', reduced: '可从轻或免予追究 REDUCED' } as const

/**
 * Lines for one finding: its status, against whom, and each exemption or mitigation with its article.
 * @example formatFinding(finding).join('\n')
 */
export function formatFinding(f: Finding): string[] {
  const who = `${f.department.name}${f.responsible ? `，${f.responsible.name}${f.responsible.post ? `（${f.responsible.post}）` : ''}` : ''}`
  return [
    `    ${STATUS[f.status]}  ${f.ruleId}${f.item ? ` 第四十八条${f.item}` : ''}  对象 against: ${who}`,
    ...f.relief.map(
      (r) =>
        `      ${r.effect === 'cleared' ? '免除 cleared by' : '减轻 reduced by'} ${r.ruleId}：${r.citation.document} ${r.citation.article}${r.citation.item ?? ''}`,
    ),
  ]
}

function formatEvaluation(e: Evaluation): string[] {
  const head = e.sequence === null ? `  截至 as of ${e.at}` : `  #${e.sequence} ${e.eventType} ${e.eventId} @ ${e.at}`
  const clock =
    e.facts.limitSource === 'none'
      ? '事项时限 limit: 无（没有在施行的规定） none in force'
      : `${e.facts.matterType === 'case' ? '法定时限' : '事项时限'} statutory: 已用 used ${e.facts.statutoryDaysUsed}, 剩余 left ${e.facts.statutoryDaysLeft}, 届满 due ${e.facts.statutoryDueDate}`
  const findings = (e.findings ?? []).flatMap(formatFinding)
  if (e.firings.length === 0) return [`${head} — 无触发 nothing fired`, `      ${clock}`]
  return [
    `${head} — ${e.firings.length} 条触发 fired`,
    `      ${clock}`,
    ...e.firings.flatMap(formatFiring),
    ...(findings.length > 0 ? ['    认定 findings:', ...findings] : []),
  ]
}

/** The packs of the case's layers that had lapsed at some moment evaluated, once each: the law that no longer applies. */
function formatLapsed(evaluations: readonly Evaluation[]): string[] {
  const seen = new Map<string, NonNullable<Evaluation['lapsedPacks']>[number]>()
  for (const e of evaluations) for (const p of e.lapsedPacks ?? []) seen.set(p.id, p)
  return [...seen.values()].map(
    (p) => `  ⚠ 已失效，未适用 lapsed, not applied: ${p.title}（${p.id}，${p.effectiveUntil} 起失效）`,
  )
}

/** One line when some evaluation counted days of a provisional calendar year. */
function formatProvisional(evaluations: readonly Evaluation[]): string[] {
  const years = [...new Set(evaluations.flatMap((e) => e.calendarProvisional?.years ?? []))].sort((a, b) => a - b)
  if (years.length === 0) return []
  const note = provisionalNote(years)
  return [`  ⚠ 临时日历 provisional calendar: ${note.zh} / ${note.en}`]
}

/**
 * The whole replay as text.
 * @example console.log(formatReplay(replay))
 */
export function formatReplay(r: Replay): string {
  const all = [...r.evaluations, ...(r.asOf ? [r.asOf] : [])]
  const lines = [`办件 case ${r.caseId}`, ...formatLapsed(all), ...formatProvisional(all)]
  for (const e of r.evaluations) lines.push(...formatEvaluation(e))
  if (r.refused) {
    lines.push(`  #${r.refused.sequence} ${r.refused.eventId} 被拒绝 REFUSED:`)
    for (const p of r.refused.problems) lines.push(`      [${p.code}] ${p.zh} / ${p.en}`)
  }
  if (r.asOf) lines.push(...formatEvaluation(r.asOf))
  return lines.join('\n')
}

/**
 * The replay as JSON without the internal state: byte-identical for the same events, rules and moment.
 * @example replayJson(replay)
 */
export function replayJson(r: Replay): string {
  const { state: _state, ...rest } = r
  return JSON.stringify(rest, null, 2)
}
