/** What differs for one case between its replay under the rules in force and under the draft. */
import { levelOf } from '../evaluation/case-outcome.js'
import { firingsToNotice } from '../evaluation/notice-episode.js'
import type { WorkbenchCaseImpact } from '../types/generated.js'
import type { PairedReplay, ReplayTrack } from './paired-replay.js'

export type CaseImpact = WorkbenchCaseImpact

/** The due dates an impact compares at the moment. */
export const DUE_FACTS = ['statutoryDueDate', 'promisedDueDate'] as const

const firedIn = (t: ReplayTrack) => new Set(t.evaluations.flatMap((e) => e.firings.map((f) => f.ruleId)))
const minus = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].filter((x) => !b.has(x)).sort()

/**
 * The notices the replay would have issued, once per episode as the write path does: `sequence:ruleId` on an event,
 * `date:ruleId` on a day the sweep evaluates, `at:ruleId` at the moment asked for.
 */
function noticesIn(t: ReplayTrack): Set<string> {
  const out = new Set<string>()
  let before = new Set<string>()
  for (const e of t.evaluations) {
    const when = e.kind === 'event' ? String(e.sequence) : e.kind === 'sweep' ? e.at.slice(0, 10) : 'at'
    for (const f of firingsToNotice(before, e.firings)) out.add(`${when}:${f.ruleId}`)
    before = new Set(e.firings.map((f) => f.ruleId))
  }
  return out
}

const levelAtEnd = (t: ReplayTrack) => levelOf(t.evaluations.at(-1)?.firings ?? [])

/**
 * The case's impact, or undefined when nothing differs: its level at the end, the rules that fire only under one side,
 * the notices that would or would not be issued, the due dates that move, and a refusal that differs.
 * @example compareReplays('lx-1', { code: 'lx-scjgj', name: '理县市场监督管理局' }, replayBoth(env, draftEnv, file, at, same))
 */
export function compareReplays(
  caseId: string,
  department: CaseImpact['department'],
  { inForce, draft }: PairedReplay,
): CaseImpact | undefined {
  const [fa, fb] = [firedIn(inForce), firedIn(draft)]
  const [na, nb] = [noticesIn(inForce), noticesIn(draft)]
  const level = { inForce: levelAtEnd(inForce), draft: levelAtEnd(draft) }
  const factOf = (t: ReplayTrack, fact: string) => (t.facts as Record<string, unknown> | undefined)?.[fact] ?? null
  const due = DUE_FACTS.map((fact) => ({ fact, inForce: factOf(inForce, fact), draft: factOf(draft, fact) })).filter(
    (d) => JSON.stringify(d.inForce) !== JSON.stringify(d.draft),
  )
  const impact: CaseImpact = {
    caseId,
    department,
    level,
    appear: minus(fb, fa),
    disappear: minus(fa, fb),
    notices: { appear: minus(nb, na), disappear: minus(na, nb) },
    due,
    ...(inForce.refused !== draft.refused ? { refused: { inForce: inForce.refused, draft: draft.refused } } : {}),
  }
  const changed =
    level.inForce !== level.draft ||
    impact.appear.length +
      impact.disappear.length +
      impact.notices.appear.length +
      impact.notices.disappear.length +
      due.length >
      0 ||
    impact.refused !== undefined
  return changed ? impact : undefined
}
