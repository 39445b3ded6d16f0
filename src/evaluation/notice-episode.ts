/** When a firing calls for a notice: once per episode — when it first appears, and again only after it cleared. */
import type { Firing } from '../rules/rule-set.js'

/**
 * The firings of an evaluation that issue their notice: those that call for one and did not fire in the case's
 * previous evaluation (`firedBefore`, the rule ids of its firings). A firing that goes on from one evaluation to the
 * next is the same episode and gets no second notice; one that cleared and comes back starts a new episode. The
 * append and the sweep both decide by this function.
 * @example firingsToNotice(new Set(['aba.deadline.statutory-overdue']), evaluation.firings) // only the new ones
 */
export function firingsToNotice(firedBefore: ReadonlySet<string>, firings: readonly Firing[]): Firing[] {
  return firings.filter((f) => f.notice !== undefined && f.notice !== null && !firedBefore.has(f.ruleId))
}
