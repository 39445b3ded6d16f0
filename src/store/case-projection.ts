/** What a case's projection holds, derived from its records alone: one function for the writer and for verify. */

/** The projected columns of a case that its latest evaluation decides. */
export interface DerivedProjection {
  readonly status: string
  readonly level: string
  readonly overdue: boolean
  readonly event_count: number
  /** An ISO moment, or null when time alone changes nothing. */
  readonly next_change_at: string | null
  /** The firings without their trace. */
  readonly alerts: readonly unknown[]
  readonly last_evaluation_seq: number | null
}

/** An evaluation as its record holds it (the parsed JSON columns). */
export interface EvaluationContent {
  readonly chainSeq: number
  readonly level: string
  readonly facts: Readonly<Record<string, unknown>>
  readonly firings: readonly Readonly<Record<string, unknown>>[]
  readonly nextChangeAt: string | null
}

/**
 * The projection of a case after `eventCount` events whose latest evaluation is `latest` (none: a case not yet
 * evaluated). The case's status is the `caseStatus` fact its latest evaluation saw.
 * @example derivedProjection({ chainSeq: 2, level: 'red', facts, firings, nextChangeAt: null }, 1).level // 'red'
 */
export function derivedProjection(latest: EvaluationContent | undefined, eventCount: number): DerivedProjection {
  if (!latest)
    return {
      status: 'open',
      level: 'none',
      overdue: false,
      event_count: eventCount,
      next_change_at: null,
      alerts: [],
      last_evaluation_seq: null,
    }
  const f = latest.facts
  return {
    status: String(f.caseStatus ?? 'open'),
    level: latest.level,
    overdue: Boolean(f.statutoryOverdue || f.promisedOverdue || f.stepOverdue),
    event_count: eventCount,
    next_change_at: latest.nextChangeAt,
    alerts: latest.firings.map(({ trace: _trace, ...rest }) => rest),
    last_evaluation_seq: latest.chainSeq,
  }
}
