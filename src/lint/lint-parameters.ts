/** Lints parameters: a bare number in a condition, a time policy, the time bar or a discretion standard's statutory range; a parameter nobody uses or nobody declares; a value without a date, a source or a value in force. */
import type { Problem } from '../errors/xingquan-error.js'
import { isParamRef, parametersOf } from '../rules/parameters.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import type { Condition, Parameter } from '../types/generated.js'
import type { TemplateDays } from './lint-templates.js'
import { at, inFile } from './pack-location.js'

/** Every fact condition of a tree with its pointer. */
function factConditions(
  node: Condition,
  pointer: string,
  out: { c: Extract<Condition, { fact: string }>; pointer: string }[] = [],
): typeof out {
  if ('fact' in node) out.push({ c: node, pointer })
  else if ('all' in node) for (const [i, c] of node.all.entries()) factConditions(c, `${pointer}/all/${i}`, out)
  else if ('any' in node) for (const [i, c] of node.any.entries()) factConditions(c, `${pointer}/any/${i}`, out)
  else if ('not' in node) factConditions(node.not, `${pointer}/not`, out)
  return out
}

/** The conditions of a pack, rules and shared ones, with their pointers. */
function conditionsOf(pack: LoadedPack) {
  const trees: { node: Condition; pointer: string }[] = [
    ...pack.pack.rules.map((r, i) => ({ node: r.conditions as Condition, pointer: `/rules/${i}/conditions` })),
    ...Object.entries(pack.pack.sharedConditions ?? {}).flatMap(([name, c]) =>
      c ? [{ node: c as Condition, pointer: `/sharedConditions/${name}` }] : [],
    ),
  ]
  return trees.flatMap((t) => factConditions(t.node, t.pointer))
}

/** A number of a time policy or the time bar: the parameter unit it must have. */
interface PolicyPlace {
  readonly pointer: string
  readonly value: unknown
  readonly unit: Parameter['unit']
  /** What holds the number, in words: a time policy (or the time bar), or a discretion standard's statutory range. */
  readonly what?: { readonly zh: string; readonly en: string }
}

const STATUTORY_RANGE = { zh: '裁量基准的法定幅度', en: "the discretion standard's statutory range" }

/** The numbers the law or an office sets outside conditions: the time policies' days, caps and counts, the time bar's years, the statutory fines of the discretion standards. */
function policyPlaces(pack: LoadedPack): PolicyPlace[] {
  const out: PolicyPlace[] = []
  const limitUnit = (u: string): Parameter['unit'] => (u === 'working' ? 'workingDays' : 'calendarDays')
  const ofLimit = (l: { days: unknown; unit: string } | undefined, pointer: string) => {
    if (l) out.push({ pointer: `${pointer}/days`, value: l.days, unit: limitUnit(l.unit) })
  }
  const ofExtension = (e: { maxWorkingDays: unknown; maxCount?: unknown } | undefined, pointer: string) => {
    if (!e) return
    out.push({ pointer: `${pointer}/maxWorkingDays`, value: e.maxWorkingDays, unit: 'workingDays' })
    if (e.maxCount !== undefined) out.push({ pointer: `${pointer}/maxCount`, value: e.maxCount, unit: 'times' })
  }
  const policy = pack.pack.deadlinePolicy
  for (const [type, p] of Object.entries(policy?.powerTypes ?? {})) {
    if (!p) continue
    const base = `/deadlinePolicy/powerTypes/${type}`
    ofLimit(p.limit, `${base}/limit`)
    ofExtension(p.extension, `${base}/extension`)
    ofLimit(p.acceptance?.supplementNoticeWithin, `${base}/acceptance/supplementNoticeWithin`)
  }
  for (const [type, m] of Object.entries(policy?.matters ?? {})) {
    if (!m) continue
    const base = `/deadlinePolicy/matters/${type}`
    ofLimit(m.limit, `${base}/limit`)
    ofExtension(m.extension, `${base}/extension`)
  }
  const bar = pack.pack.penaltyPolicy?.timeBar
  if (bar) {
    out.push({ pointer: '/penaltyPolicy/timeBar/years', value: bar.years, unit: 'years' })
    out.push({ pointer: '/penaltyPolicy/timeBar/extendedYears', value: bar.extendedYears, unit: 'years' })
  }
  // the statutory fine of each discretion standard (the law's amounts, bases and multiples); the table's shares are the
  // standard itself, not numbers the law sets, and stay numbers
  for (const [i, standard] of (pack.pack.discretionStandards ?? []).entries()) {
    for (const [j, b] of standard.statutory.brackets.entries()) {
      const base = `/discretionStandards/${i}/statutory/brackets/${j}`
      const place = (key: string, value: unknown, unit: Parameter['unit']) =>
        out.push({ pointer: `${base}/${key}`, value, unit, what: STATUTORY_RANGE })
      if (b.baseBelow !== undefined) place('baseBelow', b.baseBelow, 'yuan')
      if (b.baseAtLeast !== undefined) place('baseAtLeast', b.baseAtLeast, 'yuan')
      if (b.fine) {
        place('fine/min', b.fine.min, 'yuan')
        place('fine/max', b.fine.max, 'yuan')
      }
      if (b.fineMultiple) {
        place('fineMultiple/min', b.fineMultiple.min, 'multiple')
        place('fineMultiple/max', b.fineMultiple.max, 'multiple')
      }
    }
  }
  return out
}

const UNIT_WORDS: Record<Parameter['unit'], string> = {
  workingDays: '工作日',
  calendarDays: '日（自然日）',
  hours: '小时',
  times: '次',
  platforms: '个平台',
  notices: '次告知',
  yuan: '元',
  years: '年',
  multiple: '倍（计罚基数的倍数）',
}

const valuesText = (p: Parameter) => p.values.map((v) => `${v.from} 起 ${v.value}`).join('，')

/**
 * PARAM_BARE_NUMBER (a number other than 0 written in a condition, a time policy or the time bar: the law's and the office's numbers are parameters;
 * 0 is "none", not a number anyone sets), PARAM_UNKNOWN, PARAM_UNUSED, PARAM_VALUE_UNSOURCED, PARAM_VALUE_DATE_TWICE,
 * PARAM_NO_VALUE (the pack is in force before the parameter's first value), PARAM_ID_CONFLICT (one id twice at one level):
 * PARAM_UNIT_MISMATCH (a working-day limit naming a calendar-day parameter, a count naming days, …): errors; PARAM_OVERRIDDEN (a lower layer replaces a parameter, as it may a rule): a note.
 * @example lintParameters(packs).map((p) => p.code)
 */
export function lintParameters(packs: readonly LoadedPack[], templates: readonly TemplateDays[] = []): Problem[] {
  const out: Problem[] = []
  const used = new Set<string>()
  out.push(...templateDaysProblems(templates, parametersOf(packs), used))
  for (const pack of packs) {
    const known = parametersOf(layersFor(packs, pack.pack.jurisdiction.code))
    for (const { c, pointer } of conditionsOf(pack)) {
      if (isParamRef(c.value)) {
        used.add(c.value.param)
        if (!known.has(c.value.param)) {
          out.push({
            code: 'PARAM_UNKNOWN',
            ...at(pack, `${pointer}/value/param`),
            zh: `条件引用的参数“${c.value.param}”不存在（本层级及上级的规则包都没有声明）`,
            en: `the condition names parameter "${c.value.param}", which no pack of its layers declares`,
          })
        }
      } else if (typeof c.value === 'number' && c.value !== 0) {
        const same = [...known.values()].filter((p) => p.values.some((v) => v.value === c.value)).map((p) => p.id)
        const hint =
          same.length > 0
            ? `（可用的参数：${same.join('、')}）`
            : '（请在 parameters 中声明它：名称、单位、来源和生效日期）'
        out.push({
          code: 'PARAM_BARE_NUMBER',
          ...at(pack, `${pointer}/value`),
          zh: `条件中直接写了数 ${c.value}：法律或机关确定的数应为参数，写作 {"param": 编号}${hint}`,
          en: `the condition writes the number ${c.value} itself: a number the law or an office sets is a parameter, {"param": id}${same.length > 0 ? ` (parameters with this value: ${same.join(', ')})` : ''}`,
        })
      }
    }
  }
  for (const pack of packs) {
    const known = parametersOf(layersFor(packs, pack.pack.jurisdiction.code))
    for (const place of policyPlaces(pack)) {
      if (isParamRef(place.value)) {
        const id = place.value.param
        used.add(id)
        const p = known.get(id)
        if (!p) {
          out.push({
            code: 'PARAM_UNKNOWN',
            ...at(pack, `${place.pointer}/param`),
            zh: `${place.what?.zh ?? '时限政策'}引用的参数“${id}”不存在（本层级及上级的规则包都没有声明）`,
            en: `${place.what?.en ?? 'the time policy'} names parameter "${id}", which no pack of its layers declares`,
          })
        } else if (p.unit !== place.unit) {
          out.push({
            code: 'PARAM_UNIT_MISMATCH',
            ...at(pack, `${place.pointer}/param`),
            zh: `此处的数以${UNIT_WORDS[place.unit]}计，参数“${id}”的单位却是${UNIT_WORDS[p.unit]}`,
            en: `this place counts in ${place.unit}, but parameter "${id}" is in ${p.unit}`,
          })
        }
      } else if (typeof place.value === 'number' && place.value !== 0) {
        const same = [...known.values()].filter(
          (p) => p.unit === place.unit && p.values.some((v) => v.value === place.value),
        )
        out.push({
          code: 'PARAM_BARE_NUMBER',
          ...at(pack, place.pointer),
          zh: `${place.what?.zh ?? '时限政策'}中直接写了数 ${place.value}：法律或机关确定的数应为参数，写作 {"param": 编号}${same.length > 0 ? `（可用的参数：${same.map((p) => p.id).join('、')}）` : '（请在 parameters 中声明它：名称、单位、来源和生效日期）'}`,
          en: `${place.what?.en ?? 'the time policy'} writes the number ${place.value} itself: a number the law or an office sets is a parameter, {"param": id}${same.length > 0 ? ` (parameters with this value: ${same.map((p) => p.id).join(', ')})` : ''}`,
        })
      }
    }
  }
  const reported = new Set<string>()
  for (const code of new Set(packs.map((p) => p.pack.jurisdiction.code))) {
    const seen = new Map<string, LoadedPack>()
    for (const pack of layersFor(packs, code)) {
      for (const [i, p] of (pack.pack.parameters ?? []).entries()) {
        const upper = seen.get(p.id)
        seen.set(p.id, pack)
        const key = `${upper?.file}|${pack.file}|${p.id}`
        if (!upper || reported.has(key)) continue
        reported.add(key)
        const before = upper.pack.parameters!.find((x) => x.id === p.id)!
        if (upper.pack.jurisdiction.level === pack.pack.jurisdiction.level) {
          out.push({
            code: 'PARAM_ID_CONFLICT',
            ...at(pack, `/parameters/${i}/id`),
            zh: `参数“${p.id}”在同一层级的 ${upper.file} 中也有声明`,
            en: `parameter "${p.id}" is also declared at the same level in ${upper.file}`,
          })
        } else {
          out.push({
            code: 'PARAM_OVERRIDDEN',
            severity: 'info',
            ...at(pack, `/parameters/${i}/id`),
            zh: `${pack.pack.jurisdiction.name}的参数“${p.id}”替代了${upper.pack.jurisdiction.name}的同名参数（${upper.file}）：${valuesText(before)} → ${valuesText(p)}`,
            en: `${pack.pack.jurisdiction.name} replaces parameter "${p.id}" of ${upper.pack.jurisdiction.name} (${upper.file})`,
          })
        }
      }
    }
  }
  for (const pack of packs) {
    for (const [i, p] of (pack.pack.parameters ?? []).entries()) {
      const base = `/parameters/${i}`
      if (!used.has(p.id))
        out.push({
          code: 'PARAM_UNUSED',
          ...at(pack, `${base}/id`),
          zh: `参数“${p.id}”（${p.label}）没有任何条件、时限政策、追责时效、文书期限或裁量基准的法定幅度引用`,
          en: `parameter "${p.id}" is named by no condition, time policy, time bar, notice deadline or statutory range of a discretion standard`,
        })
      const seen = new Set<string>()
      for (const [j, v] of p.values.entries()) {
        if (seen.has(v.from))
          out.push({
            code: 'PARAM_VALUE_DATE_TWICE',
            ...at(pack, `${base}/values/${j}/from`),
            zh: `参数“${p.id}”有两个自 ${v.from} 起的值`,
            en: `parameter "${p.id}" has two values from ${v.from}`,
          })
        seen.add(v.from)
        if (!v.source && !p.source) {
          out.push({
            code: 'PARAM_VALUE_UNSOURCED',
            ...at(pack, `${base}/values/${j}`),
            zh: `参数“${p.id}”自 ${v.from} 起的值 ${v.value} 没有来源：请写明所据条文 {"provision": 编号} 或确定它的机关决定 {"office", "reference"}`,
            en: `the value ${v.value} of parameter "${p.id}" from ${v.from} has no source: cite its provision or the office decision that set it`,
          })
        }
      }
      const first = p.values.map((v) => v.from).sort()[0]!
      if (first > pack.pack.effectiveFrom) {
        out.push({
          code: 'PARAM_NO_VALUE',
          ...at(pack, `${base}/values`),
          zh: `规则包自 ${pack.pack.effectiveFrom} 起施行，参数“${p.id}”的第一个值自 ${first} 起（${valuesText(p)}）：之前的评估没有值可用`,
          en: `the pack is in force from ${pack.pack.effectiveFrom} but parameter "${p.id}" has its first value from ${first}`,
        })
      }
    }
  }
  return out
}

/**
 * A notice template's deadline days (templates/NAME.json `deadline.days`): a parameter some pack declares, never a
 * bare number, since the law or an office sets the period; the parameters named are counted as used.
 */
function templateDaysProblems(
  templates: readonly TemplateDays[],
  declared: ReadonlyMap<string, unknown>,
  used: Set<string>,
): Problem[] {
  const out: Problem[] = []
  for (const { file, days } of templates) {
    if (typeof days === 'number')
      out.push({
        code: 'PARAM_BARE_NUMBER',
        ...inFile(file, '/deadline/days'),
        zh: `文书期限直接写了数 ${days}：法律或机关确定的期限应为参数，写作 {"param": 编号}，在规则包的 parameters 中声明名称、单位、来源和生效日期`,
        en: `the notice's deadline writes the number ${days} itself: a period the law or an office sets is a parameter, {"param": id}, declared in a pack's parameters`,
      })
    else if (isParamRef(days)) {
      used.add(days.param)
      if (!declared.has(days.param))
        out.push({
          code: 'PARAM_UNKNOWN',
          ...inFile(file, '/deadline/days/param'),
          zh: `文书期限引用的参数“${days.param}”不存在（没有规则包声明它）`,
          en: `the notice's deadline names parameter "${days.param}", which no pack declares`,
        })
    }
  }
  return out
}
