/** Lints the discretion standards: each one's table (lint-discretion-table.ts), standards replaced by a lower layer, and catalog items naming an unknown standard. */
import type { PowerCatalog } from '../catalog/power-catalog.js'
import type { Problem } from '../errors/xingquan-error.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import { lintDiscretionTables } from './lint-discretion-table.js'
import { at } from './pack-location.js'

/** The facts a rule's top-level `all` compares with `equal` or `in`, and the values (what the rule is limited to). */
function limits(conditions: unknown): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>()
  const all = (conditions as { all?: unknown[] }).all ?? []
  for (const c of all as { fact?: string; operator?: string; value?: unknown }[]) {
    if (c.fact === undefined) continue
    if (c.operator === 'equal') out.set(c.fact, [c.value])
    else if (c.operator === 'in' && Array.isArray(c.value)) out.set(c.fact, c.value)
  }
  return out
}

/** Whether a rule of these layers raises the alarm of a table with no row (or two under unique) for this standard. */
function hasNoRowAlarm(layers: readonly LoadedPack[], standardId: string): boolean {
  return layers.some((p) =>
    p.pack.rules.some((r) => {
      const l = limits(r.conditions)
      const problem = l.get('discretionProblem')
      const standard = l.get('discretionStandardId')
      return (
        problem?.includes('noRow') === true &&
        problem.includes('rowsOverlap') &&
        (standard === undefined || standard.includes(standardId))
      )
    }),
  )
}

/**
 * Each standard's table (lint-discretion-table.ts), standards replaced by a lower layer, catalog items naming a
 * standard their layers lack, and a table without its run-time alarm (DISCRETION_ALARM_MISSING, a warning: no rule
 * of its layers fires on `discretionProblem` noRow and rowsOverlap for it).
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
        const key2 = `alarm|${pack.file}|${s.id}`
        if ('table' in s && !reported.has(key2) && !hasNoRowAlarm(layersFor(packs, code), s.id)) {
          reported.add(key2)
          out.push({
            code: 'DISCRETION_ALARM_MISSING',
            severity: 'warning',
            ...at(pack, `/discretionStandards/${i}/id`),
            zh: `裁量基准“${s.id}”没有运行时报警规则：裁量表对一案没有对应的行（或 unique 下有两行）时无人知晓；请添加一条以 discretionProblem 为 noRow、rowsOverlap 且 discretionStandardId 为本基准的规则（如 ${s.id}.no-row）`,
            en: `discretion standard "${s.id}" has no run-time alarm: add a rule on discretionProblem noRow/rowsOverlap for it (e.g. ${s.id}.no-row)`,
          })
        }
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
