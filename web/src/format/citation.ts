/** A rule's citation as the API serves it: resolved from the provisions files (document, article, item, text), or,
 * in a draft not yet resolved, the provision's id alone. */
import type { components } from '../api/openapi'

type CitationOrRef = components['schemas']['Common_citationOrRef']
export type ResolvedCitation = components['schemas']['Common_citation']

/** The resolved citation, or undefined for a bare provision id. */
export const resolvedCitation = (c: CitationOrRef): ResolvedCitation | undefined => ('document' in c ? c : undefined)

/**
 * The citation in words: 《文件》第十条（二）, or the provision id where it is not resolved.
 * @example citationWords({ provision: 'sc-es.10.2.3' }) // 'sc-es.10.2.3'
 */
export function citationWords(c: CitationOrRef): string {
  const r = resolvedCitation(c)
  return r ? `${r.document} ${r.article}${r.item ?? ''}` : (c.provision ?? '')
}
