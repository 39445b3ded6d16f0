/** Builds loaded packs from bare conditions, and settles sync or async evaluations into values, for the rules tests. */
import { packVersion } from '../../src/rules/pack-version.js'
import type { LoadedPack } from '../../src/rules/rule-library.js'
import type { Rule, RulePack, TopLevelCondition } from '../../src/types/generated.js'

export const DAY = '2025-06-02'

/**
 * Freezes a value and everything in it, so that an evaluator writing onto rules or facts throws.
 * @example const facts = deepFreeze({ a: { b: 1 } })
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/**
 * A rule with placeholder metadata around `conditions`.
 * @example ruleOf('r1', { all: [] })
 */
export function ruleOf(id: string, conditions: TopLevelCondition): Rule {
  return {
    id,
    version: 1,
    kind: 'supervision',
    level: 'yellow',
    title: `rule ${id}`,
    citation: { document: '测试', article: '第一条' },
    conditions,
  }
}

/**
 * A loaded, frozen, versioned pack of these rules and shared conditions.
 * @example packOf([ruleOf('r1', { all: [] })])
 */
export function packOf(
  rules: readonly Rule[],
  shared: Readonly<Record<string, TopLevelCondition>> = {},
  id = 'test.pack',
): LoadedPack {
  const pack: RulePack = {
    id,
    title: '测试规则包',
    jurisdiction: { code: '510000', name: '四川省', level: 'province' },
    issuingDocument: { title: '测试', issuer: '测试' },
    effectiveFrom: '2020-01-01',
    ...(Object.keys(shared).length > 0 ? { sharedConditions: { ...shared } } : {}),
    rules: [...rules],
  }
  return deepFreeze({ file: `${id}.pack.json`, pack, version: packVersion(pack) })
}

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }

/**
 * Runs `f` and returns its value or what it threw.
 * @example settle(() => JSON.parse('{')).ok // false
 */
export function settle<T>(f: () => T): Settled<T> {
  try {
    return { ok: true, value: f() }
  } catch (error) {
    return { ok: false, error }
  }
}

/**
 * Awaits `p` and returns its value or its rejection.
 * @example await settleAsync(() => ref.evaluate(facts))
 */
export async function settleAsync<T>(p: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p() }
  } catch (error) {
    return { ok: false, error }
  }
}
