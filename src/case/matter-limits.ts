/** Resolves the limits that govern a case or a matter on the day it opens: the header's for a case, the rule pack's for a matter. */
import type {
  CaseHeader,
  Citation,
  DeadlinePolicy,
  ExtensionPolicy,
  MatterHeader,
  MatterType,
} from '../types/generated.js'
import type { CaseState, ResolvedLimit, ResolvedLimits } from './case-state.js'
import { timePolicyOf } from './time-policy.js'

/** The deadline policy in force, as far as limits and extensions go. */
type LimitPolicy = Pick<DeadlinePolicy, 'powerTypes' | 'matters'>

/** A matter whose limit is set by its own order (限期整改), never by a rule pack: it must give one. */
const ORDERED: ReadonlySet<MatterType> = new Set(['rectification'])

const cite = (c: Citation) => `${c.document} ${c.article}${c.item ?? ''}`

/**
 * True for the header of a matter (督办, 举报, ...), false for a case's.
 * @example isMatterHeader(event.case) // true when event.case.matterType is 'supervision'
 */
export const isMatterHeader = (h: CaseHeader | MatterHeader): h is MatterHeader =>
  'matterType' in h && h.matterType !== undefined

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
 * The limits of a case or matter, or why it cannot open. A case takes its header's limits. A matter type for which no
 * pack in force declares a limit runs without one (limitSource `none`): a report received after the 阿坝州办法 lapsed is
 * still recorded.
 * @example resolveLimits(header, '2018-03-01', policy) // { limits: { statutory: { days: 20, unit: 'working' }, ... } }
 */
export function resolveLimits(
  header: CaseHeader | MatterHeader,
  openedOn: string,
  policy: LimitPolicy | undefined,
): { limits: ResolvedLimits } | { refusal: { code: string; zh: string; en: string } } {
  // a case's own law may count another limit (行政处罚法 第六十条): the facts decide that (src/facts/case-limit.ts)
  if (!isMatterHeader(header))
    return { limits: { statutory: header.statutoryLimit, promised: header.promisedLimit, source: 'header' } }
  const matters = policy?.matters
  const type = header.matterType
  const declared = type === 'case' ? undefined : matters?.[type]
  if (declared) {
    if (header.statutoryLimit) {
      return {
        refusal: {
          code: 'MATTER_LIMIT_BY_LAW',
          zh: `该类事项的时限由 ${cite(declared.citation)} 规定，事项信息中不得另填时限`,
          en: `the limit of a ${type} matter is set by ${cite(declared.citation)}; the header must not give one`,
        },
      }
    }
    const limit: ResolvedLimit = declared.limit
      ? { days: declared.limit.days, unit: declared.limit.unit }
      : { dueDate: dueOnOrAfter(openedOn, declared.dueMonthDay!) }
    return { limits: { statutory: limit, promised: limit, source: cite(declared.citation) } }
  }
  if (header.statutoryLimit)
    return { limits: { statutory: header.statutoryLimit, promised: header.statutoryLimit, source: 'header' } }
  if (ORDERED.has(type)) {
    return {
      refusal: {
        code: 'MATTER_LIMIT_MISSING',
        zh: '整改事项须填写整改通知规定的限期（statutoryLimit）',
        en: 'a rectification matter must give the deadline its order set (statutoryLimit)',
      },
    }
  }
  // no limit in force (a patrol log, an oversight visit, or a matter whose law has lapsed): recorded, never overdue
  return { limits: { statutory: NO_LIMIT, promised: NO_LIMIT, source: 'none' } }
}

const NO_LIMIT: ResolvedLimit = { none: true }

/** How a case or matter may be extended: under a cap, only by another law's provision, without a cap, or not at all. */
export type ExtensionRule =
  | { readonly kind: 'capped'; readonly policy: ExtensionPolicy }
  | { readonly kind: 'byOtherLaw'; readonly citation: Citation }
  | { readonly kind: 'uncapped' }
  | { readonly kind: 'none' }

/**
 * The extension rule of a case or a matter. A case: its power type's own law — 行政许可法 第四十二条's cap for
 * licensing, 行政处罚法 第六十条 (only where another law provides) for penalty, and no cap invented for a type whose
 * law the packs do not give. A matter: its type's own entry (电子监察办法 第九条 for 督办), else no extension.
 * @example extensionFor(state, policy) // { kind: 'capped', policy: { maxWorkingDays: 10, citation: 行政许可法 第四十二条 } }
 */
export function extensionFor(state: Pick<CaseState, 'matterType' | 'header'>, policy: LimitPolicy): ExtensionRule {
  if (state.matterType !== 'case') {
    const own = policy.matters?.[state.matterType]?.extension
    return own ? { kind: 'capped', policy: own } : { kind: 'none' }
  }
  const law = timePolicyOf(policy, 'case', state.header.powerItem.type)
  if (law?.extension) return { kind: 'capped', policy: law.extension }
  if (law?.extensionByOtherLaw) return { kind: 'byOtherLaw', citation: law.extensionByOtherLaw.citation }
  return { kind: 'uncapped' }
}

/**
 * The full header the rest of the engine reads, for a matter: its own fields, the resolved limit written out, no steps.
 * @example headerOf(matterHeader, limits)
 */
export function headerOf(
  header: CaseHeader | MatterHeader,
  limits: ResolvedLimits,
  openedOn: string,
  daysTo: (from: string, to: string) => number,
): CaseHeader {
  if (!isMatterHeader(header)) return header
  const asLimit = (l: ResolvedLimit) =>
    'dueDate' in l
      ? { days: daysTo(openedOn, l.dueDate), unit: 'calendar' as const }
      : 'none' in l
        ? { days: 0, unit: 'calendar' as const }
        : l
  const {
    matterType: _type,
    departmentKind: _kind,
    period: _period,
    relatedCaseIds: _related,
    statutoryLimit: _limit,
    ...common
  } = header
  // a matter has no internal steps: the schema's "at least one step" holds for cases only
  return {
    ...common,
    statutoryLimit: asLimit(limits.statutory),
    promisedLimit: asLimit(limits.promised),
    steps: [] as unknown as CaseHeader['steps'],
  }
}
