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

/** What an evaluation's signature digests, kept (by reference) to tell whether a later evaluation decides the same. */
interface Decided {
  readonly facts: Readonly<Record<string, unknown>>
  readonly alerts: readonly unknown[]
  readonly extra: Record<string, unknown> | null
  readonly packs: object
  readonly level: CaseOutcome['level']
  readonly overdue: boolean
  readonly status: CaseOutcome['state']['status']
}

/** An evaluation's signature and what it digested: a later evaluation that decides the same takes it again. */
export interface SignedDecision {
  readonly signature: string
  readonly decided: Decided
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
  return signedDecision(outcome).signature
}

/**
 * The evaluation's signature, with what it digested. Given the signed decision of an earlier evaluation (the case's
 * latest, kept in memory), the signature is that one's when the two decide the same: every value the digest writes is
 * compared, in the order it writes them, instead of written and digested again (a day that changes nothing costs a
 * comparison, not a digest of some 3 kB). Whatever `previous` is, the signature is the one evaluationSignature gives.
 * @example const signed = signedDecision(outcome, cached?.signed); signed.signature // 'sha256:…'
 */
export function signedDecision(outcome: CaseOutcome, previous?: SignedDecision): SignedDecision {
  if (previous && decidesAgain(previous.decided, outcome)) return previous
  const { evaluation } = outcome
  const decided: Decided = {
    facts: evaluation.facts as unknown as Readonly<Record<string, unknown>>,
    alerts: evaluation.firings.map(alertOf),
    extra: extraOf(evaluation),
    packs: evaluation.packs,
    level: outcome.level,
    overdue: outcome.overdue,
    status: outcome.state.status,
  }
  return { signature: digestOf(decided), decided }
}

function digestOf(d: Decided): string {
  const facts: Record<string, unknown> = { ...d.facts }
  const volatile: string[] = []
  for (const key of VOLATILE_FACTS) {
    if (facts[key] === undefined) continue
    volatile.push(key)
    facts[key] = undefined // left out by JSON.stringify
  }
  // the text of JSON.stringify([alerts, packs, extra, level, overdue, status, volatile, facts]), the packs' part
  // written once for each list of packs (a view's evaluations share one)
  const decided = `[${JSON.stringify(d.alerts)},${packsJson(d.packs)},${JSON.stringify([
    d.extra,
    d.level,
    d.overdue,
    d.status,
    volatile,
    facts,
  ]).slice(1)}`
  return `sha256:${createHash('sha256').update(decided).digest('hex')}`
}

/** Whether the outcome decides what `d` did: whether digestOf would write the same text for both. */
function decidesAgain(d: Decided, outcome: CaseOutcome): boolean {
  const { evaluation } = outcome
  if (outcome.level !== d.level || outcome.overdue !== d.overdue || outcome.state.status !== d.status) return false
  if (evaluation.packs !== d.packs && packsJson(evaluation.packs) !== packsJson(d.packs)) return false
  const firings = evaluation.firings
  if (firings.length !== d.alerts.length) return false
  for (let i = 0; i < firings.length; i++) if (!sameJson(alertOf(firings[i]!), d.alerts[i])) return false
  return sameJson(extraOf(evaluation), d.extra) && sameMembers(evaluation.facts, d.facts, VOLATILE)
}

const VOLATILE: ReadonlySet<string> = new Set(VOLATILE_FACTS)

/**
 * Whether JSON.stringify writes the same text for both, for plain JSON data (objects, arrays, strings, finite numbers,
 * booleans, null): members compared in their order. Anything else (a Date, a toJSON, a function) is not compared:
 * false, and the caller digests.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  return !Array.isArray(b) && sameMembers(a, b)
}

/** Members of two plain objects, in order, those with an undefined value left out; `skipValues`: keys whose values are not compared. */
function sameMembers(a: object, b: object, skipValues?: ReadonlySet<string>): boolean {
  if (!plain(a) || !plain(b)) return false
  const x = a as Readonly<Record<string, unknown>>
  const y = b as Readonly<Record<string, unknown>>
  const kx = Object.keys(x)
  const ky = Object.keys(y)
  let i = 0
  let j = 0
  for (;;) {
    while (i < kx.length && x[kx[i]!] === undefined) i++
    while (j < ky.length && y[ky[j]!] === undefined) j++
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length
    const key = kx[i]!
    if (key !== ky[j]) return false
    const vx = x[key]
    const vy = y[key]
    if (typeof vx === 'function' || typeof vy === 'function' || typeof vx === 'symbol' || typeof vy === 'symbol')
      return false
    // (equal values first: most are, and the set is asked only of those that are not)
    if (vx !== vy && !skipValues?.has(key) && !sameJson(vx, vy)) return false
    i++
    j++
  }
}

/** An object JSON.stringify writes member by member: a plain object without toJSON. */
function plain(o: object): boolean {
  const proto = Object.getPrototypeOf(o)
  return (proto === Object.prototype || proto === null) && !('toJSON' in o)
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
