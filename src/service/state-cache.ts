/** Case states kept in memory, keyed by how many events they fold: a stale entry is never used. */
import type { CaseState } from '../case/case-state.js'
import type { SignedDecision } from '../evaluation/evaluation-signature.js'
import type { CaseLock } from '../store/record-writer.js'

/**
 * A cached case: its state after `count` events and, when known, the case row as the write that made it left it and
 * the signed decision of the evaluation it wrote (a later evaluation deciding the same takes its signature again).
 */
export interface CachedCase {
  readonly count: number
  readonly state: CaseState
  readonly lock?: CaseLock
  readonly signed?: SignedDecision
}

/**
 * A small LRU of folded case states. An entry is used only when its event count equals the stored count (or, by the
 * append's one-statement write, when the database confirms the count and chain head under its lock).
 * @example cache.get('c1', 3) ?? fold(...)
 */
export class StateCache {
  private readonly entries = new Map<string, CachedCase>()
  constructor(private readonly capacity = 10_000) {}

  get(caseId: string, eventCount: number): CaseState | undefined {
    const e = this.latest(caseId)
    return e && e.count === eventCount ? e.state : undefined
  }

  /** The entry of a case whatever its count (the caller checks it against the database). */
  latest(caseId: string): CachedCase | undefined {
    const e = this.entries.get(caseId)
    if (!e) return undefined
    this.entries.delete(caseId)
    this.entries.set(caseId, e)
    return e
  }

  set(caseId: string, eventCount: number, state: CaseState, lock?: CaseLock, signed?: SignedDecision): void {
    this.entries.delete(caseId)
    this.entries.set(caseId, { count: eventCount, state, ...(lock ? { lock } : {}), ...(signed ? { signed } : {}) })
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
  }

  clear(): void {
    this.entries.clear()
  }
}
