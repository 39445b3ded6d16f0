/** Differential test: the compiled RuleSet against stock json-rules-engine, on generated rules and on the shipped packs and examples. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Calendar } from '../../src/calendar/calendar.js'
import { addDays, dateOf } from '../../src/calendar/iso-date.js'
import { evaluateAt, type Environment, type Evaluation } from '../../src/evaluation/evaluation.js'
import { replayCase } from '../../src/evaluation/replay.js'
import { compileConditions, type FactBag } from '../../src/rules/compile-conditions.js'
import { ReferenceEngine } from '../../src/rules/reference-engine.js'
import { DEFAULT_RULES_DIR, findFiles, layersFor, loadPacks, type LoadedPack } from '../../src/rules/rule-library.js'
import { RuleSet, firingOf, mergeLayers, packsInForce, type Firing } from '../../src/rules/rule-set.js'
import { toTrace, type ResultNode } from '../../src/rules/trace.js'
import { readExample } from '../../src/examples/example-case.js'
import type { CaseFile, TopLevelCondition } from '../../src/types/generated.js'
import { factBag, generatedPack } from './arbitraries.js'
import { DAY, deepFreeze, packOf, ruleOf, settle, settleAsync } from './rule-fixtures.js'

type Outcome = { readonly result: boolean; readonly tree: ResultNode }

/** Counts of what the generated cases exercised, so that a generator gone dull fails the test. */
interface Coverage {
  bags: number
  clean: number
  errors: number
  firings: number
  silent: number
  notEvaluated: number
  referencesReached: number
  eventTypeSkipped: number
}

/**
 * Compares, for one pack and one fact bag: every rule alone (compiled closure vs json-rules-engine: same error or same
 * result and result tree), the whole pack (RuleSet vs json-rules-engine: same firings with traces), and the stock
 * jsonpath-plus resolver against our dot-path one.
 */
async function compare(
  layers: readonly LoadedPack[],
  engines: { ref: ReferenceEngine; stock: ReferenceEngine; single: readonly ReferenceEngine[] },
  bag: FactBag,
  day: string,
  coverage: Coverage,
): Promise<void> {
  const merged = mergeLayers(layers)
  const perRule: (Outcome | undefined)[] = []
  for (const [i, placed] of merged.rules.entries()) {
    const compiled = settle(() => {
      const { result, tree } = compileConditions(placed.rule.conditions, merged.shared).evaluate(bag)
      return { result, tree: tree() }
    })
    const reference = await settleAsync(() => engines.single[i]!.outcomes(bag))
    expect({ rule: placed.rule.id, throws: !compiled.ok }).toStrictEqual({
      rule: placed.rule.id,
      throws: !reference.ok,
    })
    if (compiled.ok && reference.ok) {
      const [only] = reference.value
      expect(compiled.value).toStrictEqual({ result: only!.result, tree: only!.tree })
      expect(toTrace(compiled.value.tree)).toStrictEqual(toTrace(only!.tree))
    }
    perRule.push(compiled.ok ? compiled.value : undefined)
  }
  const expected: Firing[] = perRule.flatMap((o, i) => (o?.result ? [firingOf(merged.rules[i]!, o.tree)] : []))
  const reference = await settleAsync(() => engines.ref.evaluate(bag))
  const compiled = settle(() => RuleSet.of(layers).evaluate(bag as FactBag & { eventType: string }, day))
  const clean = perRule.every((o) => o !== undefined)
  coverage.bags++
  if (clean) {
    coverage.clean++
    expect(reference).toStrictEqual({ ok: true, value: expected })
    expect(compiled).toStrictEqual({ ok: true, value: expected })
    coverage.firings += expected.length
    coverage.silent += merged.rules.length - expected.length
    const entries = expected.flatMap((f) => f.trace)
    coverage.notEvaluated += entries.filter((e) => e.result === 'not-evaluated').length
    coverage.referencesReached += entries.filter(
      (e) => e.condition !== undefined && e.result !== 'not-evaluated',
    ).length
  } else {
    // json-rules-engine rejects the run when any rule throws; the RuleSet throws too, unless its event-type index
    // skipped every rule that throws, and then it gives the firings of the others.
    coverage.errors++
    expect(reference.ok).toBe(false)
    if (compiled.ok) {
      coverage.eventTypeSkipped++
      expect(compiled.value).toStrictEqual(expected)
    }
  }
  const stock = await settleAsync(() => engines.stock.outcomes(bag))
  const dotPath = await settleAsync(() => engines.ref.outcomes(bag))
  expect(stock.ok).toBe(dotPath.ok)
  if (stock.ok && dotPath.ok) expect(dotPath.value).toStrictEqual(stock.value)
}

function enginesFor(layers: readonly LoadedPack[]) {
  const merged = mergeLayers(layers)
  return {
    ref: new ReferenceEngine(layers),
    stock: new ReferenceEngine(layers, { pathResolver: false }),
    single: merged.rules.map(
      (r) => new ReferenceEngine([packOf([r.rule], merged.shared as Record<string, TopLevelCondition>)]),
    ),
  }
}

const newCoverage = (): Coverage => ({
  bags: 0,
  clean: 0,
  errors: 0,
  firings: 0,
  silent: 0,
  notEvaluated: 0,
  referencesReached: 0,
  eventTypeSkipped: 0,
})

describe('compiled evaluator vs json-rules-engine on generated rules', () => {
  it('gives the same firings and the same traces (not-evaluated conditions included), rule by rule and pack by pack', async () => {
    const coverage = newCoverage()
    await fc.assert(
      fc.asyncProperty(generatedPack, fc.array(factBag, { minLength: 1, maxLength: 4 }), async (gen, bags) => {
        const layers = [
          packOf(
            gen.rules.map((c, i) => ruleOf(`r${i}`, c)),
            gen.shared,
          ),
        ]
        const engines = enginesFor(layers)
        for (const bag of bags) await compare(layers, engines, deepFreeze(bag), DAY, coverage)
      }),
      { numRuns: Number(process.env.DIFFERENTIAL_RUNS ?? 400) },
    )
    if (process.env.DIFFERENTIAL_RUNS) console.log(coverage)
    // the generated cases must exercise what they are meant to
    expect(coverage.clean).toBeGreaterThan(coverage.bags * 0.3)
    expect(coverage.errors).toBeGreaterThan(0)
    expect(coverage.firings).toBeGreaterThan(100)
    expect(coverage.silent).toBeGreaterThan(100)
    expect(coverage.notEvaluated).toBeGreaterThan(50)
    expect(coverage.referencesReached).toBeGreaterThan(10)
    expect(coverage.eventTypeSkipped).toBeGreaterThan(0)
  }, 300_000) // hundreds of generated packs through two engines: over a minute on a shared two-core machine
})

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CASES_DIR = join(ROOT, 'examples', 'cases')

/** Shipped cases: the examples beside the rules (with their moment) and examples/cases/*.json. */
function shippedCases(): { file: string; caseFile: CaseFile; at?: string }[] {
  const examples = findFiles(DEFAULT_RULES_DIR, '.example.json').map((file) => {
    const example = readExample(file)
    return { file, caseFile: example.case, at: example.at }
  })
  const cases = existsSync(CASES_DIR)
    ? readdirSync(CASES_DIR)
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map((n) => ({
          file: join(CASES_DIR, n),
          caseFile: JSON.parse(readFileSync(join(CASES_DIR, n), 'utf8')) as CaseFile,
        }))
    : []
  return [...examples, ...cases]
}

describe('compiled evaluator vs json-rules-engine on the shipped packs and example cases', () => {
  const { packs } = loadPacks()
  const cases = shippedCases()
  const env: Environment = { calendar: Calendar.load(), packs }

  it.skipIf(cases.length === 0)(
    'gives the same firings and traces for every event of every shipped case, and at later moments',
    async () => {
      const coverage = newCoverage()
      const engines = new Map<string, ReturnType<typeof enginesFor>>()
      const check = async (evaluation: Evaluation) => {
        // an evaluation judged under the law of another day (a matter whose limit's pack has lapsed) uses that day's rules
        const day = evaluation.lawOn ?? dateOf(evaluation.at)
        const layers = packsInForce(layersFor(packs, evaluation.facts.jurisdiction), day)
        const key = layers.map((p) => `${p.version}:${p.pack.rules.map((r) => r.id).join(',')}`).join('|')
        if (!engines.has(key)) engines.set(key, enginesFor(layers))
        const facts = deepFreeze(structuredClone(evaluation.facts)) as unknown as FactBag
        expect(evaluation.firings).toStrictEqual(await engines.get(key)!.ref.evaluate(facts))
        await compare(layers, engines.get(key)!, facts, day, coverage)
      }
      for (const { file, caseFile, at } of cases) {
        const replay = replayCase(env, caseFile, at !== undefined ? { at } : {})
        for (const evaluation of [...replay.evaluations, ...(replay.asOf ? [replay.asOf] : [])]) await check(evaluation)
        if (!replay.state) continue
        // time alone changes a case: evaluate it again on later days, as long as the calendar declares them
        for (const days of [1, 4, 9, 16, 25, 40, 70]) {
          const moment = `${addDays(dateOf(replay.state.lastRecordedAt), days)}T10:00:00+08:00`
          const later = settle(() => evaluateAt(env, replay.state!, moment))
          if (later.ok) await check(later.value)
          else expect((later.error as { code?: string }).code, file).toBe('CALENDAR_YEAR_MISSING')
        }
      }
      if (process.env.DIFFERENTIAL_RUNS) console.log(cases.length, 'shipped cases', coverage)
      expect(coverage.bags).toBeGreaterThan(0)
      expect(coverage.errors).toBe(0)
      if (packs.some((p) => p.pack.rules.length > 0)) expect(coverage.firings).toBeGreaterThan(0)
    },
    300_000,
  ) // every shipped case at eight moments through two engines: minutes on a shared two-core machine
})
