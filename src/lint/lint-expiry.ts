/** Says what an expired pack takes away: the rules that no longer apply, the upper-layer rules and limits that apply again. */
import { addDays } from '../calendar/iso-date.js'
import type { Problem } from '../errors/xingquan-error.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import { mergeLayers } from '../rules/rule-set.js'
import { limitText, policyOn } from './lint-deadlines.js'
import { at, citeText } from './pack-location.js'

const inForce = (p: LoadedPack, day: string) =>
  p.pack.effectiveFrom <= day && (p.pack.effectiveUntil === undefined || day < p.pack.effectiveUntil)

/**
 * One PACK_EXPIRED_EFFECT note per expired pack and jurisdiction it covers, as of `today`.
 * @example lintExpiry(packs, '2026-11-26')[0].zh // '阿坝州… 失效后（2019-05-19 起），在 513200：…'
 */
export function lintExpiry(packs: readonly LoadedPack[], today: string): Problem[] {
  const out: Problem[] = []
  for (const pack of packs) {
    const until = pack.pack.effectiveUntil
    if (until === undefined || until > today) continue
    const code = pack.pack.jurisdiction.code
    const layers = layersFor(packs, code)
    const before = mergeLayers(layers.filter((p) => p === pack || inForce(p, until)))
    const after = mergeLayers(layers.filter((p) => inForce(p, today)))
    const reverted = before.rules.filter((r) => r.pack === pack && after.rules.some((a) => a.rule.id === r.rule.id))
    const gone = before.rules.filter((r) => r.pack === pack && !after.rules.some((a) => a.rule.id === r.rule.id))
    const mineNow = policyOn(pack.pack.deadlinePolicy, layers, addDays(until, -1))
    const afterNow = policyOn(after.policy, layers, today)
    const limits = Object.entries(mineNow?.matters ?? {}).map(([type, mine]) => {
      const now = afterNow?.matters?.[type as 'report']
      return now
        ? `${type} 恢复为 ${limitText(now)}（${citeText(now.citation)}）`
        : `${type} 不再有期限（${limitText(mine!)} 随之失效）`
    })
    const parts = [
      gone.length > 0 ? `${gone.length} 条规则不再适用` : '',
      reverted.length > 0
        ? `${reverted.map((r) => r.rule.id).join('、')} 恢复适用上级层级的规则（${[...new Set(after.rules.filter((a) => reverted.some((r) => r.rule.id === a.rule.id)).map((a) => citeText(a.rule.citation)))].join('；')}）`
        : '',
      limits.length > 0 ? `期限：${limits.join('；')}` : '',
    ].filter(Boolean)
    out.push({
      code: 'PACK_EXPIRED_EFFECT',
      severity: 'info',
      ...at(pack, '/effectiveUntil'),
      zh: `“${pack.pack.title}”自 ${until} 起失效，评估时不再适用（记录在 lapsedPacks 中）：${parts.join('；') || '无规则受影响'}`,
      en: `"${pack.pack.id}" lapsed on ${until} and is not applied after it (evaluations list it in lapsedPacks): ${gone.length} rule(s) no longer apply, ${reverted.length} fall back to the upper layer, ${limits.length} limit(s) change`,
    })
  }
  return out
}
