/** When the calendar changes (a year's notice added): which open cases' due dates move, and their re-evaluation. */
import { wholeRows } from '../store/unchanged-evaluations.js'
import { evaluateAt } from '../evaluation/evaluation.js'
import type { Facts } from '../types/generated.js'
import { loadState } from './case-state-loader.js'
import type { Runtime } from './runtime.js'
import { sweepDue } from './sweep.js'

/** The due dates an evaluation counts on the calendar. */
const DUE_FACTS = ['statutoryDueDate', 'promisedDueDate'] as const
type DueDates = Record<(typeof DUE_FACTS)[number], string | null>

export interface CalendarMove {
  readonly caseId: string
  /** The moment of the case's latest evaluation, at which both calendars were asked. */
  readonly at: string
  readonly before: DueDates & { readonly provisionalYears: readonly number[] }
  readonly after: DueDates & { readonly provisionalYears: readonly number[] }
}

export interface RecalendarReport {
  /** Open cases looked at. */
  readonly open: number
  /** Those whose due dates move, or whose latest evaluation counted a year that is no longer provisional. */
  readonly moved: readonly CalendarMove[]
  /** Evaluations recorded for them (0 on a dry run). */
  readonly evaluated: number
}

const dueDatesOf = (facts: Partial<Facts>): DueDates => ({
  statutoryDueDate: (facts.statutoryDueDate as string | null | undefined) ?? null,
  promisedDueDate: (facts.promisedDueDate as string | null | undefined) ?? null,
})

/**
 * Compares each open case's latest evaluation with the same evaluation on the calendar in force now (same events, same
 * moment), lists the cases whose due dates move or whose provisional years are gone, and, unless `dryRun`, has the
 * sweep re-evaluate them now (the sweep, the one writer of evaluations at a moment, takes them as due now) and record the new evaluation, its notices and the case's new next change.
 * @example const report = await recalendar(rt) // after rules/calendar/2027.json was added and the runtime reloaded
 */
export async function recalendar(
  rt: Runtime,
  options: { readonly dryRun?: boolean; readonly now?: Date } = {},
): Promise<RecalendarReport> {
  const latest = await rt.db
    .selectFrom('cases')
    .innerJoin('evaluations', (j) =>
      j
        .onRef('evaluations.case_id', '=', 'cases.case_id')
        .onRef('evaluations.chain_seq', '=', 'cases.last_evaluation_seq'),
    )
    .select([
      'cases.case_id',
      'cases.event_count',
      'cases.last_evaluation_seq',
      'evaluations.chain_seq',
      'evaluations.same_as',
      'evaluations.at',
      'evaluations.facts',
      'evaluations.extra',
    ])
    .where('cases.status', '=', 'open')
    .orderBy('cases.case_id')
    .execute()
  // an unchanged latest evaluation with the facts and extras of the whole one it repeats
  const rows = await wholeRows(rt.db, latest)
  const env = rt.env()
  const moved: CalendarMove[] = []
  for (const row of rows) {
    const state = await loadState(rt.db, rt.states, row.case_id, row.event_count)
    if (!state) continue
    const before = {
      ...dueDatesOf(row.facts as Partial<Facts>),
      provisionalYears:
        (row.extra as { calendarProvisional?: { years: number[] } } | null)?.calendarProvisional?.years ?? [],
    }
    const now = evaluateAt(env, state, row.at)
    const after = { ...dueDatesOf(now.facts), provisionalYears: now.calendarProvisional?.years ?? [] }
    const differs =
      DUE_FACTS.some((k) => before[k] !== after[k]) || before.provisionalYears.join() !== after.provisionalYears.join()
    if (differs) moved.push({ caseId: row.case_id, at: row.at, before, after })
  }
  if (options.dryRun || moved.length === 0) return { open: rows.length, moved, evaluated: 0 }
  const now = options.now ?? rt.clock()
  const ids = moved.map((m) => m.caseId)
  await sweepDue(rt, { now, caseIds: ids })
  const seqBefore = new Map(rows.map((r) => [r.case_id, r.last_evaluation_seq]))
  const after = await rt.db
    .selectFrom('cases')
    .select(['case_id', 'last_evaluation_seq'])
    .where('case_id', 'in', ids)
    .execute()
  const evaluated = after.filter((r) => r.last_evaluation_seq !== seqBefore.get(r.case_id)).length
  return { open: rows.length, moved, evaluated }
}
