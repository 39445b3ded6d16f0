/** Finds rules that can never fire: contradictory conditions, relief that relieves nothing, a deadline on a matter no layer gives a limit (a rule in force outside its pack's validity is RULE_NEVER_IN_FORCE, in lint-packs). */
import type { Problem } from '../errors/xingquan-error.js'
import { bindConditions, parametersOf, valuesOn } from '../rules/parameters.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import type { Condition, FactCondition, Rule, TopLevelCondition } from '../types/generated.js'
import { at } from './pack-location.js'

const isLiteral = (c: Condition): c is FactCondition =>
  'fact' in c && c.path === undefined && !(c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value))

/**
 * Why the literal fact conditions of one `all` cannot hold together, or undefined when they can.
 * @example contradiction([{ fact: 'x', operator: 'greaterThan', value: 5 }, { fact: 'x', operator: 'lessThan', value: 3 }]) // 'x 没有同时满足…'
 */
export function contradiction(conditions: readonly Condition[]): string | undefined {
  const byFact = new Map<string, FactCondition[]>()
  for (const c of conditions) if (isLiteral(c)) byFact.set(c.fact, [...(byFact.get(c.fact) ?? []), c])
  for (const [fact, cs] of byFact) {
    const equal = [...new Set(cs.filter((c) => c.operator === 'equal').map((c) => JSON.stringify(c.value)))]
    if (equal.length > 1) return `${fact} 不能同时等于 ${equal.join(' 和 ')}`
    const eq = equal[0] !== undefined ? (JSON.parse(equal[0]) as unknown) : undefined
    let low = -Infinity
    let high = Infinity
    let lowStrict = false
    let highStrict = false
    for (const c of cs) {
      const v = c.value
      if (eq !== undefined && c.operator === 'notEqual' && JSON.stringify(v) === equal[0])
        return `${fact} 既等于又不等于 ${equal[0]}`
      if (eq !== undefined && c.operator === 'in' && Array.isArray(v) && !v.some((x) => JSON.stringify(x) === equal[0]))
        return `${fact} 等于 ${equal[0]}，却要求在 ${JSON.stringify(v)} 之中`
      if (
        eq !== undefined &&
        c.operator === 'notIn' &&
        Array.isArray(v) &&
        v.some((x) => JSON.stringify(x) === equal[0])
      )
        return `${fact} 等于 ${equal[0]}，却要求不在 ${JSON.stringify(v)} 之中`
      if (typeof v !== 'number') continue
      if (
        (c.operator === 'greaterThan' || c.operator === 'greaterThanInclusive') &&
        (v > low || (v === low && c.operator === 'greaterThan'))
      )
        [low, lowStrict] = [v, c.operator === 'greaterThan']
      if (
        (c.operator === 'lessThan' || c.operator === 'lessThanInclusive') &&
        (v < high || (v === high && c.operator === 'lessThan'))
      )
        [high, highStrict] = [v, c.operator === 'lessThan']
    }
    if (low > high || (low === high && (lowStrict || highStrict)))
      return `${fact} 没有同时满足下限 ${low} 和上限 ${high} 的值`
    if (typeof eq === 'number' && (eq < low || eq > high || (eq === low && lowStrict) || (eq === high && highStrict)))
      return `${fact} 等于 ${eq}，却不在 ${low}—${high} 之内`
  }
  return undefined
}

function allGroups(
  node: TopLevelCondition | Condition,
  path: string,
  out: { path: string; list: readonly Condition[] }[] = [],
): typeof out {
  if ('all' in node) {
    out.push({ path: `${path}/all`, list: node.all })
    for (const [i, c] of node.all.entries()) allGroups(c, `${path}/all/${i}`, out)
  } else if ('any' in node) for (const [i, c] of node.any.entries()) allGroups(c, `${path}/any/${i}`, out)
  else if ('not' in node) allGroups(node.not, `${path}/not`, out)
  return out
}

/** The matter type a rule is limited to by a top-level `matterType equal X`, when it also waits for `statutoryOverdue`. */
function overdueMatter(rule: Rule): string | undefined {
  if (!('all' in rule.conditions)) return undefined
  const top = rule.conditions.all.filter(isLiteral)
  const overdue = top.some((c) => c.fact === 'statutoryOverdue' && c.operator === 'equal' && c.value === true)
  const matter = top.find((c) => c.fact === 'matterType' && c.operator === 'equal')?.value
  return overdue && typeof matter === 'string' ? matter : undefined
}

/** A rule's conditions with its parameters bound to the values of each day one of them takes effect (unbound when it names none, or one without a value: lint-parameters reports that). */
function boundVersions(packs: readonly LoadedPack[], pack: LoadedPack, rule: Rule): TopLevelCondition[] {
  const layers = layersFor(packs, pack.pack.jurisdiction.code)
  const days = new Set([
    pack.pack.effectiveFrom,
    ...[...parametersOf(layers).values()].flatMap((p) => p.values.map((v) => v.from)),
  ])
  const out: TopLevelCondition[] = []
  for (const day of days) {
    try {
      out.push(bindConditions(rule.conditions as Condition, valuesOn(layers, day).values, day) as TopLevelCondition)
    } catch {
      out.push(rule.conditions)
    }
  }
  return out
}

/** Matter types whose limit the matter itself gives (the order of a 限期整改) or that a case header gives. */
const SELF_LIMITED = new Set(['case', 'rectification'])

/**
 * Problems of rules that can never fire: CONDITIONS_CONTRADICT, RELIEF_WITHOUT_TARGET, RELIEF_OF_RELIEF (errors),
 * MATTER_NEVER_DUE (warning).
 * @example lintNeverFires(packs).map((p) => p.code)
 */
export function lintNeverFires(packs: readonly LoadedPack[]): Problem[] {
  const out: Problem[] = []
  const kinds = new Map(packs.flatMap((p) => p.pack.rules.map((r) => [r.id, r.kind] as const)))
  for (const pack of packs) {
    for (const [i, rule] of pack.pack.rules.entries()) {
      const base = `/rules/${i}`
      // with the parameters' values of each day one of them takes effect (a condition naming a parameter compares with its value)
      const reported = new Set<string>()
      for (const conditions of boundVersions(packs, pack, rule)) {
        for (const group of allGroups(conditions, `${base}/conditions`)) {
          const why = contradiction(group.list)
          if (!why || reported.has(`${group.path}|${why}`)) continue
          reported.add(`${group.path}|${why}`)
          out.push({
            code: 'CONDITIONS_CONTRADICT',
            ...at(pack, group.path),
            zh: `规则“${rule.id}”永远不会触发：${why}`,
            en: `rule "${rule.id}" can never fire: its conditions contradict each other (${why})`,
          })
        }
      }
      if ((rule.kind === 'exemption' || rule.kind === 'mitigation') && (rule.appliesTo ?? []).length === 0) {
        out.push({
          code: 'RELIEF_WITHOUT_TARGET',
          ...at(pack, base),
          zh: `${rule.kind === 'exemption' ? '不承担责任' : '从轻'}规则“${rule.id}”没有 appliesTo，不会免除或减轻任何认定`,
          en: `${rule.kind} rule "${rule.id}" has no appliesTo: it relieves nothing`,
        })
      }
      for (const [j, target] of (rule.appliesTo ?? []).entries()) {
        const k = kinds.get(target)
        if (k === 'exemption' || k === 'mitigation')
          out.push({
            code: 'RELIEF_OF_RELIEF',
            ...at(pack, `${base}/appliesTo/${j}`),
            zh: `“${rule.id}”适用于另一条免除或减轻规则“${target}”`,
            en: `"${rule.id}" applies to another relief rule "${target}"`,
          })
      }
      const matter = overdueMatter(rule)
      if (
        matter &&
        !SELF_LIMITED.has(matter) &&
        !layersFor(packs, pack.pack.jurisdiction.code).some((p) => p.pack.deadlinePolicy?.matters?.[matter as 'report'])
      ) {
        out.push({
          code: 'MATTER_NEVER_DUE',
          severity: 'warning',
          ...at(pack, `${base}/conditions`),
          zh: `规则“${rule.id}”等待“${matter}”事项逾期，但其适用层级中没有规则包声明该类事项的期限：永远不会触发`,
          en: `rule "${rule.id}" waits for a ${matter} matter to be overdue, but no pack of its layers declares that limit: it can never fire`,
        })
      }
    }
  }
  return out
}
