/**
 * Moves every rule example that carries its whole case (`case`) onto its folder's base case: `base`, the acceptance's
 * differences from the base (`accepted`, a JSON merge patch) and the example's own events. Re-runnable and idempotent:
 * an example already on a base is left as it is; a folder without `_base.case.json` gets one, chosen as the acceptance
 * that leaves the examples the fewest differences. Each migrated example is checked to replay the very same case
 * before it is written.
 *
 *   npx tsx scripts/migrate/examples-to-base.ts [RULES_DIR] [--check | --format]
 *
 * --check writes nothing and exits 1 when an example still needs migrating. --format only rewrites every example and
 * base case file in the examples' hand-written layout (small objects on one line), their content unchanged.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { exampleCase } from '../../src/examples/example-case.js'
import { mergePatchBetween } from '../../src/examples/merge-patch.js'
import { DEFAULT_RULES_DIR, findFiles } from '../../src/rules/rule-library.js'
import type { CaseEvent, CaseFile, RuleExample } from '../../src/types/generated.js'
import { exampleJson } from './example-json.js'

const BASE = '_base.case.json'
const args = process.argv.slice(2)
const check = args.includes('--check')
const reformat = args.includes('--format')
const rulesDir = args.find((a) => !a.startsWith('--')) ?? DEFAULT_RULES_DIR

/** JSON with sorted keys: equal content, equal text. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  )
const size = (v: unknown) => (v === undefined ? 0 : JSON.stringify(v).length)

/** The acceptance among the examples' that leaves them the fewest differences. */
function chooseBase(cases: readonly CaseFile[]): CaseFile {
  let best = cases[0]!
  let bestCost = Number.POSITIVE_INFINITY
  for (const candidate of cases) {
    const cost = cases.reduce((sum, c) => sum + size(mergePatchBetween(candidate.events[0], c.events[0])), 0)
    if (cost < bestCost) [best, bestCost] = [candidate, cost]
  }
  const first = best.events[0]! as CaseEvent & { case?: { name?: string } }
  return {
    $schema: '../../../schemas/case-file.schema.json',
    caseId: best.caseId,
    description: `本目录样例共用的基础办件：${first.case?.name ?? best.caseId}，${first.occurredAt.slice(0, 10)} 受理。各样例只写与此不同的受理信息（accepted）和自己的事件（events）/ the base case this folder's examples share; each names only how its acceptance differs (accepted) and its own events (events)`,
    events: [first],
  } as CaseFile
}

/** The example on the base, or undefined when the base's later events are not the example's first ones. */
function onBase(example: RuleExample & { case: CaseFile }, base: CaseFile): RuleExample | undefined {
  const whole = example.case
  const rest = base.events.slice(1)
  if (whole.description !== undefined || canonical(whole.events.slice(1, 1 + rest.length)) !== canonical(rest))
    return undefined
  const { $schema, name, description, case: _case, at, expect, ...other } = example
  const accepted = mergePatchBetween(base.events[0], whole.events[0])
  return {
    ...($schema !== undefined ? { $schema } : {}),
    name,
    ...(description !== undefined ? { description } : {}),
    base: BASE,
    ...(whole.caseId !== base.caseId ? { caseId: whole.caseId } : {}),
    ...(accepted !== undefined ? { accepted: accepted as Record<string, unknown> } : {}),
    events: whole.events.slice(1 + rest.length),
    at,
    expect,
    ...other,
  }
}

if (reformat) {
  let n = 0
  for (const file of [...findFiles(rulesDir, '.example.json'), ...findFiles(rulesDir, '.case.json')]) {
    const text = readFileSync(file, 'utf8')
    const next = exampleJson(JSON.parse(text))
    if (canonical(JSON.parse(next)) !== canonical(JSON.parse(text)))
      throw new Error(`formatting changed the content of ${file}`)
    if (next !== text) {
      writeFileSync(file, next)
      n++
    }
  }
  console.log(`重排 ${n} 个文件 / reformatted ${n} files`)
  process.exit(0)
}

let pending = 0
let written = 0
const folders = [...new Set(findFiles(rulesDir, '.example.json').map((f) => dirname(f)))]
for (const folder of folders) {
  const files = readdirSync(folder)
    .filter((n) => n.endsWith('.example.json'))
    .sort()
    .map((n) => join(folder, n))
  const old = files
    .map((file) => ({ file, example: JSON.parse(readFileSync(file, 'utf8')) as RuleExample }))
    .filter((e) => e.example.case !== undefined && e.example.base === undefined)
  if (old.length === 0) continue
  const basePath = join(folder, BASE)
  const hadBase = existsSync(basePath)
  const base = hadBase
    ? (JSON.parse(readFileSync(basePath, 'utf8')) as CaseFile)
    : chooseBase(old.map((e) => e.example.case!))
  pending += old.length
  if (check) {
    console.log(`${relative(process.cwd(), folder)}: ${old.length} 个样例待迁移 / examples to migrate`)
    continue
  }
  if (!hadBase) writeFileSync(basePath, exampleJson(base))
  for (const { file, example } of old) {
    const next = onBase(example as RuleExample & { case: CaseFile }, base)
    const same =
      next !== undefined &&
      canonical(exampleCase(next, file)) === canonical({ caseId: example.case!.caseId, events: example.case!.events })
    if (!same) {
      console.error(
        `未迁移 not migrated: ${relative(process.cwd(), file)}（与基础办件合并后不是原办件 / on the base it is not the same case）`,
      )
      continue
    }
    writeFileSync(file, exampleJson(next))
    written++
  }
  console.log(
    `${relative(process.cwd(), folder)}: ${hadBase ? '' : `新建 created ${BASE}; `}迁移 migrated ${old.length} (${basename(folder)})`,
  )
}
if (check) {
  console.log(
    pending === 0
      ? '所有样例都已使用基础办件 / every example is on its base'
      : `${pending} 个样例待迁移 / examples to migrate`,
  )
  process.exitCode = pending === 0 ? 0 : 1
} else console.log(`迁移 ${written} 个样例 / migrated ${written} examples`)
