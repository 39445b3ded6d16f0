/**
 * What an evaluation decided, as one digest, and the facts that change with the days alone: a sweep whose evaluation
 * decides what the case's latest evaluation decided records only those facts (an unchanged row, migration 0026).
 */
import { createHash } from 'node:crypto'
import { alertOf, extraOf, type CaseOutcome } from './case-outcome.js'

/**
 * The facts that change with the days alone (the clocks' day counts) or name the evaluation's event: what an unchanged
 * row records. Every other fact is part of the signature, so a change of any of them makes a whole row.
 */
export const VOLATILE_FACTS = [
  'eventId',
  'eventType',
  'statutoryDaysUsed',
  'statutoryDaysLeft',
  'promisedDaysUsed',
  'promisedDaysLeft',
  'stepDaysLeft',
] as const

/**
 * The facts of an evaluation that an unchanged row records (those of VOLATILE_FACTS it has).
 * @example volatileFacts({ statutoryDaysLeft: 3, caseStatus: 'open' }) // { statutoryDaysLeft: 3 }
 */
export function volatileFacts(facts: object): Record<string, unknown> {
  const all = facts as Readonly<Record<string, unknown>>
  const out: Record<string, unknown> = {}
  for (const key of VOLATILE_FACTS) if (all[key] !== undefined) out[key] = all[key]
  return out
}

/**
 * A digest of what the evaluation decided: its alerts (the firings without their traces), packs, findings and other
 * extras, level, overdue and status, and its facts but the volatile ones (with the names of those it has). Two
 * evaluations with one signature differ only in the volatile facts and the firings' traces. The text digested is
 * JSON.stringify of values the evaluation builds in a fixed order: a change of that order (a new version of the code)
 * can only make two signatures differ, and so a whole row be written, never two different decisions look alike.
 * @example evaluationSignature(outcome) // 'sha256:…'
 */
export function evaluationSignature(outcome: CaseOutcome): string {
  const { evaluation } = outcome
  const facts: Record<string, unknown> = { ...evaluation.facts }
  const volatile: string[] = []
  for (const key of VOLATILE_FACTS) {
    if (facts[key] === undefined) continue
    volatile.push(key)
    facts[key] = undefined // left out by JSON.stringify
  }
  // the text of JSON.stringify([alerts, packs, extra, level, overdue, status, volatile, facts]), the packs' part
  // written once for each list of packs (a view's evaluations share one)
  const decided = `[${JSON.stringify(evaluation.firings.map(alertOf))},${packsJson(evaluation.packs)},${JSON.stringify([
    extraOf(evaluation),
    outcome.level,
    outcome.overdue,
    outcome.state.status,
    volatile,
    facts,
  ]).slice(1)}`
  return `sha256:${createHash('sha256').update(decided).digest('hex')}`
}

const PACKS_JSON = new WeakMap<object, string>()

function packsJson(packs: object): string {
  let text = PACKS_JSON.get(packs)
  if (text === undefined) {
    text = JSON.stringify(packs)
    PACKS_JSON.set(packs, text)
  }
  return text
}
