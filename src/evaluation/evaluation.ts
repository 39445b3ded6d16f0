/** Evaluates a case on one event, or at one moment: fold, facts, rules — the record an auditor replays. */
import type { Calendar } from '../calendar/calendar.js'
import { addDays, dateOf } from '../calendar/iso-date.js'
import { applyEvent } from '../case/apply-event.js'
import type { CaseState } from '../case/case-state.js'
import { stateAsOf } from '../case/state-as-of.js'
import type { PowerCatalog } from '../catalog/power-catalog.js'
import { penaltyContextOf } from '../discretion/penalty-context.js'
import { deriveFacts } from '../facts/derive-facts.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import { RuleSet, type Firing } from '../rules/rule-set.js'
import type { CaseEvent, Evaluation, Facts } from '../types/generated.js'
import { findingsOf, type Finding } from './apply-exemptions.js'
import { provisionalNote } from '../calendar/provisional-note.js'

/** What an evaluation needs: the calendar and every rule pack known. */
export interface Environment {
  /** The national calendar. */
  readonly calendar: Calendar
  /** The calendar of a jurisdiction: the national one with the local layers of the jurisdiction and those above it. */
  readonly calendarFor?: (jurisdiction: string) => Calendar
  readonly packs: readonly LoadedPack[]
  /** The power catalogs (行政职权目录), when known: rules/catalog/*.catalog.json, or the service's tables. */
  readonly catalog?: PowerCatalog
}

/** A pack of the case's layers no longer in force at the moment evaluated: shown, never applied. */
export type { Evaluation } from '../types/generated.js'

/**
 * The calendar that counts a case's days: its department's jurisdiction's, when the environment has local layers.
 * @example calendarOf(env, '513222').isWorkingDay('2026-02-17')
 */
export function calendarOf(env: Environment, jurisdiction: string): Calendar {
  return env.calendarFor?.(jurisdiction) ?? env.calendar
}

/**
 * The rule set for a case: the layers of its department's jurisdiction.
 * @example ruleSetFor(env, state.header.department.jurisdiction)
 */
export function ruleSetFor(env: Environment, jurisdiction: string): RuleSet {
  let byJurisdiction = ruleSets.get(env.packs)
  if (!byJurisdiction) {
    byJurisdiction = new Map()
    ruleSets.set(env.packs, byJurisdiction)
  }
  let set = byJurisdiction.get(jurisdiction)
  if (!set) {
    set = RuleSet.of(layersFor(env.packs, jurisdiction))
    byJurisdiction.set(jurisdiction, set)
  }
  return set
}

/** Rule sets by the pack list they were built from and the jurisdiction: built once, not per event. */
const ruleSets = new WeakMap<readonly LoadedPack[], Map<string, RuleSet>>()

interface Moment {
  readonly before: CaseState | undefined
  readonly state: CaseState
  readonly event: CaseEvent | undefined
  readonly at: string
}

/** Facts at the moment, judged by the rules in force on `lawDay`. */
function judge(env: Environment, rules: RuleSet, m: Moment, lawDay: string): Judgement {
  const view = rules.view(lawDay)
  const calendar = calendarOf(env, m.state.header.department.jurisdiction)
  const { result: facts, provisionalYears } = calendar.observe(() =>
    // one shape, without spreads: the spreads were 7 % of a replay
    deriveFacts(calendar, {
      before: m.before,
      state: m.state,
      event: m.event,
      at: m.at,
      policy: view.policy,
      openingPolicy: rules.policy(m.state.acceptedOn),
      penalty: penaltyContextOf(view.packs, lawDay),
      catalog: env.catalog,
    }),
  )
  const firings = rules.evaluate(facts as Facts & Record<string, unknown>, lawDay)
  return { facts, firings, findings: findingsOf(firings, m.state, m.event), provisionalYears }
}

interface Judgement {
  readonly facts: Facts
  readonly firings: Firing[]
  readonly findings: Finding[]
  /** The years without a notice whose provisional days the facts counted. */
  readonly provisionalYears: readonly number[]
}

/**
 * The day whose law judges a matter at `day`: the last day in force of the pack that gave its limit, once that pack has
 * lapsed (a catalog update approved 2019-05-06 keeps 阿坝州办法 第二十条's 15 working days, its article and 第四十八条(四));
 * `day` otherwise, and always for a case.
 */
function matterLawDay(rules: RuleSet, state: CaseState, day: string): string {
  if (state.matterType === 'case' || state.limits.source === 'header' || state.limits.source === 'none') return day
  const type = state.matterType
  const source = [...rules.view(state.acceptedOn).packs].reverse().find((p) => p.pack.deadlinePolicy?.matters?.[type])
  const until = source?.pack.effectiveUntil
  return until !== undefined && until <= day ? addDays(until, -1) : day
}

/**
 * Findings of conduct judged under a pack of the case's layers that has lapsed by `day`: the case as it stood at the
 * end of the pack's last day, judged by the rules of that day, its findings kept with `lawOn` (阿坝州办法's 第四十八条
 * findings of 2017–2019 do not vanish in 2019-06). Those the evaluation already has are not repeated.
 */
function priorLawFindings(
  env: Environment,
  rules: RuleSet,
  state: CaseState,
  day: string,
  have: readonly Finding[],
): Finding[] {
  const lastDays = new Set(
    rules.layers
      .map((p) => p.pack.effectiveUntil)
      .filter((u): u is string => u !== undefined && u <= day && state.acceptedOn < u)
      .map((u) => addDays(u, -1)),
  )
  const out: Finding[] = []
  for (const last of [...lastDays].sort()) {
    const then = stateAsOf(state, last)
    const { findings } = judge(
      env,
      rules,
      { before: undefined, state: then, event: undefined, at: `${last}T23:59:59+08:00` },
      last,
    )
    for (const f of findings) if (![...have, ...out].some((h) => h.ruleId === f.ruleId)) out.push({ ...f, lawOn: last })
  }
  return out
}

/** Marks each finding whose rule's pack rests, on the day it was judged under, on a validity assumption (阿坝州办法 第五十六条). */
function markAssumptions(rules: RuleSet, findings: Finding[], lawDay: string): void {
  for (const [i, f] of findings.entries()) {
    const judgedOn = f.lawOn ?? lawDay
    const pack = rules.layers.find(
      (p) => p.pack.rules.some((r) => r.id === f.ruleId && r.version === f.ruleVersion) && p.pack.validityAssumption,
    )
    const assumed = pack?.pack.validityAssumption
    if (assumed && judgedOn >= assumed.from) findings[i] = { ...f, assumption: assumed.note }
  }
}

type PackRef = Evaluation['packs'][number]
type LapsedPack = NonNullable<Evaluation['lapsedPacks']>[number]

const packRefs = new WeakMap<readonly LoadedPack[], readonly PackRef[]>()

/**
 * The packs a view applies, as an evaluation names them: one array per view, shared by its evaluations (never
 * changed), so that each evaluation does not build it again and the writer can encode it once.
 */
function packRefsOf(view: { readonly packs: readonly LoadedPack[] }): PackRef[] {
  let refs = packRefs.get(view.packs)
  if (!refs) {
    refs = view.packs.map((p) => ({ id: p.pack.id, version: p.version }))
    packRefs.set(view.packs, refs)
  }
  return refs as PackRef[]
}

const lapsedByDay = new WeakMap<RuleSet, Map<string, readonly LapsedPack[]>>()

/** The packs of the rule set that have lapsed by `day` (one shared array per rule set and day). */
function lapsedOn(rules: RuleSet, day: string): LapsedPack[] {
  let byDay = lapsedByDay.get(rules)
  if (!byDay) {
    byDay = new Map()
    lapsedByDay.set(rules, byDay)
  }
  let lapsed = byDay.get(day)
  if (!lapsed) {
    lapsed = rules.layers
      .filter((p) => p.pack.effectiveUntil !== undefined && p.pack.effectiveUntil <= day)
      .map((p) => ({ id: p.pack.id, version: p.version, title: p.pack.title, effectiveUntil: p.pack.effectiveUntil! }))
    byDay.set(day, lapsed)
  }
  return lapsed as LapsedPack[]
}

function evaluation(
  env: Environment,
  before: CaseState | undefined,
  state: CaseState,
  event: CaseEvent | undefined,
  at: string,
  sequence: number | null,
): Evaluation {
  const rules = ruleSetFor(env, state.header.department.jurisdiction)
  const day = dateOf(at)
  // a matter whose limit came from a pack that has since lapsed is judged under that pack's law (its last day)
  const lawDay = matterLawDay(rules, state, day)
  const { facts, firings, findings, provisionalYears } = judge(env, rules, { before, state, event, at }, lawDay)
  const lapsed = lapsedOn(rules, day)
  findings.push(...priorLawFindings(env, rules, state, day, findings))
  markAssumptions(rules, findings, lawDay)
  const view = rules.view(lawDay)
  return {
    caseId: state.caseId,
    sequence,
    eventId: event?.id ?? null,
    eventType: facts.eventType,
    at,
    packs: packRefsOf(view),
    facts,
    firings,
    ...(findings.length > 0 ? { findings } : {}),
    ...(lapsed.length > 0 ? { lapsedPacks: lapsed } : {}),
    ...(lawDay !== day ? { lawOn: lawDay } : {}),
    ...(provisionalYears.length > 0 ? { calendarProvisional: provisionalNote(provisionalYears) } : {}),
    ...(env.catalog ? { catalog: { version: env.catalog.version } } : {}),
  }
}

/**
 * Admits the next event and evaluates the case on it; throws EventRefused when the event is refused, and
 * XingquanError when it cannot be evaluated (e.g. CALENDAR_YEAR_MISSING).
 * @example const { state, evaluation } = evaluateEvent(env, undefined, accepted, 'case-1', 1)
 */
export function evaluateEvent(
  env: Environment,
  before: CaseState | undefined,
  event: CaseEvent,
  caseId: string,
  sequence: number,
): { state: CaseState; evaluation: Evaluation } {
  const jurisdiction =
    before?.header.department.jurisdiction ??
    (event.type === 'accepted' ? event.case.department.jurisdiction : undefined)
  const policy = jurisdiction ? ruleSetFor(env, jurisdiction).policy(dateOf(event.occurredAt)) : {}
  // the fold reads only the policy's powerTypes and matters: the policy itself, not a copy of them per event
  const state = applyEvent(before, event, caseId, policy)
  return { state, evaluation: evaluation(env, before, state, event, event.occurredAt, sequence) }
}

/**
 * Evaluates a case at a moment without a new event: time alone turns a light yellow or red.
 * @example evaluateAt(env, state, '2025-11-03T09:00:00+08:00')
 */
export function evaluateAt(env: Environment, state: CaseState, at: string): Evaluation {
  return evaluation(env, undefined, state, undefined, at, null)
}
