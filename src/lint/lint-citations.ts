/** Warns where a rule applies on days its cited provision is not in force (a province rule citing a lapsed 阿坝州 article). */
import type { Problem } from '../errors/xingquan-error.js'
import type { ProvisionLibrary } from '../provisions/provision-library.js'
import { shortDocument } from '../rules/describe-change.js'
import type { LoadedPack } from '../rules/rule-library.js'
import type { Citation } from '../types/generated.js'
import { at } from './pack-location.js'

interface Cited {
  readonly citation: Citation
  readonly pointer: string
  readonly from: string
  readonly until: string | undefined
}

/** The citations of a pack's rules (citation and alsoCites), each with the period its rule applies. */
function citedByRules(pack: LoadedPack): Cited[] {
  return pack.pack.rules.flatMap((r, i) => {
    const from = r.effectiveFrom ?? pack.pack.effectiveFrom
    const until = r.effectiveUntil ?? pack.pack.effectiveUntil
    return [
      { citation: r.citation, pointer: `/rules/${i}/citation`, from, until },
      ...(r.alsoCites ?? []).map((c, j) => ({ citation: c, pointer: `/rules/${i}/alsoCites/${j}`, from, until })),
    ]
  })
}

/**
 * CITATION_NOT_IN_FORCE (a warning): a rule applies before its provision takes effect or after it lapses.
 * @example lintCitationDates(packs, library).map((p) => p.pointer)
 */
export function lintCitationDates(packs: readonly LoadedPack[], library: ProvisionLibrary): Problem[] {
  const out: Problem[] = []
  for (const pack of packs) {
    for (const c of citedByRules(pack)) {
      const p = c.citation.provision === undefined ? undefined : library.byId.get(c.citation.provision)
      if (!p) continue
      const early = p.from > c.from
      const late = p.until !== undefined && (c.until === undefined || p.until < c.until)
      if (!early && !late) continue
      const span = `${p.from} 至 ${p.until ?? '今'}`
      out.push({
        code: 'CITATION_NOT_IN_FORCE',
        severity: 'warning',
        ...at(pack, c.pointer),
        zh: `规则自 ${c.from} 起${c.until ? `至 ${c.until}` : ''}适用，所引条文 ${p.id}（${shortDocument(p.document)} ${p.label}）施行于 ${span}：其余日子的认定引用的是不在施行中的条文，请法制部门确认依据`,
        en: `the rule applies from ${c.from}${c.until ? ` to ${c.until}` : ''} but provision ${p.id} is in force ${p.from} to ${p.until ?? 'now'}: on the other days it cites a provision not in force`,
      })
    }
  }
  return out
}
