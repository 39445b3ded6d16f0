/** A case the sweep cannot evaluate is set aside: its problem recorded once, shown as an alert, the case kept due. */
import { sql, type Transaction } from 'kysely'
import { XingquanError } from '../errors/xingquan-error.js'
import type { CaseProblem, Database } from '../store/database.js'

/** What an administrator is told about a case set aside. */
export interface Problem {
  readonly code: string
  readonly zh: string
  readonly en: string
}

export interface SetAside {
  readonly caseId: string
  readonly eventCount: number
  readonly dueAt: Date | null
  readonly problem: Problem
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
  return { code: 'CASE_EVALUATION_FAILED', zh: `办件无法评估：${message}`, en: `the case cannot be evaluated: ${message}` }
}

/**
 * Records each case's problem in `case_problems` (append-only) and on its projection, unless the projection already
 * shows a problem with that code (a case retried every minute is recorded once); the next evaluation recorded for
 * the case clears the projection's problem.
 * @example await setAside(trx, [{ caseId: 'c1', eventCount: 3, dueAt, problem }], new Date())
 */
export async function setAside(trx: Transaction<Database>, items: readonly SetAside[], at: Date): Promise<void> {
  for (const item of items) {
    const shown: CaseProblem = { ...item.problem, since: at.toISOString() }
    const changed = await trx
      .updateTable('cases')
      .set({ problem: JSON.stringify(shown) })
      .where('case_id', '=', item.caseId)
      .where((eb) => eb.or([eb('problem', 'is', null), eb(sql`problem->>'code'`, '<>', item.problem.code)]))
      .returning('case_id')
      .executeTakeFirst()
    if (!changed) continue
    await trx
      .insertInto('case_problems')
      .values({ case_id: item.caseId, ...item.problem, event_count: item.eventCount, due_at: item.dueAt, stored_at: at })
      .execute()
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
