/** The bench workload: a 50-rule pack (shipped rules, topped up with synthetic ones) and a stream of facts from realistic cases. */
import { bindPack, valuesOn } from '../src/rules/parameters.js'
import { Calendar } from '../src/calendar/calendar.js'
import { addDays, dateOf } from '../src/calendar/iso-date.js'
import { applyEvent } from '../src/case/apply-event.js'
import type { CaseState } from '../src/case/case-state.js'
import { XingquanError } from '../src/errors/xingquan-error.js'
import { evaluateAt, type Environment } from '../src/evaluation/evaluation.js'
import { replayCase } from '../src/evaluation/replay.js'
import type { FactInput } from '../src/facts/derive-facts.js'
import { packVersion } from '../src/rules/pack-version.js'
import { loadPacks, type LoadedPack } from '../src/rules/rule-library.js'
import { RuleSet, mergeLayers } from '../src/rules/rule-set.js'
import { parseAndValidate } from '../src/schema/validator.js'
import type { CaseFile, Facts, RulePack } from '../src/types/generated.js'
import { realisticCases } from './realistic-cases.js'
import { SYNTHETIC_SHARED, syntheticRules } from './realistic-rules.js'

export interface Workload {
  /** One pack holding every rule benched. */
  readonly pack: LoadedPack
  readonly shippedRules: number
  /** Rules shipped in all, of which the first `shippedRules` are benched. */
  readonly shippedAvailable: number
  readonly env: Environment
  readonly cases: readonly CaseFile[]
  /** The facts of every evaluation of the replayed cases (events, then two later moments per case), with the day. */
  readonly stream: readonly { readonly facts: Facts & Record<string, unknown>; readonly day: string }[]
  /** What deriveFacts receives for every admitted event. */
  readonly deriveInputs: readonly FactInput[]
  /** Events the fold refused (a generator bug if not 0). */
  readonly refused: number
}

const freeze = <T>(v: T): T => {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) freeze(x)
    Object.freeze(v)
  }
  return v
}

/** The day whose parameter values the bench pack's rules are bound to. */
const PARAMETER_DAY = '2025-06-30'

/**
 * `size` rules: the shipped ones first (all packs merged, upper layers first, effective dates dropped so that every
 * engine sees the same rules), then synthetic rules over the real facts if fewer are shipped; validated against the
 * rule-pack schema.
 * @example benchPack(50).pack.pack.rules.length // 50
 */
export function benchPack(size: number): { pack: LoadedPack; shippedRules: number; shippedAvailable: number } {
  const { packs, problems } = loadPacks()
  if (problems.length > 0) throw new XingquanError(problems)
  const order = { national: 0, province: 1, prefecture: 2, county: 3 } as const
  const merged = mergeLayers(
    [...packs].sort((a, b) => order[a.pack.jurisdiction.level] - order[b.pack.jurisdiction.level]),
  )
  const shipped = merged.rules.slice(0, size).map(({ rule }) => {
    const { effectiveFrom: _from, effectiveUntil: _until, ...timeless } = rule
    return timeless
  })
  const pack: RulePack = {
    id: 'bench.pack',
    title: '基准测试规则包 / bench pack',
    jurisdiction: { code: '510000', name: '四川省', level: 'province' },
    issuingDocument: { title: '基准测试（不是法律规定）', issuer: 'xingquan bench' },
    effectiveFrom: '2024-01-01',
    ...(Object.keys(merged.policy).length > 0 ? { deadlinePolicy: merged.policy } : {}),
    sharedConditions: { ...merged.shared, ...SYNTHETIC_SHARED },
    rules: [...shipped, ...syntheticRules(Math.max(0, size - shipped.length))],
  }
  // the parameters the shipped rules read ({ "param": … }) bound to their values on one day, as the effective dates
  // are dropped: every engine, stock json-rules-engine too, sees the same plain conditions
  const bound = bindPack(pack, valuesOn(packs, PARAMETER_DAY).values, PARAMETER_DAY)
  const valid = parseAndValidate<RulePack>('rule-pack', JSON.stringify(bound), 'bench pack')
  return {
    pack: freeze({ file: 'bench pack', pack: valid, version: packVersion(valid) }),
    shippedRules: shipped.length,
    shippedAvailable: merged.rules.length,
  }
}

/**
 * Builds the workload: `caseCount` generated cases (validated against the case-file schema), replayed with the bench pack.
 * @example const w = buildWorkload({ rules: 50, cases: 300, seed: 1 })
 */
export function buildWorkload(options: { rules: number; cases: number; seed: number }): Workload {
  const { pack, shippedRules, shippedAvailable } = benchPack(options.rules)
  const env: Environment = { calendar: Calendar.load(), packs: [pack] }
  const cases = realisticCases(options.cases, options.seed).map((c) =>
    parseAndValidate<CaseFile>('case-file', JSON.stringify(c), c.caseId),
  )
  const stream: { facts: Facts & Record<string, unknown>; day: string }[] = []
  const deriveInputs: FactInput[] = []
  const rules = RuleSet.of([pack])
  let refused = 0
  for (const file of cases) {
    const replay = replayCase(env, file)
    if (replay.refused) refused++
    const evaluations = [...replay.evaluations]
    const state = replay.state
    if (state) {
      for (const later of [3, 15]) {
        const at = `${addDays(dateOf(state.lastRecordedAt), later)}T10:00:00+08:00`
        if (at.slice(0, 4) <= '2026') evaluations.push(evaluateAt(env, state, at))
      }
    }
    for (const e of evaluations) stream.push({ facts: e.facts as Facts & Record<string, unknown>, day: dateOf(e.at) })
    let before: CaseState | undefined
    for (const event of file.events.slice(0, replay.evaluations.length)) {
      const policy = rules.policy(dateOf(event.occurredAt))
      const state = applyEvent(before, event, file.caseId, policy)
      deriveInputs.push({ before, state, event, at: event.occurredAt, policy })
      before = state
    }
  }
  return { pack, shippedRules, shippedAvailable, env, cases, stream, deriveInputs, refused }
}
