/** Lints the discretion standards: each one's table (lint-discretion-table.ts), standards replaced by a lower layer, and catalog items naming an unknown standard. */
import type { PowerCatalog } from '../catalog/power-catalog.js'
import type { Problem } from '../errors/xingquan-error.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import { lintDiscretionTables } from './lint-discretion-table.js'
import { at } from './pack-location.js'

/**
 * Each standard's table (lint-discretion-table.ts), standards replaced by a lower layer, and catalog items naming a
 * standard their layers lack.
 * @example lintDiscretion(packs, catalog).filter((p) => p.code === 'STANDARD_OVERRIDDEN')
 */
export function lintDiscretion(packs: readonly LoadedPack[], catalog: PowerCatalog | undefined): Problem[] {
  const out: Problem[] = [...lintDiscretionTables(packs)]
  const reported = new Set<string>()
  for (const code of [...new Set(packs.map((p) => p.pack.jurisdiction.code))]) {
    const seen = new Map<string, LoadedPack>()
    for (const pack of layersFor(packs, code)) {
      for (const [i, s] of (pack.pack.discretionStandards ?? []).entries()) {
        const upper = seen.get(s.id)
        const key = `${upper?.file}|${pack.file}|${s.id}`
        if (upper && upper !== pack && !reported.has(key)) {
          reported.add(key)
          out.push({
            code: 'STANDARD_OVERRIDDEN',
            severity: 'info',
            ...at(pack, `/discretionStandards/${i}/id`),
            zh: `${pack.pack.jurisdiction.name}的裁量基准“${s.id}”替代了${upper.pack.jurisdiction.name}的同名基准（${upper.file}）`,
            en: `${pack.pack.jurisdiction.name} overrides discretion standard "${s.id}" of ${upper.file}`,
          })
        }
        seen.set(s.id, pack)
      }
    }
  }
  for (const item of catalog?.items ?? []) {
    if (item.discretionStandard === undefined) continue
    const declared = packs.some(
      (p) =>
        item.jurisdiction.startsWith(jurisdictionPrefix(p.pack.jurisdiction.code)) &&
        (p.pack.discretionStandards ?? []).some((s) => s.id === item.discretionStandard),
    )
    if (!declared) {
      out.push({
        code: 'STANDARD_UNKNOWN',
        severity: 'warning',
        file: 'rules/catalog',
        pointer: `/${item.jurisdiction}/${item.code}`,
        zh: `目录事项 ${item.code} 指定的裁量基准“${item.discretionStandard}”不在其所在层级的规则包中`,
        en: `catalog item ${item.code} names discretion standard "${item.discretionStandard}", which no pack of its layers declares`,
      })
    }
  }
  return out
}
