/** The rules as legal staff browse them: layers, documents, articles with their text and what encodes each, overrides, lapses. */
import type { Environment } from '../evaluation/evaluation.js'
import { lintExpiry } from '../lint/lint-expiry.js'
import { overrideDetail } from '../lint/lint-overrides.js'
import type { LoadedPack } from '../rules/rule-library.js'
import { jurisdictionPrefix } from '../utils/jurisdiction-code.js'
import type { Rule } from '../types/generated.js'

/** Something in a pack that encodes an article: a rule, a deadline policy entry, a discretion standard… */
export interface Encoding {
  readonly kind: 'rule' | 'deadline' | 'discretion' | 'parameter' | 'other'
  readonly packId: string
  readonly pointer: string
  readonly id: string
  readonly title: string
  readonly level?: string
}

export interface Article {
  readonly article: string
  readonly items: readonly { readonly item: string; readonly text: string; readonly encodedBy: readonly Encoding[] }[]
}

export interface BrowsedDocument {
  readonly title: string
  readonly issuer: string | null
  readonly issuedOn: string | null
  readonly effectiveFrom: string
  readonly effectiveUntil: string | null
  readonly lapsed: boolean
  /** What stopped applying when it lapsed and what applies instead, in words. */
  readonly lapse: { readonly zh: string; readonly en: string } | null
  readonly packs: readonly { readonly id: string; readonly version: string; readonly title: string }[]
  readonly articles: readonly Article[]
}

export interface Layer {
  readonly code: string
  readonly name: string
  readonly level: string
  readonly documents: readonly BrowsedDocument[]
}

export interface Override {
  readonly ruleId: string
  readonly upper: { readonly packId: string; readonly layer: string; readonly rule: Rule }
  readonly lower: { readonly packId: string; readonly layer: string; readonly rule: Rule }
  readonly detail: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const LEVELS = ['national', 'province', 'prefecture', 'county']
const NUMERALS = '〇一二三四五六七八九'

/** 第十条 → 10, 第二十一条 → 21, for ordering articles as the document does. */
export function articleNumber(article: string): number {
  const m = /第([〇一二三四五六七八九十百]+)条/.exec(article)
  if (!m) return Number.MAX_SAFE_INTEGER
  let total = 0
  let current = 0
  for (const ch of m[1]!) {
    if (ch === '百') {
      total += (current || 1) * 100
      current = 0
    } else if (ch === '十') {
      total += (current || 1) * 10
      current = 0
    } else current = NUMERALS.indexOf(ch)
  }
  return total + current
}

/** Every citation in a pack with the pointer of what carries it. */
function citations(pack: LoadedPack): { pointer: string; citation: Obj; owner: Obj }[] {
  const out: { pointer: string; citation: Obj; owner: Obj }[] = []
  const walk = (v: unknown, pointer: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${pointer}/${i}`)
    } else if (isObj(v)) {
      if (isObj(v.citation) && typeof v.citation.article === 'string')
        out.push({ pointer, citation: v.citation, owner: v })
      for (const [k, x] of Object.entries(v)) if (k !== 'citation' && k !== 'conditions') walk(x, `${pointer}/${k}`)
    }
  }
  walk(pack.pack, '')
  return out
}

function encodingOf(pack: LoadedPack, pointer: string, owner: Obj): Encoding {
  const kind: Encoding['kind'] = pointer.startsWith('/rules/')
    ? 'rule'
    : pointer.startsWith('/deadlinePolicy')
      ? 'deadline'
      : pointer.startsWith('/discretionStandards')
        ? 'discretion'
        : pointer.startsWith('/parameters')
          ? 'parameter'
          : 'other'
  const id = typeof owner.id === 'string' ? owner.id : pointer.split('/').filter(Boolean).slice(-2).join('.')
  const title = String(owner.title ?? owner.label ?? owner.name ?? owner.note ?? id)
  return {
    kind,
    packId: pack.pack.id,
    pointer,
    id,
    title,
    ...(typeof owner.level === 'string' ? { level: owner.level } : {}),
  }
}

/**
 * The layers with their documents and articles, as of `today`: live coverage, lapses with what applies instead.
 * @example browseRules(rt.env(), '2026-12-01').layers[1].name // '四川省'
 */
export function browseRules(env: Environment, today: string): { layers: Layer[]; overrides: Override[] } {
  const lapses = new Map(lintExpiry(env.packs, today).map((p) => [p.file, p]))
  const byLayer = new Map<string, { code: string; name: string; level: string; docs: Map<string, LoadedPack[]> }>()
  for (const p of env.packs) {
    const j = p.pack.jurisdiction
    const layer = byLayer.get(j.code) ?? { code: j.code, name: j.name, level: j.level, docs: new Map() }
    const title = p.pack.issuingDocument?.title ?? p.pack.title
    layer.docs.set(title, [...(layer.docs.get(title) ?? []), p])
    byLayer.set(j.code, layer)
  }
  const layers = [...byLayer.values()]
    .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.code.localeCompare(b.code))
    .map((l) => ({
      code: l.code,
      name: l.name,
      level: l.level,
      documents: [...l.docs.entries()].map(([title, packs]) => documentOf(title, packs, today, lapses)),
    }))
  return { layers, overrides: overridesOf(env.packs) }
}

function documentOf(
  title: string,
  packs: LoadedPack[],
  today: string,
  lapses: Map<string | undefined, { zh: string; en: string }>,
): BrowsedDocument {
  const articles = new Map<string, Map<string, { text: string; encodedBy: Encoding[] }>>()
  for (const pack of packs) {
    for (const { pointer, citation, owner } of citations(pack)) {
      if (typeof citation.document === 'string' && citation.document !== title) continue // cites another document
      const items = articles.get(String(citation.article)) ?? new Map()
      const key = String(citation.item ?? '')
      const entry = items.get(key) ?? { text: '', encodedBy: [] }
      if (typeof citation.text === 'string' && citation.text.length > entry.text.length) entry.text = citation.text
      entry.encodedBy.push(encodingOf(pack, pointer, owner))
      items.set(key, entry)
      articles.set(String(citation.article), items)
    }
  }
  const first = packs[0]!.pack
  const until = packs.map((p) => p.pack.effectiveUntil).find((u) => u !== undefined) ?? null
  const lapsed = until !== null && until <= today
  const lapse = packs.map((p) => lapses.get(p.file)).filter((x) => x !== undefined)
  return {
    title,
    issuer: first.issuingDocument?.issuer ?? null,
    issuedOn: first.issuingDocument?.issuedOn ?? null,
    effectiveFrom: packs.map((p) => p.pack.effectiveFrom).sort()[0]!,
    effectiveUntil: until,
    lapsed,
    lapse: lapse.length > 0 ? { zh: lapse.map((x) => x.zh).join('\n'), en: lapse.map((x) => x.en).join('\n') } : null,
    packs: packs.map((p) => ({ id: p.pack.id, version: p.version, title: p.pack.title })),
    articles: [...articles.entries()]
      .sort(([a], [b]) => articleNumber(a) - articleNumber(b))
      .map(([article, items]) => ({
        article,
        items: [...items.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([item, v]) => ({ item, ...v })),
      })),
  }
}

/** Rules of a lower layer with the id of an upper layer's rule: side by side, with what changes. */
function overridesOf(packs: readonly LoadedPack[]): Override[] {
  const out: Override[] = []
  const level = (p: LoadedPack) => LEVELS.indexOf(p.pack.jurisdiction.level)
  for (const lower of packs) {
    for (const upper of packs) {
      if (
        level(upper) >= level(lower) ||
        !lower.pack.jurisdiction.code.startsWith(jurisdictionPrefix(upper.pack.jurisdiction.code))
      )
        continue
      for (const rule of lower.pack.rules) {
        const above = upper.pack.rules.find((r) => r.id === rule.id)
        if (above) {
          out.push({
            ruleId: rule.id,
            upper: { packId: upper.pack.id, layer: upper.pack.jurisdiction.name, rule: above },
            lower: { packId: lower.pack.id, layer: lower.pack.jurisdiction.name, rule },
            detail: overrideDetail(above, rule),
          })
        }
      }
    }
  }
  return out
}
