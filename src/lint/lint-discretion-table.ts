/** Lints each discretion standard's table: gaps, overlaps and unreachable rows under its hit policy; a penalty despite a no-penalty ground, a required mitigation ignored; bands outside the statutory range or reversed; 从轻 above and 从重 below the 一般 band of their tier; 减轻 without a ground; kinds the law does not provide. */
import type { Problem } from '../errors/xingquan-error.js'
import { bindNumbers, isParamRef, valuesOn } from '../rules/parameters.js'
import { layersFor, type LoadedPack } from '../rules/rule-library.js'
import type { DiscretionBand, DiscretionRow, DiscretionStandard, DiscretionStep } from '../types/generated.js'
import { RELIEF_WORDS, combinations, matchingRows, type TableInputs } from '../discretion/discretion-table.js'
import { at } from './pack-location.js'

type Span = { from: number; to: number; unit: 'share' | 'yuan' }

/** A band as a span: a share of the statutory range, or yuan (a share too when the range is one fixed bracket). */
function span(band: DiscretionBand, standard: DiscretionStandard): Span | undefined {
  if (band.fineShare) return { from: band.fineShare.from, to: band.fineShare.to, unit: 'share' }
  if (!band.fine) return undefined
  const fixed = standard.statutory.brackets.length === 1 ? standard.statutory.brackets[0]?.fine : undefined
  if (!fixed) return { from: band.fine.min, to: band.fine.max, unit: 'yuan' }
  const width = fixed.max - fixed.min || 1
  return { from: (band.fine.min - fixed.min) / width, to: (band.fine.max - fixed.min) / width, unit: 'share' }
}

/**
 * Whether a span leaves the statutory range: past its maximum, or under its minimum where the band is not 减轻. A band in
 * yuan applies whatever the base, so it must fit every bracket; under a bracket that is a multiple of the base it
 * cannot (the range grows with the base), and is reported too.
 */
function outsideStatutory(
  s: Span,
  standard: DiscretionStandard,
  belowMinimum: boolean,
): 'range' | 'multiple' | undefined {
  if (s.unit === 'share') return s.to > 1 || (s.from < 0 && !belowMinimum) ? 'range' : undefined
  for (const b of standard.statutory.brackets) {
    if (!b.fine) return 'multiple'
    if (s.to > b.fine.max || (s.from < b.fine.min && !belowMinimum)) return 'range'
  }
  return undefined
}

const show = (n: number, unit: Span['unit']) => (unit === 'share' ? `${Math.round(n * 1000) / 10}%` : `${n} 元`)
const showSpan = (s: Span) => `${show(s.from, s.unit)}—${show(s.to, s.unit)}`
const LIGHTER: readonly DiscretionStep[] = ['reduced', 'lighter']
const only = (row: DiscretionRow, steps: readonly DiscretionStep[]) => row.levels.every((l) => steps.includes(l))

function inputsText(standard: DiscretionStandard, c: TableInputs): { zh: string; en: string } {
  const tier = standard.tiers.find((t) => t.id === c.tier)?.name ?? c.tier
  const relief = RELIEF_WORDS[c.relief]
  return {
    zh: `违法情节“${tier}”、${relief.zh}、${c.aggravation ? '有' : '无'}从重情节`,
    en: `tier ${c.tier}, ${relief.en}, ${c.aggravation ? 'with' : 'without'} a 从重 ground`,
  }
}

/** The row of a tier with no relief and no 从重 ground, when it is a 一般 row: the band the others are measured against. */
function generalRowOf(standard: DiscretionStandard, tier: string): { row: DiscretionRow; index: number } | undefined {
  const hits = matchingRows(standard, { tier, relief: 'none', aggravation: false })
  const index = hits[0]
  const row = index !== undefined ? standard.table.rows[index] : undefined
  return row?.band && row.levels.includes('general') ? { row, index: index! } : undefined
}

function lintCoverage(pack: LoadedPack, standard: DiscretionStandard, base: string): Problem[] {
  const out: Problem[] = []
  const rows = standard.table.rows
  const reached = new Set<number>()
  const overlaps = new Map<string, { a: number; b: number; first: TableInputs; count: number }>()
  const unlawful = new Map<string, { i: number; what: 'noPenalty' | 'mitigate' }>()
  for (const c of combinations(standard)) {
    const hits = matchingRows(standard, c)
    if (hits.length === 0) {
      const words = inputsText(standard, c)
      out.push({
        code: 'DISCRETION_TABLE_GAP',
        ...at(pack, `${base}/table/rows`),
        zh: `裁量基准“${standard.title}”的裁量表没有一行适用于：${words.zh}`,
        en: `standard ${standard.id}: no row of the table covers ${words.en}`,
      })
      continue
    }
    if (standard.table.hitPolicy === 'first') reached.add(hits[0]!)
    else for (const h of hits) reached.add(h)
    const hit = rows[hits[0]!]!
    if (c.relief === 'noPenalty' && !(hit.levels.length === 1 && hit.levels[0] === 'noPenalty'))
      unlawful.set(`${hits[0]}|noPenalty`, { i: hits[0]!, what: 'noPenalty' })
    if (c.relief === 'mitigate' && !hit.levels.some((l) => LIGHTER.includes(l)))
      unlawful.set(`${hits[0]}|mitigate`, { i: hits[0]!, what: 'mitigate' })
    if (standard.table.hitPolicy === 'unique' && hits.length > 1) {
      for (let i = 1; i < hits.length; i++) {
        const key = `${hits[0]}|${hits[i]}`
        const known = overlaps.get(key)
        if (known) known.count++
        else overlaps.set(key, { a: hits[0]!, b: hits[i]!, first: c, count: 1 })
      }
    }
  }
  for (const { a, b, first, count } of overlaps.values()) {
    const words = inputsText(standard, first)
    const more =
      count > 1 ? { zh: `等 ${count} 种情节组合`, en: ` and ${count - 1} more combinations` } : { zh: '', en: '' }
    out.push({
      code: 'DISCRETION_TABLE_OVERLAP',
      ...at(pack, `${base}/table/rows/${b}/when`),
      zh: `裁量基准“${standard.title}”的命中规则为 unique，第 ${a + 1} 行“${rows[a]!.id}”与第 ${b + 1} 行“${rows[b]!.id}”都适用于：${words.zh}${more.zh}`,
      en: `standard ${standard.id} (hit policy unique): rows "${rows[a]!.id}" and "${rows[b]!.id}" both cover ${words.en}${more.en}`,
    })
  }
  for (const { i, what } of unlawful.values()) {
    const row = rows[i]!
    out.push(
      what === 'noPenalty'
        ? {
            code: 'DISCRETION_PENALTY_DESPITE_NO_PENALTY_GROUND',
            ...at(pack, `${base}/table/rows/${i}/levels`),
            zh: `裁量表的行“${row.id}”适用于有不予处罚情节的案件，却给予处罚：有不予处罚情节的，只能不予处罚（行政处罚法 第三十条、第三十一条、第三十三条）`,
            en: `row "${row.id}" applies to cases with a no-penalty ground but gives a penalty`,
          }
        : {
            code: 'DISCRETION_MITIGATION_IGNORED',
            ...at(pack, `${base}/table/rows/${i}/levels`),
            zh: `裁量表的行“${row.id}”适用于有应当从轻或者减轻情节的案件，其裁量阶次却既非从轻也非减轻（行政处罚法 第三十二条）`,
            en: `row "${row.id}" applies to cases with a ground that requires 从轻/减轻 but is neither`,
          },
    )
  }
  for (const [i, row] of rows.entries()) {
    if (reached.has(i)) continue
    out.push({
      code: 'DISCRETION_ROW_UNREACHABLE',
      severity: 'warning',
      ...at(pack, `${base}/table/rows/${i}/when`),
      zh: `裁量表第 ${i + 1} 行“${row.id}”永远不会适用${standard.table.hitPolicy === 'first' ? '（其情节组合都已由上面的行适用）' : '（没有与之相符的情节组合）'}`,
      en: `row "${row.id}" of ${standard.id} never applies`,
    })
  }
  return out
}

function lintRow(pack: LoadedPack, standard: DiscretionStandard, row: DiscretionRow, pointer: string): Problem[] {
  const out: Problem[] = []
  const tiers = new Set(standard.tiers.map((t) => t.id))
  for (const [k, t] of (row.when.tier ?? []).entries()) {
    if (!tiers.has(t))
      out.push({
        code: 'DISCRETION_TIER_UNKNOWN',
        ...at(pack, `${pointer}/when/tier/${k}`),
        zh: `裁量表的行“${row.id}”提到的违法情节“${t}”不在本基准的分档中`,
        en: `row "${row.id}" names tier "${t}", which the standard does not declare`,
      })
  }
  if (
    row.levels.includes('reduced') &&
    (row.when.relief === undefined || row.when.relief.some((r) => r !== 'mitigate' && r !== 'mayMitigate'))
  ) {
    out.push({
      code: 'DISCRETION_REDUCED_WITHOUT_GROUND',
      ...at(pack, `${pointer}/levels`),
      zh: `裁量表的行“${row.id}”允许减轻处罚，但其情节不限于应当或者可以从轻、减轻的情节（行政处罚法 第三十条至第三十二条）`,
      en: `row "${row.id}" allows 减轻 without limiting itself to grounds that require or allow it`,
    })
  }
  const band = row.band
  if (!band) return out
  for (const k of new Set([...band.kinds, ...(band.requiredKinds ?? [])])) {
    if (!standard.statutory.kinds.includes(k))
      out.push({
        code: 'DISCRETION_KIND_NOT_STATUTORY',
        ...at(pack, `${pointer}/band/kinds`),
        zh: `裁量表的行“${row.id}”的处罚种类 ${k} 不是法定种类`,
        en: `row "${row.id}" allows ${k}, which the law does not provide`,
      })
  }
  const s = span(band, standard)
  if (s && s.from > s.to)
    out.push({
      code: 'DISCRETION_BAND_REVERSED',
      ...at(pack, `${pointer}/band`),
      zh: `裁量表的行“${row.id}”的下限大于上限`,
      en: `the band of row "${row.id}" starts above its end`,
    })
  const outside = s ? outsideStatutory(s, standard, band.belowMinimum === true) : undefined
  if (s && outside) {
    const why =
      outside === 'multiple'
        ? {
            zh: '：法定罚款为计罚基数的倍数时，档次须以比例（fineShare）表示',
            en: ': where the fine is a multiple of the base, give the band as a share',
          }
        : { zh: '', en: '' }
    out.push({
      code: 'DISCRETION_BAND_OUTSIDE_RANGE',
      ...at(pack, `${pointer}/band`),
      zh: `裁量表的行“${row.id}”的档次（${showSpan(s)}）超出法定幅度${why.zh}`,
      en: `the band of row "${row.id}" (${showSpan(s)}) lies outside the statutory range${why.en}`,
    })
  } else if (band.belowMinimum === true && !row.levels.includes('reduced')) {
    out.push({
      code: 'DISCRETION_BAND_OUTSIDE_RANGE',
      ...at(pack, `${pointer}/band/belowMinimum`),
      zh: `裁量表的行“${row.id}”允许低于法定最低额，而其裁量阶次不含减轻：低于最低额只能是减轻处罚`,
      en: `row "${row.id}" goes below the statutory minimum without being 减轻`,
    })
  }
  return out
}

/**
 * 从轻 rows against the 一般 band of each tier they cover, and 从重 rows likewise (issue 14: below / not below its
 * middle). A row that may be 从轻 (and not 从重) must not reach above the 一般 band; one that is only 从轻 must also start no
 * higher and, as a warning, stay below its middle. 从重 mirrors it.
 */
function lintAgainstGeneral(
  pack: LoadedPack,
  standard: DiscretionStandard,
  row: DiscretionRow,
  pointer: string,
): Problem[] {
  const out: Problem[] = []
  const mayLighter = row.levels.some((l) => LIGHTER.includes(l)) && !row.levels.includes('heavier')
  const mayHeavier = row.levels.includes('heavier') && !row.levels.some((l) => LIGHTER.includes(l))
  const lighter = only(row, LIGHTER)
  const heavier = only(row, ['heavier'])
  if ((!mayLighter && !mayHeavier) || !row.band) return out
  const s = span(row.band, standard)
  if (!s) return out
  for (const tier of row.when.tier ?? standard.tiers.map((t) => t.id)) {
    const general = generalRowOf(standard, tier)
    const g = general?.row.band ? span(general.row.band, standard) : undefined
    if (!general || general.row === row || !g || g.unit !== s.unit) continue
    const middle = (g.from + g.to) / 2
    const name = standard.tiers.find((t) => t.id === tier)?.name ?? tier
    const where = { ...at(pack, `${pointer}/band`) }
    if (mayLighter && (s.to > g.to || (lighter && s.from > g.from))) {
      out.push({
        code: 'DISCRETION_LIGHTER_ABOVE_GENERAL',
        ...where,
        zh: `裁量表的行“${row.id}”可以从轻（${showSpan(s)}），却高于违法情节“${name}”的一般档（${showSpan(g)}）`,
        en: `row "${row.id}" (从轻, ${showSpan(s)}) lies above the 一般 band of tier ${tier} (${showSpan(g)})`,
      })
    } else if (lighter && s.to > middle + 1e-9) {
      out.push({
        code: 'DISCRETION_LIGHTER_ABOVE_MIDDLE',
        severity: 'warning',
        ...where,
        zh: `裁量表的行“${row.id}”是从轻档，上限 ${show(s.to, s.unit)} 高于违法情节“${name}”一般档的中点 ${show(middle, s.unit)}：从轻应在本档中点以下`,
        en: `row "${row.id}" (从轻) reaches above the middle of tier ${tier}'s 一般 band (${show(middle, s.unit)})`,
      })
    }
    if (mayHeavier && (s.from < g.from || (heavier && s.to < g.to))) {
      out.push({
        code: 'DISCRETION_HEAVIER_BELOW_GENERAL',
        ...where,
        zh: `裁量表的行“${row.id}”从重（${showSpan(s)}），却低于违法情节“${name}”的一般档（${showSpan(g)}）`,
        en: `row "${row.id}" (从重, ${showSpan(s)}) lies below the 一般 band of tier ${tier} (${showSpan(g)})`,
      })
    } else if (heavier && s.from < middle - 1e-9) {
      out.push({
        code: 'DISCRETION_HEAVIER_BELOW_MIDDLE',
        severity: 'warning',
        ...where,
        zh: `裁量表的行“${row.id}”是从重档，下限 ${show(s.from, s.unit)} 低于违法情节“${name}”一般档的中点 ${show(middle, s.unit)}：从重应不低于本档中点`,
        en: `row "${row.id}" (从重) starts below the middle of tier ${tier}'s 一般 band (${show(middle, s.unit)})`,
      })
    }
  }
  return out
}

/** The 一般 bands of different tiers overlapping: one fine would belong to two tiers. */
function lintTierOverlap(pack: LoadedPack, standard: DiscretionStandard, base: string): Problem[] {
  const out: Problem[] = []
  const generals = standard.tiers.map((t) => ({ tier: t, general: generalRowOf(standard, t.id) }))
  for (const [a, ga] of generals.entries()) {
    for (const gb of generals.slice(a + 1)) {
      if (!ga.general || !gb.general || ga.general.index === gb.general.index) continue
      const [sa, sb] = [span(ga.general.row.band!, standard), span(gb.general.row.band!, standard)]
      if (!sa || !sb || sa.unit !== sb.unit) continue
      const from = Math.max(sa.from, sb.from)
      const to = Math.min(sa.to, sb.to)
      if (from < to) {
        out.push({
          code: 'DISCRETION_BANDS_OVERLAP',
          severity: 'warning',
          ...at(pack, `${base}/table/rows/${gb.general.index}/band`),
          zh: `裁量基准“${standard.title}”的“${ga.tier.name}”档与“${gb.tier.name}”档的一般档次重叠（${show(from, sa.unit)}—${show(to, sa.unit)}），同一罚款额对应两个档次`,
          en: `standard ${standard.id}: the 一般 bands of tiers "${ga.tier.id}" and "${gb.tier.id}" overlap (${show(from, sa.unit)}–${show(to, sa.unit)})`,
        })
      }
    }
  }
  return out
}

/**
 * Every problem of one standard's table.
 * @example lintDiscretionTable(pack, pack.pack.discretionStandards![0]!, 0).filter((p) => p.code === 'DISCRETION_TABLE_GAP')
 */
export function lintDiscretionTable(pack: LoadedPack, standard: DiscretionStandard, i: number): Problem[] {
  const base = `/discretionStandards/${i}`
  const out: Problem[] = []
  const tierIds = new Set<string>()
  for (const [j, t] of standard.tiers.entries()) {
    if (tierIds.has(t.id))
      out.push({
        code: 'DISCRETION_TIER_DUPLICATE',
        ...at(pack, `${base}/tiers/${j}/id`),
        zh: `违法情节分档“${t.id}”重复`,
        en: `tier "${t.id}" appears twice`,
      })
    tierIds.add(t.id)
  }
  const rowIds = new Set<string>()
  for (const [j, row] of standard.table.rows.entries()) {
    const pointer = `${base}/table/rows/${j}`
    if (rowIds.has(row.id))
      out.push({
        code: 'DISCRETION_ROW_DUPLICATE',
        ...at(pack, `${pointer}/id`),
        zh: `裁量表的行编号“${row.id}”重复`,
        en: `row id "${row.id}" appears twice`,
      })
    rowIds.add(row.id)
    out.push(...lintRow(pack, standard, row, pointer), ...lintAgainstGeneral(pack, standard, row, pointer))
  }
  out.push(...lintCoverage(pack, standard, base), ...lintTierOverlap(pack, standard, base))
  return out
}

/** The parameters a standard's statutory range names. */
function paramsNamed(node: unknown, out = new Set<string>()): Set<string> {
  if (isParamRef(node)) out.add(node.param)
  else if (node !== null && typeof node === 'object') for (const v of Object.values(node)) paramsNamed(v, out)
  return out
}

/**
 * The days on which a standard's statutory range can change: its start (the later of the pack's and the standard's),
 * and each later day a value of a parameter it names starts, up to the standard's end.
 */
function rangeDays(pack: LoadedPack, standard: DiscretionStandard, layers: readonly LoadedPack[]): string[] {
  const start = [pack.pack.effectiveFrom, standard.effectiveFrom].filter((d): d is string => d !== undefined).sort()
  const first = start[start.length - 1]!
  const until = standard.effectiveUntil ?? pack.pack.effectiveUntil
  const named = paramsNamed(standard.statutory)
  const days = new Set([first])
  for (const p of layers)
    for (const parameter of p.pack.parameters ?? [])
      if (named.has(parameter.id))
        for (const v of parameter.values)
          if (v.from > first && (until === undefined || v.from < until)) days.add(v.from)
  return [...days].sort()
}

/**
 * The table problems of every standard of these packs. A table is linted against the statutory range bound to the
 * values in force at the standard's start and on each later day a value of its range's parameters starts (a fine
 * maximum lowered from a day can put a row outside the law from that day); a problem found first on a later day says
 * so. A range whose parameters have no value on a day is not linted for that day (lint-parameters reports it).
 * @example lintDiscretionTables(packs).filter((p) => (p.severity ?? 'error') === 'error')
 */
export function lintDiscretionTables(packs: readonly LoadedPack[]): Problem[] {
  return packs.flatMap((pack) => {
    const layers = layersFor(packs, pack.pack.jurisdiction.code)
    return (pack.pack.discretionStandards ?? []).flatMap((s, i) => {
      const out: Problem[] = []
      const seen = new Set<string>()
      for (const [k, day] of rangeDays(pack, s, layers).entries()) {
        let statutory: DiscretionStandard['statutory']
        try {
          statutory = bindNumbers(s.statutory, valuesOn(layers, day).values, day)
        } catch {
          continue
        }
        for (const p of lintDiscretionTable(pack, statutory === s.statutory ? s : { ...s, statutory }, i)) {
          const key = `${p.code}|${p.pointer}`
          if (seen.has(key)) continue
          seen.add(key)
          out.push(
            k === 0
              ? p
              : {
                  ...p,
                  zh: `${p.zh}（自 ${day} 起的法定幅度）`,
                  en: `${p.en} (under the statutory range from ${day})`,
                },
          )
        }
      }
      return out
    })
  })
}
