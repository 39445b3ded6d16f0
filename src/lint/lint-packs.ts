/** Lints a rules directory: schema, duplicate ids, unknown facts, missing citations, dangling references, overrides, deadlines, discretion bands, rules that can never fire, expired packs. */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { lintCalendar } from './lint-calendar.js'
import { lintCitationDates } from './lint-citations.js'
import { loadCatalog } from '../catalog/load-catalog.js'
import type { Problem } from '../errors/xingquan-error.js'
import { loadExamples } from '../examples/run-example.js'
import { inlineCitations, provisionsFor } from '../provisions/provision-library.js'
import { layersFor, loadPacks, type LoadedPack } from '../rules/rule-library.js'
import { mergeLayers } from '../rules/rule-set.js'
import { factCatalog } from './fact-catalog.js'
import { at } from './pack-location.js'
import { lintConditions } from './lint-conditions.js'
import { lintDeadlines } from './lint-deadlines.js'
import { lintDiscretion } from './lint-discretion.js'
import { lintExpiry } from './lint-expiry.js'
import { lintNeverFires } from './lint-never-fires.js'
import { lintParameters } from './lint-parameters.js'
import { overrideDetail } from './lint-overrides.js'
import { lintTemplates, templateDays } from './lint-templates.js'

export interface LintOptions {
  /** Today, for expiry warnings (YYYY-MM-DD). */
  readonly today: string
  /** Where notice templates live; a rule's `notice` must name one. */
  readonly templatesDir?: string
}

const cite = (p: LoadedPack) => `${p.pack.title}（${p.file}）`

function templateExists(dir: string | undefined, name: string): boolean {
  if (!dir || !existsSync(dir)) return false
  return readdirSync(dir).some((f) => f === `${name}.hbs` || f.startsWith(`${name}.`)) || existsSync(join(dir, name))
}

/**
 * Every problem of the rules under `dir`, errors and warnings; lint passes when none is an error.
 * @example const problems = lintRules('rules', { today: '2026-11-26', templatesDir: 'templates' })
 */
export function lintRules(dir: string, options: LintOptions): Problem[] {
  const { packs, problems } = loadPacks(dir)
  const out: Problem[] = [...problems]
  const facts = factCatalog()

  const packIds = new Map<string, LoadedPack>()
  for (const p of packs) {
    const twin = packIds.get(p.pack.id)
    if (twin)
      out.push({
        code: 'PACK_ID_DUPLICATE',
        ...at(p, '/id'),
        zh: `规则包编号“${p.pack.id}”与 ${twin.file} 重复`,
        en: `pack id "${p.pack.id}" is also used by ${twin.file}`,
      })
    packIds.set(p.pack.id, p)
    if (p.pack.effectiveUntil !== undefined && p.pack.effectiveUntil <= options.today) {
      out.push({
        code: 'PACK_EXPIRED',
        severity: 'warning',
        ...at(p, '/effectiveUntil'),
        zh: `规则包已于 ${p.pack.effectiveUntil} 失效，仍在规则目录中`,
        en: `pack expired on ${p.pack.effectiveUntil} and is still in use`,
      })
    }
    const inline = inlineCitations(p.pack)
    if (inline.length > 0) {
      out.push({
        code: 'CITATION_INLINE',
        severity: 'warning',
        ...at(p, inline[0]!),
        zh: `本包有 ${inline.length} 处依据仍写出条文原文而未引用条文编号：请运行 npx tsx scripts/migrate/cite-provisions.ts ${p.file}`,
        en: `${inline.length} citation(s) of this pack still write the text out instead of citing a provision id: run npx tsx scripts/migrate/cite-provisions.ts ${p.file}`,
      })
    }
    const ids = new Set<string>()
    const shared = p.pack.sharedConditions ?? {}
    for (const [name, c] of Object.entries(shared)) {
      if (!c) continue
      for (const f of lintConditions(c, `/sharedConditions/${name}`, facts, shared))
        out.push({ ...f, ...at(p, f.pointer) })
    }
    for (const [i, rule] of p.pack.rules.entries()) {
      if (ids.has(rule.id))
        out.push({
          code: 'RULE_ID_DUPLICATE',
          ...at(p, `/rules/${i}/id`),
          zh: `规则编号“${rule.id}”在本包中重复`,
          en: `rule id "${rule.id}" appears twice in this pack`,
        })
      ids.add(rule.id)
      if (!rule.citation.article.trim() || !rule.citation.document.trim()) {
        out.push({
          code: 'CITATION_MISSING',
          ...at(p, `/rules/${i}/citation`),
          zh: '规则未注明法律依据（文件和条）',
          en: 'the rule does not cite its document and article',
        })
      }
      for (const f of lintConditions(rule.conditions, `/rules/${i}/conditions`, facts, shared))
        out.push({ ...f, ...at(p, f.pointer) })
      if (rule.notice !== undefined && !templateExists(options.templatesDir, rule.notice)) {
        out.push({
          code: 'NOTICE_DANGLING',
          ...at(p, `/rules/${i}/notice`),
          zh: `文书模板“${rule.notice}”不存在`,
          en: `notice template "${rule.notice}" does not exist`,
        })
      }
      const from = rule.effectiveFrom ?? p.pack.effectiveFrom
      const until = rule.effectiveUntil ?? p.pack.effectiveUntil
      if (until !== undefined && from >= until) {
        out.push({
          code: 'RULE_NEVER_IN_FORCE',
          ...at(p, `/rules/${i}`),
          zh: `规则的生效日 ${from} 不早于失效日 ${until}，永远不会触发`,
          en: `the rule takes effect on ${from}, not before it ends on ${until}: it can never fire`,
        })
      }
    }
  }

  // layers: same id at the same level is an error; a lower layer replacing a higher one is shown
  const jurisdictions = [...new Set(packs.map((p) => p.pack.jurisdiction.code))]
  const reported = new Set<string>()
  for (const code of jurisdictions) {
    const layers = layersFor(packs, code)
    const { overrides, rules } = mergeLayers(layers)
    for (const o of overrides) {
      const key = `${o.upper.pack.file}|${o.lower.pack.file}|${o.ruleId}`
      if (reported.has(key)) continue
      reported.add(key)
      const i = o.lower.pack.pack.rules.indexOf(o.lower.rule)
      if (o.upper.pack.pack.jurisdiction.level === o.lower.pack.pack.jurisdiction.level) {
        out.push({
          code: 'RULE_ID_CONFLICT',
          ...at(o.lower.pack, `/rules/${i}/id`),
          zh: `规则“${o.ruleId}”在同一层级的 ${cite(o.upper.pack)} 中也有定义`,
          en: `rule "${o.ruleId}" is also defined at the same level in ${o.upper.pack.file}`,
        })
      } else {
        out.push({
          code: 'RULE_OVERRIDDEN',
          severity: 'info',
          ...at(o.lower.pack, `/rules/${i}/id`),
          zh: `${o.lower.pack.pack.jurisdiction.name}的规则“${o.ruleId}”替代了${o.upper.pack.pack.jurisdiction.name}的同名规则（${o.upper.pack.file}）${overrideDetail(o.upper.rule, o.lower.rule)}`,
          en: `${o.lower.pack.pack.jurisdiction.name} overrides rule "${o.ruleId}" of ${o.upper.pack.pack.jurisdiction.name} (${o.upper.pack.file})`,
        })
      }
    }
    const known = new Set(rules.map((r) => r.rule.id))
    for (const { rule, pack } of rules) {
      for (const [j, target] of (rule.appliesTo ?? []).entries()) {
        const key = `${pack.file}|${rule.id}|${target}`
        if (known.has(target) || reported.has(key)) continue
        reported.add(key)
        out.push({
          code: 'RULE_DANGLING',
          ...at(pack, `/rules/${pack.pack.rules.indexOf(rule)}/appliesTo/${j}`),
          zh: `适用对象规则“${target}”不存在`,
          en: `appliesTo names a rule that does not exist: "${target}"`,
        })
      }
    }
  }

  const { catalog, problems: catalogProblems } = loadCatalog(dir)
  out.push(
    ...catalogProblems,
    ...lintDeadlines(packs),
    ...lintNeverFires(packs),
    ...lintParameters(packs, options.templatesDir !== undefined ? templateDays(options.templatesDir) : []),
    ...lintCitationDates(packs, provisionsFor(dir).library),
    ...lintDiscretion(packs, catalog),
    ...lintExpiry(packs, options.today),
  )

  const all = new Set(packs.flatMap((p) => p.pack.rules.map((r) => r.id)))
  const { examples, problems: exampleProblems } = loadExamples(dir)
  out.push(...exampleProblems)
  for (const { file, example } of examples) {
    const named = [
      ...(example.expect.fires ?? []),
      ...(example.expect.silent ?? []),
      ...(example.expect.firesAt ?? []),
      ...(example.expect.silentAt ?? []),
    ]
    for (const id of named)
      if (!all.has(id))
        out.push({
          code: 'EXAMPLE_RULE_UNKNOWN',
          file,
          pointer: '/expect',
          zh: `样例提到了不存在的规则“${id}”`,
          en: `the example names a rule that does not exist: "${id}"`,
        })
  }

  if (options.templatesDir !== undefined)
    out.push(...lintTemplates({ templatesDir: options.templatesDir, packs, organsDir: join(dir, 'organs') }))

  const calendarDir = join(dir, 'calendar')
  if (existsSync(calendarDir)) out.push(...lintCalendar(calendarDir, options.today))
  return out
}
