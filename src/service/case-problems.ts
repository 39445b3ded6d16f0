/** A case the sweep cannot evaluate is set aside: what its problem says, and the alert it shows (the store records it). */
import { XingquanError } from '../errors/xingquan-error.js'
import type { CaseProblem } from '../store/database.js'

/** What an administrator is told about a case set aside. */
export interface Problem {
  readonly code: string
  readonly zh: string
  readonly en: string
}

/** The alert a case set aside shows in /alerts (the rule id names no rule: it is the platform's own). */
export const SET_ASIDE_RULE = 'system.case-set-aside'

/**
 * The problem an error stands for: a refusal's own code and messages, or CASE_EVALUATION_FAILED with the error's.
 * @example problemOf(new TypeError('x is undefined')).code // 'CASE_EVALUATION_FAILED'
 */
export function problemOf(err: unknown): Problem {
  if (err instanceof XingquanError) {
    const p = err.problems[0]
    return { code: err.code, zh: p?.zh ?? err.message, en: p?.en ?? err.message }
  }
  const message = err instanceof Error ? err.message : String(err)
  return {
    code: 'CASE_EVALUATION_FAILED',
    zh: `办件无法评估：${message}`,
    en: `the case cannot be evaluated: ${message}`,
  }
}

/**
 * The alert a case's open problem shows.
 * @example alertOfProblem(row.problem) // { ruleId: 'system.case-set-aside', level: 'red', … }
 */
export function alertOfProblem(problem: CaseProblem) {
  return {
    ruleId: SET_ASIDE_RULE,
    level: 'red' as const,
    kind: 'system' as const,
    title: `办件无法评估，到期处理已搁置：${problem.zh}`,
    titleEn: `the case cannot be evaluated and is set aside by the sweep: ${problem.en}`,
    code: problem.code,
    since: problem.since,
  }
}
