/** Lints the discretion standards: overlapping bands, bands outside the statutory range, duplicate levels, overrides, and catalog items naming an unknown standard. */
import type { PowerCatalog } from '../catalog/power-catalog.js'
import type { Problem } from '../errors/xingquan-error.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import type { DiscretionBand, DiscretionStandard } from '../types/generated.js'
import { at } from './pack-location.js'

/** A band as a span: a share of the statutory range, or yuan when the range is a single fixed bracket. */
function span(band: DiscretionBand, standard: DiscretionStandard): { from: number; to: number; unit: 'share' | 'yuan' } | undefined {
  if (band.fineShare) return { from: band.fineShare.from, to: band.fineShare.to, unit: 'share' }
  if (band.fine) {
    const only = standard.statutory.brackets.length === 1 ? standard.statutory.brackets[0]?.fine : undefined
    if (!only) return { from: band.fine.min, to: band.fine.max, unit: 'yuan' }
    const width = only.max - only.min || 1
    return { from: (band.fine.min - only.min) / width, to: (band.fine.max - only.min) / width, unit: 'share' }
  }
  return undefined
}

function lintStandard(pack: LoadedPack, standard: DiscretionStandard, i: number): Problem[] {
  const out: Problem[] = []
  const base = `/discretionStandards/${i}`
  const ids = new Set<string>()
  for (const [j, level] of standard.levels.entries()) {
    if (ids.has(level.id)) out.push({ code: 'DISCRETION_LEVEL_DUPLICATE', ...at(pack, `${base}/levels/${j}/id`), zh: `裁量等级“${level.id}”重复`, en: `discretion level "${level.id}" appears twice` })
    ids.add(level.id)
    const s = span(level.band, standard)
    if (s && s.from > s.to) out.push({ code: 'DISCRETION_BAND_REVERSED', ...at(pack, `${base}/levels/${j}/band`), zh: `“${level.name}”档的下限大于上限`, en: `band "${level.name}" starts above its end` })
    if (s && s.unit === 'share' && (s.from < 0 || s.to > 1)) {
      out.push({ code: 'DISCRETION_BAND_OUTSIDE_RANGE', ...at(pack, `${base}/levels/${j}/band`), zh: `“${level.name}”档超出法定幅度`, en: `band "${level.name}" lies outside the statutory range` })
    }
    for (const k of level.band.kinds) {
      if (!standard.statutory.kinds.includes(k)) out.push({ code: 'DISCRETION_KIND_NOT_STATUTORY', ...at(pack, `${base}/levels/${j}/band/kinds`), zh: `“${level.name}”档的处罚种类 ${k} 不是法定种类`, en: `band "${level.name}" allows ${k}, which the law does not provide` })
    }
  }
  for (let a = 0; a < standard.levels.length; a++) {
    for (let b = a + 1; b < standard.levels.length; b++) {
      const [la, lb] = [standard.levels[a]!, standard.levels[b]!]
      const [sa, sb] = [span(la.band, standard), span(lb.band, standard)]
      if (!sa || !sb || sa.unit !== sb.unit) continue
      const from = Math.max(sa.from, sb.from)
      const to = Math.min(sa.to, sb.to)
      if (from < to) {
        const show = (n: number) => (sa.unit === 'share' ? `${Math.round(n * 1000) / 10}%` : `${n} 元`)
        out.push({
          code: 'DISCRETION_BANDS_OVERLAP',
          severity: 'warning',
          ...at(pack, `${base}/levels/${b}/band`),
          zh: `裁量基准“${standard.title}”的“${la.name}”档与“${lb.name}”档重叠（${show(from)}—${show(to)}），同一罚款额对应两个档次`,
          en: `standard ${standard.id}: bands "${la.id}" and "${lb.id}" overlap (${show(from)}–${show(to)})`,
        })
      }
    }
  }
  if (!standard.mitigated) {
    out.push({ code: 'DISCRETION_NO_MITIGATED_BAND', severity: 'warning', ...at(pack, base), zh: `裁量基准“${standard.title}”没有从轻、减轻档：有应当从轻或者减轻情节时，建议档次为 0 至该等级上限`, en: `standard ${standard.id} has no mitigated band` })
  }
  return out
}

/**
 * Problems of every standard, standards replaced by a lower layer, and catalog items naming a standard their layers lack.
 * @example lintDiscretion(packs, catalog).filter((p) => p.code === 'DISCRETION_BANDS_OVERLAP')
 */
export function lintDiscretion(packs: readonly LoadedPack[], catalog: PowerCatalog | undefined): Problem[] {
  const out: Problem[] = []
  for (const pack of packs) for (const [i, s] of (pack.pack.discretionStandards ?? []).entries()) out.push(...lintStandard(pack, s, i))
  const reported = new Set<string>()
  for (const code of [...new Set(packs.map((p) => p.pack.jurisdiction.code))]) {
    const seen = new Map<string, LoadedPack>()
    for (const pack of layersFor(packs, code)) {
      for (const [i, s] of (pack.pack.discretionStandards ?? []).entries()) {
        const upper = seen.get(s.id)
        const key = `${upper?.file}|${pack.file}|${s.id}`
        if (upper && upper !== pack && !reported.has(key)) {
          reported.add(key)
          out.push({ code: 'STANDARD_OVERRIDDEN', severity: 'info', ...at(pack, `/discretionStandards/${i}/id`), zh: `${pack.pack.jurisdiction.name}的裁量基准“${s.id}”替代了${upper.pack.jurisdiction.name}的同名基准（${upper.file}）`, en: `${pack.pack.jurisdiction.name} overrides discretion standard "${s.id}" of ${upper.file}` })
        }
        seen.set(s.id, pack)
      }
    }
  }
  for (const item of catalog?.items ?? []) {
    if (item.discretionStandard === undefined) continue
    const declared = packs.some((p) => item.jurisdiction.startsWith(jurisdictionPrefix(p.pack.jurisdiction.code)) && (p.pack.discretionStandards ?? []).some((s) => s.id === item.discretionStandard))
    if (!declared) {
      out.push({ code: 'STANDARD_UNKNOWN', severity: 'warning', file: 'rules/catalog', pointer: `/${item.jurisdiction}/${item.code}`, zh: `目录事项 ${item.code} 指定的裁量基准“${item.discretionStandard}”不在其所在层级的规则包中`, en: `catalog item ${item.code} names discretion standard "${item.discretionStandard}", which no pack of its layers declares` })
    }
  }
  return out
}
