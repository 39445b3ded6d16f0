/** Lints parameters: a bare number in a condition, a parameter nobody uses or nobody declares, a value twice from one day or without a value in force. */
import type { Problem } from '../errors/xingquan-error.js'
import { isParamRef, parametersOf } from '../rules/parameters.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import type { Condition, Parameter } from '../types/generated.js'
import { at } from './pack-location.js'

type FactCondition = Extract<Condition, { fact: string }>

/** Every fact condition of a tree with its pointer. */
function factConditions(node: Condition, pointer: string, out: { c: FactCondition; pointer: string }[] = []): { c: FactCondition; pointer: string }[] {
  if ('fact' in node) out.push({ c: node, pointer })
  else if ('all' in node) for (const [i, c] of node.all.entries()) factConditions(c, `${pointer}/all/${i}`, out)
  else if ('any' in node) for (const [i, c] of node.any.entries()) factConditions(c, `${pointer}/any/${i}`, out)
  else if ('not' in node) factConditions(node.not, `${pointer}/not`, out)
  return out
}

/** The fact conditions of a pack, in rules and shared conditions, with their pointers. */
function conditionsOf(pack: LoadedPack): { c: FactCondition; pointer: string }[] {
  const trees: { node: Condition; pointer: string }[] = [
    ...pack.pack.rules.map((r, i) => ({ node: r.conditions as Condition, pointer: `/rules/${i}/conditions` })),
    ...Object.entries(pack.pack.sharedConditions ?? {}).flatMap(([name, c]) => (c ? [{ node: c as Condition, pointer: `/sharedConditions/${name}` }] : [])),
  ]
  return trees.flatMap((t) => factConditions(t.node, t.pointer))
}

const pointerPart = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')
const valuesText = (p: Parameter) => p.values.map((v) => `${v.from} 起 ${v.value}`).join('，')
const declared = (pack: LoadedPack) => Object.entries(pack.pack.parameters ?? {}).flatMap(([id, p]) => (p ? [[id, p] as const] : []))

/** The provision ids a loaded pack's citations resolved to. */
function provisionIdsOf(data: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(data)) for (const x of data) provisionIdsOf(x, out)
  else if (data !== null && typeof data === 'object') {
    const o = data as Record<string, unknown>
    if (typeof o.provision === 'string' && typeof o.document === 'string') out.add(o.provision)
    for (const v of Object.values(o)) provisionIdsOf(v, out)
  }
  return out
}

/** Bare numbers and unknown parameters in the conditions; records which parameters are named. */
function lintConditionValues(packs: readonly LoadedPack[], used: Set<string>): Problem[] {
  const out: Problem[] = []
  for (const pack of packs) {
    const known = parametersOf(layersFor(packs, pack.pack.jurisdiction.code))
    for (const { c, pointer } of conditionsOf(pack)) {
      if (isParamRef(c.value)) {
        used.add(c.value.param)
        if (!known.has(c.value.param)) {
          out.push({ code: 'PARAM_UNKNOWN', ...at(pack, `${pointer}/value/param`), zh: `条件引用的参数“${c.value.param}”不存在（本层级及上级的规则包都没有声明）`, en: `the condition names parameter "${c.value.param}", which no pack of its layers declares` })
        }
      } else if (typeof c.value === 'number' && c.value !== 0) {
        const same = [...known].filter(([, p]) => p.values.some((v) => v.value === c.value)).map(([id]) => id)
        out.push({
          code: 'PARAM_BARE_NUMBER',
          ...at(pack, `${pointer}/value`),
          zh: `条件中直接写了数 ${c.value}：法律或机关确定的数应为参数，写作 {"param": 编号}${same.length > 0 ? `（可用的参数：${same.join('、')}）` : '（请在 parameters 中声明它：名称、单位、来源和生效日期）'}`,
          en: `the condition writes the number ${c.value} itself: a number the law or an office sets is a parameter, {"param": id}${same.length > 0 ? ` (parameters with this value: ${same.join(', ')})` : ''}`,
        })
      }
    }
  }
  return out
}

/** A lower layer replacing a parameter (a note), or two packs of one level declaring it (an error). */
function lintOverrides(packs: readonly LoadedPack[]): Problem[] {
  const out: Problem[] = []
  const reported = new Set<string>()
  for (const code of new Set(packs.map((p) => p.pack.jurisdiction.code))) {
    const seen = new Map<string, LoadedPack>()
    for (const pack of layersFor(packs, code)) {
      for (const [id, p] of declared(pack)) {
        const upper = seen.get(id)
        seen.set(id, pack)
        const key = `${upper?.file}|${pack.file}|${id}`
        if (!upper || reported.has(key)) continue
        reported.add(key)
        const before = upper.pack.parameters![id]!
        const where = at(pack, `/parameters/${pointerPart(id)}`)
        if (upper.pack.jurisdiction.level === pack.pack.jurisdiction.level) {
          out.push({ code: 'PARAM_ID_CONFLICT', ...where, zh: `参数“${id}”在同一层级的 ${upper.file} 中也有声明`, en: `parameter "${id}" is also declared at the same level in ${upper.file}` })
        } else {
          out.push({
            code: 'PARAM_OVERRIDDEN',
            severity: 'info',
            ...where,
            zh: `${pack.pack.jurisdiction.name}的参数“${id}”替代了${upper.pack.jurisdiction.name}的同名参数（${upper.file}）：${valuesText(before)} → ${valuesText(p)}`,
            en: `${pack.pack.jurisdiction.name} replaces parameter "${id}" of ${upper.pack.jurisdiction.name} (${upper.file})`,
          })
        }
      }
    }
  }
  return out
}

/**
 * PARAM_BARE_NUMBER (a number other than 0 written in a condition: the law's and the office's numbers are parameters;
 * 0 is "none", not a number anyone sets), PARAM_UNKNOWN, PARAM_UNUSED, PARAM_VALUE_DATE_TWICE, PARAM_NO_VALUE (the
 * pack is in force before the parameter's first value), PARAM_ID_CONFLICT, CITATION_UNKNOWN (an office decision
 * resting on a provision that does not exist): errors; PARAM_OVERRIDDEN: a note. A value without a date or a source
 * is refused by the schema.
 * @example lintParameters(packs).map((p) => p.code)
 */
export function lintParameters(packs: readonly LoadedPack[]): Problem[] {
  const used = new Set<string>()
  const out = [...lintConditionValues(packs, used), ...lintOverrides(packs)]
  const provisions = provisionIdsOf(packs.map((p) => p.pack), new Set())
  for (const pack of packs) {
    for (const [id, p] of declared(pack)) {
      const base = `/parameters/${pointerPart(id)}`
      if (!used.has(id)) out.push({ code: 'PARAM_UNUSED', ...at(pack, base), zh: `参数“${id}”（${p.label}）没有任何条件引用`, en: `parameter "${id}" is named by no condition` })
      const seen = new Set<string>()
      for (const [j, v] of p.values.entries()) {
        if (seen.has(v.from)) out.push({ code: 'PARAM_VALUE_DATE_TWICE', ...at(pack, `${base}/values/${j}/from`), zh: `参数“${id}”有两个自 ${v.from} 起的值`, en: `parameter "${id}" has two values from ${v.from}` })
        seen.add(v.from)
        const left = 'by' in v.source ? v.source.provision : undefined
        if (left !== undefined && !provisions.has(left)) {
          out.push({ code: 'CITATION_UNKNOWN', ...at(pack, `${base}/values/${j}/source/provision`), zh: `机关决定所据的条文“${left}”不存在（或本规则目录没有引用它）`, en: `the provision "${left}" the decision rests on does not exist (or nothing here cites it)` })
        }
      }
      const first = p.values.map((v) => v.from).sort()[0]!
      if (first > pack.pack.effectiveFrom) {
        out.push({ code: 'PARAM_NO_VALUE', ...at(pack, `${base}/values`), zh: `规则包自 ${pack.pack.effectiveFrom} 起施行，参数“${id}”的第一个值自 ${first} 起（${valuesText(p)}）：之前的评估没有值可用`, en: `the pack is in force from ${pack.pack.effectiveFrom} but parameter "${id}" has its first value from ${first}` })
      }
    }
  }
  return out
}
