/** Lints the notice templates, their descriptions and the issuing organs, and checks every rule that names a notice against it. */
import { existsSync } from 'node:fs'
import type { Problem } from '../errors/xingquan-error.js'
import { loadOrgans } from '../notices/organs.js'
import { checkTemplate, parseTemplate } from '../notices/template-check.js'
import { loadTemplateLibrary } from '../notices/template-library.js'
import type { LoadedPack } from '../rules/rule-library.js'
import type { Rule, TopLevelCondition } from '../types/generated.js'
import { at } from './pack-location.js'

export interface TemplateLintOptions {
  readonly templatesDir: string
  /** The packs whose rules name notices. */
  readonly packs: readonly LoadedPack[]
  /** Where the issuing organs are declared; skipped when absent. */
  readonly organsDir?: string
}

/** The event types a rule is limited to by a top-level eventType condition; undefined = any event. */
function eventTypesOf(conditions: TopLevelCondition): readonly string[] | undefined {
  if (!('all' in conditions)) return undefined
  for (const c of conditions.all) {
    if (!('fact' in c) || c.fact !== 'eventType' || c.path !== undefined) continue
    if (c.operator === 'equal' && typeof c.value === 'string') return [c.value]
    if (c.operator === 'in' && Array.isArray(c.value) && c.value.every((v) => typeof v === 'string'))
      return c.value as string[]
  }
  return undefined
}

/** Whether the rule gives a value at `path` (`citation.text`, `alsoCites[].text`, `params.band`); `[]` = every element. */
function provides(value: unknown, path: readonly string[]): boolean {
  if (path.length === 0)
    return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
  const [head = '', ...rest] = path
  if (head.endsWith('[]')) {
    const list = (value as Record<string, unknown> | undefined)?.[head.slice(0, -2)]
    return list === undefined || (Array.isArray(list) && list.every((item) => provides(item, rest)))
  }
  if (!value || typeof value !== 'object') return false
  return provides((value as Record<string, unknown>)[head], rest)
}

/**
 * Every problem of the templates and organs, and of the rules that name a notice: an unknown helper, a missing
 * partial, unescaped output, a field the notice data lacks or may lack, a description that does not validate,
 * a rule that does not give what its notice needs (the quoted text of its article, a param, the event).
 * @example const problems = lintTemplates({ templatesDir: 'templates', packs, organsDir: 'rules/organs' })
 */
export function lintTemplates(options: TemplateLintOptions): Problem[] {
  const out: Problem[] = []
  const { library, problems } = loadTemplateLibrary(options.templatesDir)
  out.push(...problems)
  if (options.organsDir && existsSync(options.organsDir)) out.push(...loadOrgans(options.organsDir).problems)

  for (const partial of library.partials.values()) {
    const r = parseTemplate(partial)
    if ('problem' in r) out.push(r.problem)
  }
  if (library.page) {
    const r = parseTemplate(library.page)
    if ('problem' in r) out.push(r.problem)
  }

  const needs = new Map<string, ReadonlySet<string>>()
  for (const template of library.templates.values()) {
    const check = checkTemplate(template, library.partials)
    out.push(...check.problems)
    needs.set(template.name, check.firingNeeds)
  }

  for (const pack of options.packs) {
    for (const [i, rule] of pack.pack.rules.entries()) {
      if (rule.notice === undefined) continue
      const template = library.templates.get(rule.notice)
      if (!template) continue // NOTICE_DANGLING is reported by lintRules
      out.push(
        ...ruleAgainstTemplate(
          pack,
          i,
          rule,
          template.meta.firingKinds,
          template.meta.eventTypes,
          needs.get(rule.notice) ?? new Set(),
          template.name,
        ),
      )
    }
  }
  return out
}

/** A notice template's deadline days as written (`deadline.days`: a number or `{ "param": id }`), for lintParameters. */
export interface TemplateDays {
  readonly file: string
  readonly days: unknown
}

/** The deadline days of every template that states a deadline. */
export function templateDays(templatesDir: string): TemplateDays[] {
  return [...loadTemplateLibrary(templatesDir).library.templates.values()].flatMap((t) =>
    t.meta.deadline ? [{ file: t.metaFile, days: t.meta.deadline.days }] : [],
  )
}

function ruleAgainstTemplate(
  pack: LoadedPack,
  i: number,
  rule: Rule,
  kinds: readonly string[] | undefined,
  eventTypes: readonly string[] | undefined,
  needs: ReadonlySet<string>,
  name: string,
): Problem[] {
  const out: Problem[] = []
  const where = at(pack, `/rules/${i}/notice`)
  if (kinds && !kinds.includes(rule.kind)) {
    out.push({
      code: 'NOTICE_KIND_MISMATCH',
      ...where,
      zh: `规则“${rule.id}”（${rule.kind}）不能使用文书“${name}”，该文书只用于：${kinds.join('、')}`,
      en: `rule "${rule.id}" (${rule.kind}) may not use notice "${name}", which is for: ${kinds.join(', ')}`,
    })
  }
  if (eventTypes) {
    const ruleTypes = eventTypesOf(rule.conditions)
    if (!ruleTypes || ruleTypes.some((t) => !eventTypes.includes(t))) {
      out.push({
        code: 'NOTICE_EVENT_MISMATCH',
        ...where,
        zh: `文书“${name}”需要 ${eventTypes.join('、')} 事件中的内容，但规则“${rule.id}”${ruleTypes ? `也在 ${ruleTypes.filter((t) => !eventTypes.includes(t)).join('、')} 事件上触发` : '没有用 eventType 条件限定触发事件'}`,
        en: `notice "${name}" needs what a ${eventTypes.join('/')} event carries, but rule "${rule.id}" ${ruleTypes ? `also fires on ${ruleTypes.filter((t) => !eventTypes.includes(t)).join(', ')}` : 'is not limited by an eventType condition'}`,
      })
    }
  }
  for (const need of [...needs].sort()) {
    if (provides(rule, need.split('.'))) continue
    const hint = need.endsWith('.text')
      ? '（条文原文 text，文书要引用）'
      : need.startsWith('params.')
        ? '（规则的 params）'
        : ''
    out.push({
      code: 'NOTICE_FIELD_MISSING',
      ...at(pack, `/rules/${i}`),
      zh: `文书“${name}”需要规则“${rule.id}”提供 ${need}${hint}，该规则没有提供；文书会缺少这一内容`,
      en: `notice "${name}" needs ${need} from rule "${rule.id}", which does not give it`,
    })
  }
  return out
}
