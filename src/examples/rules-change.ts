/** An example's own change of one pack (a JSON Patch: test, add, remove, replace), for that example only: a flawed rule shown at run time. */
import { createHash } from 'node:crypto'
import { XingquanError } from '../errors/xingquan-error.js'
import type { Environment } from '../evaluation/evaluation.js'
import type { ExampleRulesChange, RulePack } from '../types/generated.js'

const fail = (zh: string, en: string) => new XingquanError({ code: 'EXAMPLE_RULES_CHANGE', zh, en })

/** The parent container and the last key of a JSON pointer, in a document. */
function locate(doc: unknown, path: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const keys = path
    .split('/')
    .slice(1)
    .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'))
  let parent = doc as Record<string, unknown>
  for (const k of keys.slice(0, -1)) {
    const next = parent?.[k]
    if (next === null || typeof next !== 'object') throw fail(`改动的路径 ${path} 不存在`, `no value at ${path}`)
    parent = next as Record<string, unknown>
  }
  return { parent, key: keys.at(-1)! }
}

/**
 * The pack with the patch applied, in order; the pack given is not changed.
 * @example patched(pack, [{ op: 'remove', path: '/discretionStandards/0/table/rows/7' }])
 */
export function patched(pack: RulePack, patch: ExampleRulesChange['patch']): RulePack {
  const doc = structuredClone(pack)
  for (const { op, path, value } of patch) {
    const { parent, key } = locate(doc, path)
    if (op === 'test') {
      const found = (parent as Record<string, unknown>)[key]
      if (JSON.stringify(found) !== JSON.stringify(value))
        throw fail(
          `样例改动核对失败：${path} 应为 ${JSON.stringify(value)}，实为 ${JSON.stringify(found)}`,
          `the example's test failed: ${path} should be ${JSON.stringify(value)}, is ${JSON.stringify(found)}`,
        )
      continue
    }
    if (Array.isArray(parent)) {
      const i = key === '-' ? parent.length : Number(key)
      if (!Number.isInteger(i) || i < 0 || i > parent.length || (op !== 'add' && i >= parent.length))
        throw fail(`改动的路径 ${path} 不是数组中的位置`, `${path} is not a position in the array`)
      if (op === 'add') parent.splice(i, 0, value)
      else if (op === 'remove') parent.splice(i, 1)
      else parent[i] = value
    } else {
      if (op !== 'add' && !Object.hasOwn(parent, key)) throw fail(`改动的路径 ${path} 不存在`, `no value at ${path}`)
      if (op === 'remove') delete parent[key]
      else parent[key] = value
    }
  }
  return doc
}

/**
 * The environment with one pack changed for an example; its version marked, so nothing compiled for the shipped pack is reused.
 * @example const env2 = withRulesChange(env, { pack: 'lx.discretion-standards', why: '…', patch: [...] })
 */
export function withRulesChange(env: Environment, change: ExampleRulesChange): Environment {
  const at = env.packs.findIndex((p) => p.pack.id === change.pack)
  if (at < 0)
    throw fail(
      `样例改动的规则包 ${change.pack} 不存在`,
      `the example changes pack ${change.pack}, which does not exist`,
    )
  // a version of its own for each change: rule sets and penalty contexts are cached by version
  const mark = createHash('sha256').update(JSON.stringify(change.patch)).digest('hex').slice(0, 12)
  const packs = env.packs.map((p, i) =>
    i === at ? { ...p, pack: patched(p.pack, change.patch), version: `${p.version}+example-${mark}` } : p,
  )
  return { ...env, packs }
}
