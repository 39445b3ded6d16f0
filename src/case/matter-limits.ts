/** Resolves the limits that govern a case or a matter on the day it opens: the header's for a case, the rule pack's for a matter. */
import type { CaseHeader, Citation, DeadlinePolicy, ExtensionPolicy, MatterHeader, MatterType } from '../types/generated.js'
import type { ResolvedLimit, ResolvedLimits } from './case-state.js'

export type MatterPolicies = NonNullable<DeadlinePolicy['matters']>

/** A matter whose limit is set by its own order (限期整改), never by a rule pack: it must give one. */
const ORDERED: ReadonlySet<MatterType> = new Set(['rectification'])

const cite = (c: Citation) => `${c.document} ${c.article}${c.item ?? ''}`

/**
 * True for the header of a matter (督办, 举报, ...), false for a case's.
 * @example isMatterHeader(event.case) // true when event.case.matterType is 'supervision'
 */
export const isMatterHeader = (h: CaseHeader | MatterHeader): h is MatterHeader => 'matterType' in h && h.matterType !== undefined

/**
 * The first day on or after `openedOn` whose month and day are `monthDay` (MM-DD): 年度报告 by 1月31日.
 * @example dueOnOrAfter('2017-12-31', '01-31') // '2018-01-31'
 */
export function dueOnOrAfter(openedOn: string, monthDay: string): string {
  const year = Number(openedOn.slice(0, 4))
  const same = `${year}-${monthDay}`
  return same >= openedOn ? same : `${year + 1}-${monthDay}`
}

/**
 * The limits of a case or matter, or why it cannot open. A matter type for which no pack in force declares a
 * limit runs without one (limitSource `none`): a report received after the 阿坝州办法 lapsed is still recorded.
 * @example resolveLimits(header, '2018-03-01', policy.matters) // { limits: { statutory: { days: 20, unit: 'working' }, ... } }
 */
export function resolveLimits(
  header: CaseHeader | MatterHeader,
  openedOn: string,
  matters: MatterPolicies | undefined,
): { limits: ResolvedLimits } | { refusal: { code: string; zh: string; en: string } } {
  if (!isMatterHeader(header)) return { limits: { statutory: header.statutoryLimit, promised: header.promisedLimit, source: 'header' } }
  const type = header.matterType
  const declared = type === 'case' ? undefined : matters?.[type]
  if (declared) {
    if (header.statutoryLimit) {
      return { refusal: { code: 'MATTER_LIMIT_BY_LAW', zh: `该类事项的时限由 ${cite(declared.citation)} 规定，事项信息中不得另填时限`, en: `the limit of a ${type} matter is set by ${cite(declared.citation)}; the header must not give one` } }
    }
    const limit: ResolvedLimit = declared.limit ? { days: declared.limit.days, unit: declared.limit.unit } : { dueDate: dueOnOrAfter(openedOn, declared.dueMonthDay!) }
    return { limits: { statutory: limit, promised: limit, source: cite(declared.citation) } }
  }
  if (header.statutoryLimit) return { limits: { statutory: header.statutoryLimit, promised: header.statutoryLimit, source: 'header' } }
  if (ORDERED.has(type)) {
    return { refusal: { code: 'MATTER_LIMIT_MISSING', zh: '整改事项须填写整改通知规定的限期（statutoryLimit）', en: 'a rectification matter must give the deadline its order set (statutoryLimit)' } }
  }
  // no limit in force (a patrol log, an oversight visit, or a matter whose law has lapsed): recorded, never overdue
  return { limits: { statutory: NO_LIMIT, promised: NO_LIMIT, source: 'none' } }
}

const NO_LIMIT: ResolvedLimit = { none: true }

/**
 * The extension policy that applies to a case or a matter: the pack's general one for a case, the matter type's own otherwise.
 * @example extensionFor('supervision', policy) // { maxWorkingDays: 10, maxCount: 1, citation: 电子监察办法 第九条 }
 */
export function extensionFor(matterType: MatterType, policy: { extension?: ExtensionPolicy; matters?: MatterPolicies }): ExtensionPolicy | undefined {
  return matterType === 'case' ? policy.extension : policy.matters?.[matterType]?.extension
}

/**
 * The full header the rest of the engine reads, for a matter: its own fields, the resolved limit written out, no steps.
 * @example headerOf(matterHeader, limits)
 */
export function headerOf(header: CaseHeader | MatterHeader, limits: ResolvedLimits, openedOn: string, daysTo: (from: string, to: string) => number): CaseHeader {
  if (!isMatterHeader(header)) return header
  const asLimit = (l: ResolvedLimit) => ('dueDate' in l ? { days: daysTo(openedOn, l.dueDate), unit: 'calendar' as const } : 'none' in l ? { days: 0, unit: 'calendar' as const } : l)
  const { matterType: _type, departmentKind: _kind, period: _period, relatedCaseIds: _related, statutoryLimit: _limit, ...common } = header
  // a matter has no internal steps: the schema's "at least one step" holds for cases only
  return { ...common, statutoryLimit: asLimit(limits.statutory), promisedLimit: asLimit(limits.promised), steps: [] as unknown as CaseHeader['steps'] }
}
