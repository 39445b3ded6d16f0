/** Runs a rule example (given these events, at this moment, expect these firings and values) and says what did not hold. */
import { relative } from 'node:path'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { replayCase, type Replay } from '../evaluation/replay.js'
import type { Environment } from '../evaluation/evaluation.js'
import { findFiles } from '../rules/rule-library.js'
import type { RuleExample } from '../types/generated.js'
import { exampleCase, readExample, type BaseCache, type ResolvedExample } from './example-case.js'
import { checkValues } from './example-values.js'
import { withRulesChange } from './rules-change.js'

export type { ResolvedExample } from './example-case.js'
export { readExample } from './example-case.js'

export interface ExampleOutcome {
  readonly file: string
  readonly name: string
  readonly failures: readonly string[]
  readonly replay?: Replay
}

/**
 * Reads every `*.example.json` under `dir`, each with its case made whole (its folder's base case and its own events).
 * @example const { examples, problems } = loadExamples('rules')
 */
export function loadExamples(dir: string): {
  examples: { file: string; example: ResolvedExample }[]
  problems: Problem[]
} {
  const examples: { file: string; example: ResolvedExample }[] = []
  const problems: Problem[] = []
  const bases: BaseCache = new Map()
  for (const path of findFiles(dir, '.example.json')) {
    const file = relative(process.cwd(), path) || path
    try {
      examples.push({ file, example: readExample(file, bases) })
    } catch (err) {
      if (err instanceof XingquanError) problems.push(...err.problems)
      else throw err
    }
  }
  return { examples, problems }
}

/**
 * Replays one example and checks its expectations; an empty failure list means it holds.
 * @example runExample(env, { file, example }).failures // []
 */
export function runExample(
  env: Environment,
  { file, example }: { file: string; example: RuleExample },
): ExampleOutcome {
  const failures: string[] = []
  let replay: Replay
  try {
    const used = example.rulesChange ? withRulesChange(env, example.rulesChange) : env
    replay = replayCase(used, exampleCase(example, file), { at: example.at })
  } catch (err) {
    return { file, name: example.name, failures: [`评估出错 / evaluation failed: ${(err as Error).message}`] }
  }
  const { expect } = example
  const everywhere = new Set(
    [...replay.evaluations, ...(replay.asOf ? [replay.asOf] : [])].flatMap((e) => e.firings.map((f) => f.ruleId)),
  )
  const atMoment = new Set(replay.asOf?.firings.map((f) => f.ruleId) ?? [])
  for (const id of expect.fires ?? [])
    if (!everywhere.has(id)) failures.push(`应触发而未触发 / expected to fire, did not: ${id}`)
  for (const id of expect.silent ?? [])
    if (everywhere.has(id)) failures.push(`应不触发却触发了 / expected silent, fired: ${id}`)
  for (const id of expect.firesAt ?? [])
    if (!atMoment.has(id))
      failures.push(`在 ${example.at} 应触发而未触发 / expected to fire at ${example.at}, did not: ${id}`)
  for (const id of expect.silentAt ?? [])
    if (atMoment.has(id))
      failures.push(`在 ${example.at} 应不触发却触发了 / expected silent at ${example.at}, fired: ${id}`)
  const findings = [...replay.evaluations, ...(replay.asOf ? [replay.asOf] : [])].flatMap((e) => e.findings ?? [])
  const relieved = (status: 'cleared' | 'reduced') =>
    new Set(findings.filter((f) => f.status === status).map((f) => f.ruleId))
  for (const id of expect.cleared ?? [])
    if (!relieved('cleared').has(id))
      failures.push(`应被免除责任而未免除 / expected an exemption to clear, it did not: ${id}`)
  for (const id of expect.reduced ?? [])
    if (!relieved('reduced').has(id))
      failures.push(`应被从轻而未从轻 / expected a mitigation to reduce, it did not: ${id}`)
  // findings of the as-of evaluation with their status (open, cleared, reduced), those kept from the law of their day too
  const standing = new Map((replay.asOf?.findings ?? []).map((f) => [f.ruleId, f.status]))
  for (const [id, status] of Object.entries(expect.findingsAt ?? {})) {
    if (standing.get(id) !== status)
      failures.push(
        `在 ${example.at} 应有${status}的认定 / expected a ${status} finding at ${example.at}: ${id} (${standing.get(id) ?? 'none'})`,
      )
  }
  if (expect.values) failures.push(...checkValues(expect.values, replay.asOf, example.at))
  if (expect.refused !== undefined) {
    if (replay.refused?.eventId !== expect.refused)
      failures.push(
        `事件 ${expect.refused} 应被拒绝 / event ${expect.refused} should have been refused${replay.refused ? `; refused instead: ${replay.refused.eventId}` : ''}`,
      )
  } else if (replay.refused) {
    failures.push(
      `事件 ${replay.refused.eventId} 被拒绝 / event ${replay.refused.eventId} was refused: ${replay.refused.problems.map((p) => `${p.zh} / ${p.en}`).join('; ')}`,
    )
  }
  return { file, name: example.name, failures, replay }
}
