/** The values an example names at its moment (a due date, the days left, the level, a finding's status), checked in words. */
import { levelOf } from '../evaluation/case-outcome.js'
import type { Evaluation } from '../evaluation/evaluation.js'
import type { ExampleValues } from '../types/generated.js'

interface ValueReading {
  readonly zh: string
  readonly en: string
  readonly read: (e: Evaluation) => unknown
}

const fact = (name: string) => (e: Evaluation) => (e.facts as unknown as Record<string, unknown>)[name]

/** Each value an example may name: what it is called in Chinese and English, and where the evaluation holds it. */
export const EXAMPLE_VALUES: Readonly<Record<Exclude<keyof ExampleValues, 'findings'>, ValueReading>> = {
  acceptedOn: { zh: '期限起算的受理日', en: 'acceptedOn', read: fact('acceptedOnByLaw') },
  statutoryDue: { zh: '法定期限届满日', en: 'statutoryDue', read: fact('statutoryDueDate') },
  statutoryDaysLeft: { zh: '法定期限剩余天数', en: 'statutoryDaysLeft', read: fact('statutoryDaysLeft') },
  statutoryDaysUsed: { zh: '法定期限已用天数', en: 'statutoryDaysUsed', read: fact('statutoryDaysUsed') },
  statutoryLimitDays: { zh: '法定时限天数（含延长）', en: 'statutoryLimitDays', read: fact('statutoryLimitDays') },
  statutoryOverdue: { zh: '是否超过法定期限', en: 'statutoryOverdue', read: fact('statutoryOverdue') },
  promisedDue: { zh: '承诺期限届满日', en: 'promisedDue', read: fact('promisedDueDate') },
  promisedDaysLeft: { zh: '承诺期限剩余天数', en: 'promisedDaysLeft', read: fact('promisedDaysLeft') },
  promisedOverdue: { zh: '是否超过承诺期限', en: 'promisedOverdue', read: fact('promisedOverdue') },
  stepDaysLeft: { zh: '环节剩余天数', en: 'stepDaysLeft', read: fact('stepDaysLeft') },
  clockStopped: { zh: '是否停止计时', en: 'clockStopped', read: fact('clockStopped') },
  level: { zh: '办件级别', en: 'level', read: (e) => levelOf(e.firings) },
}

const LEVEL_ZH: Record<string, string> = { none: '无预警', info: '提示', yellow: '黄灯', red: '红灯' }
const STATUS_ZH: Record<string, string> = { open: '成立', cleared: '已免除', reduced: '已从轻', none: '无此认定' }

/** A value as a legal officer reads it. */
function say(key: string, value: unknown, lang: 'zh' | 'en'): string {
  if (value === undefined) return lang === 'zh' ? '（无）' : '(none)'
  if (lang === 'zh' && key === 'level' && typeof value === 'string') return `${LEVEL_ZH[value] ?? value}（${value}）`
  if (lang === 'zh' && typeof value === 'boolean') return value ? '是' : '否'
  return value === null ? 'null' : String(value)
}

/**
 * The same values as the as-of evaluation has them: what an example expecting `expected` would say to hold now.
 * @example valuesAt({ statutoryDue: '2025-10-30' }, asOf) // { statutoryDue: '2025-11-03' } under a draft that moves it
 */
export function valuesAt(expected: ExampleValues, asOf: Evaluation): ExampleValues {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(expected)) {
    if (key === 'findings') {
      const standing = new Map((asOf.findings ?? []).map((f) => [f.ruleId, f.status as string]))
      out.findings = Object.fromEntries(
        Object.keys(expected.findings ?? {}).map((id) => [id, standing.get(id) ?? 'none']),
      )
    } else out[key] = EXAMPLE_VALUES[key as keyof typeof EXAMPLE_VALUES].read(asOf)
  }
  return out as ExampleValues
}

/**
 * What differs between the values expected and the as-of evaluation, one sentence each in Chinese and English.
 * @example checkValues({ statutoryDue: '2025-10-30' }, asOf) // ['法定期限届满日 应为 2025-10-30，实为 2025-10-31 / statutoryDue should be 2025-10-30, is 2025-10-31']
 */
export function checkValues(expected: ExampleValues, asOf: Evaluation | undefined, at: string): string[] {
  if (!asOf)
    return [`在 ${at} 没有可核对的评估（办件在此前未受理或被拒绝）/ no evaluation at ${at} to check the values against`]
  const out: string[] = []
  for (const [key, want] of Object.entries(expected)) {
    if (key === 'findings') continue
    const reading = EXAMPLE_VALUES[key as keyof typeof EXAMPLE_VALUES]
    const got = reading.read(asOf)
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      out.push(
        `${reading.zh} 应为 ${say(key, want, 'zh')}，实为 ${say(key, got, 'zh')} / ${reading.en} should be ${say(key, want, 'en')}, is ${say(key, got, 'en')}`,
      )
    }
  }
  const standing = new Map((asOf.findings ?? []).map((f) => [f.ruleId, f.status as string]))
  for (const [ruleId, want] of Object.entries(expected.findings ?? {})) {
    const got = standing.get(ruleId) ?? 'none'
    if (got !== want)
      out.push(
        `认定 ${ruleId} 应为${STATUS_ZH[want!]}，实为${STATUS_ZH[got] ?? got} / finding ${ruleId} should be ${want}, is ${got}`,
      )
  }
  return out
}
