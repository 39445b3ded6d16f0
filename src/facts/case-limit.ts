/** The statutory limit and the extension days a case's clock counts under its power's own law (行政处罚法 第六十条). */
import type { CaseState, ResolvedLimit } from '../case/case-state.js'
import type { Citation, PowerTypePolicy } from '../types/generated.js'

export interface CountedLimit {
  readonly statutory: ResolvedLimit
  /** `header`, `none`, or the citation of the law whose limit is counted. */
  readonly source: string
  readonly extensionWorkingDays: number
  /** Extensions recorded without their legal basis where the power's law gives none: not counted. */
  readonly extensionsWithoutBasis: number
}

const cite = (c: Citation) => `${c.document} ${c.article}${c.item ?? ''}`

/**
 * What the clock counts. Where the power's own law sets the limit, a header giving another must name the provision
 * that sets it (statutoryLimitBasis: "法律、法规、规章另有规定的，从其规定"), or the law's is counted; where that law
 * gives no extension of its own, an extension counts only with the legalBasis of the law that does.
 * @example countedLimit(state, timePolicy).statutory // { days: 90, unit: 'calendar' } for a penalty case of 2025
 */
export function countedLimit(state: CaseState, policy: PowerTypePolicy | undefined): CountedLimit {
  const byOtherLaw = policy?.extensionByOtherLaw !== undefined
  const extension = {
    extensionWorkingDays: state.extensionWorkingDays - (byOtherLaw ? state.extensionDaysWithoutBasis : 0),
    extensionsWithoutBasis: byOtherLaw ? state.extensionsWithoutBasis : 0,
  }
  const law = policy?.limit
  const own = state.limits.statutory
  const differs = law !== undefined && !('days' in own && own.days === law.days && own.unit === law.unit)
  if (state.matterType !== 'case' || !law || !differs || state.header.statutoryLimitBasis)
    return { statutory: own, source: state.limits.source, ...extension }
  return { statutory: { days: law.days, unit: law.unit }, source: cite(policy!.citation), ...extension }
}
