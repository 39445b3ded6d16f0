/** An example's own change of one pack: applied to a copy for that example only, each place checked before it is changed. */
import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { patched, withRulesChange } from '../../src/examples/rules-change.js'
import type { DiscretionStandard, ExampleRulesChange } from '../../src/types/generated.js'

const env = loadEnvironment()
const lixian = env.packs.find((p) => p.pack.id === 'lx.discretion-standards')!
const rows = (s: unknown) => (s as DiscretionStandard).table.rows.map((r) => r.id)

describe('rulesChange of an example', () => {
  it('removes a row from a copy; the shipped pack keeps it, and the changed pack has a version of its own', () => {
    const change: ExampleRulesChange = {
      pack: 'lx.discretion-standards',
      why: 'test',
      patch: [
        { op: 'test', path: '/discretionStandards/0/table/rows/7/id', value: 'general-general' },
        { op: 'remove', path: '/discretionStandards/0/table/rows/7' },
      ],
    }
    const changed = withRulesChange(env, change).packs.find((p) => p.pack.id === 'lx.discretion-standards')!
    expect(rows(changed.pack.discretionStandards![0])).not.toContain('general-general')
    expect(rows(lixian.pack.discretionStandards![0])).toContain('general-general')
    expect(changed.version).not.toBe(lixian.version)
    expect(changed.version.startsWith(lixian.version)).toBe(true)
  })

  it('a test that does not hold stops the change, saying what it found', () => {
    expect(() =>
      patched(lixian.pack, [{ op: 'test', path: '/discretionStandards/0/table/rows/7/id', value: 'minor-general' }]),
    ).toThrow(/应为 "minor-general"，实为 "general-general"/)
  })

  it('a path that is not there, or a pack that does not exist, is an error in Chinese and English', () => {
    expect(() => patched(lixian.pack, [{ op: 'replace', path: '/discretionStandards/0/nothing', value: 1 }])).toThrow(
      /不存在/,
    )
    expect(() =>
      withRulesChange(env, { pack: 'no.such-pack', why: 'x', patch: [{ op: 'remove', path: '/a' }] }),
    ).toThrow(/no\.such-pack/)
  })
})
