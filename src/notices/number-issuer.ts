/**
 * 发文字号 (机关代字〔年份〕序号号): the interface every store of notice numbers implements.
 *
 * Contract, for the file-backed implementation here and the database-backed one of the service:
 * - a sequence runs per organ (by its stable `id`) and per year, from 1, without reuse;
 * - `issue` is durable before it returns: once a number is handed out it is never handed out again, even if the
 *   notice that was to carry it fails to render, is never printed, or the process dies right after;
 * - a number that will not be used is `voided` with a reason (kept for auditors), never returned to the pool;
 * - `peek` shows the number `issue` would give next and consumes nothing: previews use it;
 * - concurrent issuers (processes, connections) never get the same number.
 */
import type { Organ } from '../types/generated.js'

/** What numbering needs of an organ: its stable id (the sequence key) and its 机关代字. */
export type NumberingOrgan = Pick<Organ, 'id' | 'code'>

export interface NoticeNumber {
  readonly organId: string
  /** 机关代字, e.g. 理府办. */
  readonly code: string
  readonly year: number
  /** 1, 2, 3 … per organ and year. */
  readonly sequence: number
  /** 理府办〔2026〕12号 */
  readonly text: string
}

/** Why a number was issued, recorded with it. */
export interface IssuePurpose {
  readonly caseId: string
  readonly ruleId: string
  readonly template: string
  /** The event whose firing called for the notice; null for an evaluation at a moment. */
  readonly eventSequence: number | null
}

export interface NoticeNumberIssuer {
  /** The number `issue` would return next for this organ and year; consumes nothing. */
  peek(organ: NumberingOrgan, year: number): Promise<NoticeNumber>
  /** Takes the next number for this organ and year, durably, and records why. */
  issue(organ: NumberingOrgan, year: number, purpose: IssuePurpose): Promise<NoticeNumber>
  /** Records that an issued number will not be used (e.g. the notice failed to render); it stays taken. */
  void(number: NoticeNumber, reason: string): Promise<void>
}

/**
 * The text of a number: 机关代字〔年份〕序号号 (GB/T 9704-2012 7.2.4: 年份、发文顺序号用阿拉伯数字，顺序号不加“第”字，不编虚位).
 * @example formatNoticeNumber('理府办', 2026, 12) // '理府办〔2026〕12号'
 */
export function formatNoticeNumber(code: string, year: number, sequence: number): string {
  return `${code}〔${year}〕${sequence}号`
}

/**
 * The NoticeNumber value for an organ, year and sequence.
 * @example noticeNumber({ id: '513222.gov-office', code: '理府办' }, 2026, 1).text // '理府办〔2026〕1号'
 */
export function noticeNumber(organ: NumberingOrgan, year: number, sequence: number): NoticeNumber {
  return { organId: organ.id, code: organ.code, year, sequence, text: formatNoticeNumber(organ.code, year, sequence) }
}

/**
 * An issuer for previews only: every organ's next number is 1 and nothing is taken (a draft's notice, shown before
 * any number exists).
 * @example await composeNotices({ env, renderer, organs, issuer: PREVIEW_ISSUER }, caseFile, { at })
 */
export const PREVIEW_ISSUER: NoticeNumberIssuer = {
  peek: async (organ, year) => noticeNumber(organ, year, 1),
  issue: async (organ, year) => noticeNumber(organ, year, 1),
  void: async () => {},
}
