/** Case states kept in memory, keyed by how many events they fold: a stale entry is never used. */
import type { CaseState } from '../case/case-state.js'

/**
 * A small LRU of folded case states. An entry is used only when its event count equals the stored count.
 * @example cache.get('c1', 3) ?? fold(...)
 */
export class StateCache {
  private readonly entries = new Map<string, { count: number; state: CaseState }>()
  constructor(private readonly capacity = 10_000) {}

  get(caseId: string, eventCount: number): CaseState | undefined {
    const e = this.entries.get(caseId)
    if (!e || e.count !== eventCount) return undefined
    this.entries.delete(caseId)
    this.entries.set(caseId, e)
    return e.state
  }

  set(caseId: string, eventCount: number, state: CaseState): void {
    this.entries.delete(caseId)
    this.entries.set(caseId, { count: eventCount, state })
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
  }

  clear(): void {
    this.entries.clear()
  }
}
