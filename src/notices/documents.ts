/**
 * The documents notices cite, and whether each was in force on a day: read from the rule packs (issuingDocument.title,
 * effectiveFrom, effectiveUntil), never from dates written here. A notice cites a document only while it is in force.
 */
import type { LoadedPack } from '../rules/rule-library.js'
import type { NoticeDocumentsInForce } from '../types/generated.js'

export interface NoticeDocument {
  /** The key under `inForce` in the notice context (schemas/notice-context.schema.json). */
  readonly key: keyof NoticeDocumentsInForce
  /** The title, exactly as the packs' issuingDocument.title and the citations spell it. */
  readonly title: string
  /** The short names a template's own sentences use for it. */
  readonly shortNames: readonly string[]
}

/** Every document a template may name; `inForce.KEY` says whether it was in force. */
export const NOTICE_DOCUMENTS: readonly NoticeDocument[] = [
  { key: 'aba', title: '阿坝州行政权力依法规范公开运行实施办法(试行)', shortNames: ['阿坝州办法'] },
  {
    key: 'electronicSupervision',
    title: '四川省行政权力依法规范公开运行电子监察管理办法(试行)',
    shortNames: ['电子监察办法'],
  },
  {
    key: 'platform',
    title: '四川省行政权力依法规范公开运行平台建设和使用管理办法(试行)',
    shortNames: ['平台建设和使用管理办法', '平台管理办法'],
  },
  {
    key: 'catalogAdjustment',
    title: '四川省行政职权目录动态调整管理办法(试行)',
    shortNames: ['动态调整办法', '动态调整管理办法'],
  },
  { key: 'licensingLaw', title: '中华人民共和国行政许可法', shortNames: ['行政许可法'] },
  { key: 'penaltyLaw', title: '中华人民共和国行政处罚法', shortNames: ['行政处罚法'] },
]

const byTitle = new Map(NOTICE_DOCUMENTS.map((d) => [d.title, d]))

/**
 * The registered document of a title, when it is one.
 * @example noticeDocument('中华人民共和国行政许可法')?.key // 'licensingLaw'
 */
export function noticeDocument(title: string): NoticeDocument | undefined {
  return byTitle.get(title)
}

/**
 * The registered documents a text names (by title or short name), e.g. an office's note on a deadline.
 * @example documentsNamedIn('阿坝州办法第四十二条(一)要求“限期”') // [the 阿坝州办法]
 */
export function documentsNamedIn(text: string): NoticeDocument[] {
  return NOTICE_DOCUMENTS.filter((d) => text.includes(d.title) || d.shortNames.some((s) => text.includes(s)))
}

const covers = (p: LoadedPack, day: string) =>
  p.pack.effectiveFrom <= day && (p.pack.effectiveUntil === undefined || day < p.pack.effectiveUntil)

/** Which documents the packs of a case's layers issue, and which of them are in force. */
export interface DocumentsOnDay {
  /** Titles of the documents in force on every day asked about. */
  readonly inForce: ReadonlySet<string>
  /** Titles of every document a pack of the layers issues, in force or not. */
  readonly encoded: ReadonlySet<string>
}

/**
 * The documents in force on every one of `days`: those a pack of `layers` (the case's jurisdiction's) issues and whose
 * validity covers the day. A document no pack encodes is not in force here (nothing says it is).
 * @example documentsInForce(ruleSetFor(env, '513222').layers, ['2025-10-31']).inForce.has('阿坝州行政权力依法规范公开运行实施办法(试行)') // false
 */
export function documentsInForce(layers: readonly LoadedPack[], days: readonly string[]): DocumentsOnDay {
  const encoded = new Set(layers.map((p) => p.pack.issuingDocument.title))
  const inForce = new Set(
    [...encoded].filter((t) =>
      days.every((day) => layers.some((p) => p.pack.issuingDocument.title === t && covers(p, day))),
    ),
  )
  return { inForce, encoded }
}

/**
 * Whether a document is known to have lapsed (or not yet taken effect): a pack issues it, none covers the day.
 * @example isLapsed(documentsInForce(layers, ['2025-10-31']), '阿坝州行政权力依法规范公开运行实施办法(试行)') // true
 */
export function isLapsed(documents: DocumentsOnDay, title: string): boolean {
  return documents.encoded.has(title) && !documents.inForce.has(title)
}

/**
 * The documents in force, with the one the firing's rule cites: the rule fired, so its pack was in force and applied
 * that document — unless a pack of the layers says the document itself has lapsed on one of the days.
 * @example withFiringCitation(documents, firing).inForce.has(firing.citation.document)
 */
export function withFiringCitation(
  documents: DocumentsOnDay,
  firing: { readonly citation: { readonly document: string } },
): DocumentsOnDay {
  const title = firing.citation.document
  if (documents.inForce.has(title) || isLapsed(documents, title)) return documents
  return { inForce: new Set([...documents.inForce, title]), encoded: documents.encoded }
}

/**
 * The notice context's `inForce`: one flag per registered document.
 * @example inForceFlags(new Set(['中华人民共和国行政许可法'])).licensingLaw // true
 */
export function inForceFlags(inForce: ReadonlySet<string>): NoticeDocumentsInForce {
  return Object.fromEntries(
    NOTICE_DOCUMENTS.map((d) => [d.key, inForce.has(d.title)]),
  ) as unknown as NoticeDocumentsInForce
}
