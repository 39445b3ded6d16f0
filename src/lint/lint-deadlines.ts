/** Lints the deadline policies across layers: where a lower layer replaces a higher layer's limit, lengthens it, or two packs of one level contradict each other. */
import type { Problem } from '../errors/xingquan-error.js'
import { bindNumbers, valuesOn } from '../rules/parameters.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import type { DeadlinePolicy, MatterPolicy } from '../types/generated.js'
import { at, citeText } from './pack-location.js'

type Entry = { readonly pack: LoadedPack; readonly type: string; readonly policy: MatterPolicy }

/**
 * The limit in words: `10 日（自然日）`, `15 个工作日`, `每年 01-31 前`.
 * @example limitText({ limit: { days: 15, unit: 'working' }, citation }) // '15 个工作日'
 */
export function limitText(p: MatterPolicy): string {
  if (p.dueMonthDay) return `固定日期 ${p.dueMonthDay}`
  return p.limit!.unit === 'working' ? `${p.limit!.days} 个工作日` : `${p.limit!.days} 日（自然日）`
}

/**
 * Whether `lower` gives more time than `upper`: surely (whatever the calendar), maybe (depends on weekends and
 * holidays), or not. N working days always span at least N calendar days, and more than N once a weekend falls inside.
 */
function lengthens(lower: MatterPolicy, upper: MatterPolicy): 'surely' | 'maybe' | false {
  if (!lower.limit || !upper.limit) return false
  const [l, u] = [lower.limit, upper.limit]
  if (l.unit === u.unit) return l.days > u.days ? 'surely' : false
  if (l.unit === 'working') return l.days > u.days || (l.days === u.days && l.days >= 5) ? 'surely' : false
  return l.days > u.days ? 'maybe' : false
}

/**
 * A time policy with its parameters bound to their values on `day` among these layers (lint reads numbers, as the
 * engine does); unbound where a parameter has no value then (PARAM_UNKNOWN / PARAM_NO_VALUE report it).
 * @example policyOn(pack.pack.deadlinePolicy, layersFor(packs, '513222'), pack.pack.effectiveFrom)
 */
export function policyOn(
  policy: DeadlinePolicy | undefined,
  layers: readonly LoadedPack[],
  day: string,
): DeadlinePolicy | undefined {
  try {
    return bindNumbers(policy, valuesOn(layers, day).values, day)
  } catch {
    return policy
  }
}

const same = (a: MatterPolicy, b: MatterPolicy) => limitText(a) === limitText(b)

/**
 * Problems of the matter limits: POLICY_OVERRIDDEN (info), DEADLINE_LENGTHENED (warning), DEADLINE_CONFLICT (error).
 * @example lintDeadlines(packs) // [{ code: 'POLICY_OVERRIDDEN', zh: '阿坝州 … 10 日（自然日）→ 15 个工作日', ... }]
 */
export function lintDeadlines(packs: readonly LoadedPack[]): Problem[] {
  const out: Problem[] = []
  const reported = new Set<string>()
  for (const code of [...new Set(packs.map((p) => p.pack.jurisdiction.code))]) {
    const byType = new Map<string, Entry[]>()
    const layers = layersFor(packs, code)
    for (const pack of layers) {
      const bound = policyOn(pack.pack.deadlinePolicy, layers, pack.pack.effectiveFrom)
      for (const [type, policy] of Object.entries(bound?.matters ?? {})) {
        if (policy) byType.set(type, [...(byType.get(type) ?? []), { pack, type, policy }])
      }
    }
    for (const [type, entries] of byType) {
      for (let i = 1; i < entries.length; i++) {
        const upper = entries[i - 1]!
        const lower = entries[i]!
        const key = `${upper.pack.file}|${lower.pack.file}|${type}`
        if (reported.has(key)) continue
        reported.add(key)
        const where = at(lower.pack, `/deadlinePolicy/matters/${type}`)
        const u = `${limitText(upper.policy)}（${citeText(upper.policy.citation)}）`
        const l = `${limitText(lower.policy)}（${citeText(lower.policy.citation)}）`
        if (upper.pack.pack.jurisdiction.level === lower.pack.pack.jurisdiction.level) {
          if (!same(upper.policy, lower.policy)) {
            out.push({
              code: 'DEADLINE_CONFLICT',
              ...where,
              zh: `同一层级的两个规则包对“${type}”事项规定了不同的期限：${u} 与 ${l}`,
              en: `two packs of the same level give a ${type} matter different limits: ${upper.pack.file} and ${lower.pack.file}`,
            })
          }
          continue
        }
        const lowerName = lower.pack.pack.jurisdiction.name
        const upperName = upper.pack.pack.jurisdiction.name
        out.push({
          code: 'POLICY_OVERRIDDEN',
          severity: 'info',
          ...where,
          zh: `${lowerName}替代了${upperName}“${type}”事项的期限：${u} → ${l}`,
          en: `${lowerName} replaces the ${type} limit of ${upperName}: ${limitText(upper.policy)} → ${limitText(lower.policy)} (${upper.pack.file})`,
        })
        const longer = lengthens(lower.policy, upper.policy)
        if (longer) {
          out.push({
            code: 'DEADLINE_LENGTHENED',
            severity: 'warning',
            ...where,
            zh: `${lowerName}的期限 ${l} ${longer === 'surely' ? '长于' : '可能长于'}${upperName}的 ${u}：下级规定不得宽于上级规定，请法制部门确认适用哪一个`,
            en: `${lowerName}'s limit (${limitText(lower.policy)}) is longer than ${upperName}'s (${limitText(upper.policy)}): a lower rule may not relax a higher one; legal staff must confirm which applies`,
          })
        }
      }
    }
  }
  return out
}
