/** Evaluates a case on one event, or at one moment: fold, facts, rules — the record an auditor replays. */
import type { Calendar } from '../calendar/calendar.js'
import { dateOf } from '../calendar/iso-date.js'
import { applyEvent } from '../case/apply-event.js'
import type { CaseState } from '../case/case-state.js'
import type { PowerCatalog } from '../catalog/power-catalog.js'
import { penaltyContextOf } from '../discretion/penalty-context.js'
import { deriveFacts } from '../facts/derive-facts.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import { RuleSet } from '../rules/rule-set.js'
import type { CaseEvent, Evaluation, Facts } from '../types/generated.js'
import { findingsOf } from './apply-exemptions.js'
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
export type { Evaluation, LapsedPack } from '../types/generated.js'

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

function evaluation(env: Environment, before: CaseState | undefined, state: CaseState, event: CaseEvent | undefined, at: string, sequence: number | null): Evaluation {
  const rules = ruleSetFor(env, state.header.department.jurisdiction)
  const day = dateOf(at)
  const view = rules.view(day)
  const calendar = calendarOf(env, state.header.department.jurisdiction)
  const { result: facts, provisionalYears } = calendar.observe(() => deriveFacts(calendar, {
    before,
    state,
    event,
    at,
    policy: view.policy,
    penalty: penaltyContextOf(view.packs, day),
    ...(env.catalog ? { catalog: env.catalog } : {}),
  }))
  const firings = rules.evaluate(facts as Facts & Record<string, unknown>, day)
  const findings = findingsOf(firings, state, event)
  const lapsed = rules.layers
    .filter((p) => p.pack.effectiveUntil !== undefined && p.pack.effectiveUntil <= day)
    .map((p) => ({ id: p.pack.id, version: p.version, title: p.pack.title, effectiveUntil: p.pack.effectiveUntil! }))
  return {
    caseId: state.caseId,
    sequence,
    eventId: event?.id ?? null,
    eventType: facts.eventType,
    at,
    packs: view.packs.map((p) => ({ id: p.pack.id, version: p.version })),
    facts,
    firings,
    ...(findings.length > 0 ? { findings } : {}),
    ...(lapsed.length > 0 ? { lapsedPacks: lapsed } : {}),
    ...(provisionalYears.length > 0 ? { calendarProvisional: provisionalNote(provisionalYears) } : {}),
    ...(env.catalog ? { catalog: { version: env.catalog.version } } : {}),
  }
}

/**
 * Admits the next event and evaluates the case on it; throws EventRefused when the event is refused, and
 * XingquanError when it cannot be evaluated (e.g. CALENDAR_YEAR_MISSING).
 * @example const { state, evaluation } = evaluateEvent(env, undefined, accepted, 'case-1', 1)
 */
export function evaluateEvent(env: Environment, before: CaseState | undefined, event: CaseEvent, caseId: string, sequence: number): { state: CaseState; evaluation: Evaluation } {
  const jurisdiction = before?.header.department.jurisdiction ?? (event.type === 'accepted' ? event.case.department.jurisdiction : undefined)
  const policy = jurisdiction ? ruleSetFor(env, jurisdiction).policy(dateOf(event.occurredAt)) : {}
  const state = applyEvent(before, event, caseId, { ...(policy.extension ? { extension: policy.extension } : {}), ...(policy.matters ? { matters: policy.matters } : {}) })
  return { state, evaluation: evaluation(env, before, state, event, event.occurredAt, sequence) }
}

/**
 * Evaluates a case at a moment without a new event: time alone turns a light yellow or red.
 * @example evaluateAt(env, state, '2025-11-03T09:00:00+08:00')
 */
export function evaluateAt(env: Environment, state: CaseState, at: string): Evaluation {
  return evaluation(env, undefined, state, undefined, at, null)
}
