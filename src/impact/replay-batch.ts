/** One batch of stored cases replayed both ways: the cases that change, and those that could not be replayed. */
import { XingquanError } from '../errors/xingquan-error.js'
import type { Environment } from '../evaluation/evaluation.js'
import type { StoredCase } from '../store/case-batches.js'
import type { CaseFile } from '../types/generated.js'
import { compareReplays } from './compare-case.js'
import type { SameFacts } from './fact-inputs.js'
import type { BatchResult } from './impact-tally.js'
import { replayBoth, type ReplayOptions } from './paired-replay.js'

/** The two environments of an impact and what they share. */
export interface ImpactSides {
  readonly inForce: Environment
  readonly draft: Environment
  readonly same: SameFacts
}

/**
 * Replays each case of the batch under both sides as of `at`.
 * @example const result = replayBatch(sides, batch, '2026-12-01T09:00:00+08:00'); result.changed.length
 */
export function replayBatch(
  sides: ImpactSides,
  batch: readonly StoredCase[],
  at: string,
  options: ReplayOptions = {},
): BatchResult {
  const started = performance.now()
  const changed: BatchResult['changed'][number][] = []
  const failed: BatchResult['failed'][number][] = []
  let events = 0
  for (const stored of batch) {
    if (stored.events.length === 0) continue
    const file = { caseId: stored.caseId, events: stored.events.map((e) => JSON.parse(e) as unknown) } as CaseFile
    try {
      const paired = replayBoth(sides.inForce, sides.draft, file, at, sides.same, options)
      events += paired.events
      const impact = compareReplays(stored.caseId, stored.department, paired)
      if (impact) changed.push(impact)
    } catch (err) {
      const p = err instanceof XingquanError ? err.problems[0] : undefined
      failed.push({ caseId: stored.caseId, zh: p?.zh ?? (err as Error).message, en: p?.en ?? (err as Error).message })
    }
  }
  return { cases: batch.length, events, changed, failed, ms: performance.now() - started }
}
