import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runLint } from '../../src/cli/lint.js'
import { runTestExamples } from '../../src/cli/test-examples.js'

const RULES = new URL('../../rules', import.meta.url).pathname
const PACK = 'sichuan/electronic-supervision.pack.json'

/** A copy of the shipped rules with one pack edited. */
function rulesWith(edit: (pack: any) => void, file = PACK): string {
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-lint-'))
  cpSync(RULES, dir, { recursive: true })
  const path = join(dir, file)
  const pack = JSON.parse(readFileSync(path, 'utf8'))
  edit(pack)
  writeFileSync(path, JSON.stringify(pack, null, 2))
  return dir
}

describe('xingquan lint', () => {
  it('passes on the shipped rules', () => {
    const r = runLint([], '2026-11-26')
    expect(r.stdout).toContain('lint passed')
    expect(r.exitCode).toBe(0)
  })

  it.each([
    [
      'an unknown fact',
      (p: any) => (p.rules[0].conditions.all[0].fact = 'statutoryOverdew'),
      'FACT_UNKNOWN',
      /statutoryOverdew/,
    ],
    [
      'a duplicate rule id',
      (p: any) => p.rules.push(structuredClone(p.rules[0])),
      'RULE_ID_DUPLICATE',
      /sc\.deadline\.statutory-overdue/,
    ],
    ['a missing citation', (p: any) => delete p.rules[1].citation, 'SCHEMA_INVALID', /citation/],
    [
      'a citation that is no article',
      (p: any) => (p.rules[1].citation = { document: '某办法', article: '十条' }),
      'SCHEMA_INVALID',
      /pattern/,
    ],
    [
      'a citation that names no provision',
      (p: any) => (p.rules[1].citation.provision = 'sc-es.99'),
      'CITATION_UNKNOWN',
      /sc-es\.99/,
    ],
    [
      'a reference to a shared condition that does not exist',
      (p: any) => (p.rules[0].conditions = { all: [{ condition: 'nowhere' }] }),
      'CONDITION_DANGLING',
      /nowhere/,
    ],
    [
      'a notice template that does not exist',
      (p: any) => (p.rules[0].notice = 'no-such-notice'),
      'NOTICE_DANGLING',
      /no-such-notice/,
    ],
    [
      'a value the fact can never take',
      (p: any) => (p.rules[0].conditions.all[0].value = 'yes'),
      'VALUE_NEVER_MATCHES',
      /"yes"/,
    ],
    [
      'a number comparison on a boolean fact',
      (p: any) => (p.rules[0].conditions.all[0].operator = 'greaterThan'),
      'OPERATOR_MISMATCH',
      /statutoryOverdue/,
    ],
    [
      'an exemption that names no rule',
      (p: any) =>
        p.rules.push({
          ...structuredClone(p.rules[0]),
          id: 'sc.exemption.test',
          kind: 'exemption',
          appliesTo: ['sc.nothing'],
        }),
      'RULE_DANGLING',
      /sc\.nothing/,
    ],
    [
      'a rule that ends before it begins',
      (p: any) => Object.assign(p.rules[0], { effectiveFrom: '2020-01-01', effectiveUntil: '2019-01-01' }),
      'RULE_NEVER_IN_FORCE',
      /2019-01-01/,
    ],
  ])('fails on %s, naming the file and line', (_what, edit, code, mention) => {
    const r = runLint([rulesWith(edit)], '2026-11-26')
    expect(r.exitCode).toBe(1)
    const line = r.stdout.split('\n').find((l) => l.includes(`[${code}]`))
    expect(line, r.stdout).toBeDefined()
    expect(line).toMatch(/electronic-supervision\.pack\.json:\d+:\d+/)
    expect(line).toMatch(mention)
  })

  it('warns, without failing, about an expired pack still in use', () => {
    const r = runLint([rulesWith((p) => (p.effectiveUntil = '2019-05-18'))], '2026-11-26')
    expect(r.stdout).toMatch(/警告 warning \[PACK_EXPIRED\]/)
    expect(r.exitCode).toBe(0)
  })

  it('shows where a lower layer overrides a rule of a higher one', () => {
    const dir = rulesWith(() => {})
    const county = JSON.parse(readFileSync(join(dir, PACK), 'utf8'))
    county.id = 'lx.override-test'
    county.jurisdiction = { code: '513222', name: '理县', level: 'county' }
    county.rules = [
      {
        ...county.rules[2],
        conditions: {
          all: [
            ...county.rules[2].conditions.all.slice(0, 2),
            { fact: 'statutoryDaysLeft', operator: 'lessThanInclusive', value: 5 },
          ],
        },
      },
    ]
    writeFileSync(join(dir, 'lx.pack.json'), JSON.stringify(county))
    const r = runLint([dir], '2026-11-26')
    expect(r.stdout).toMatch(
      /提示 info \[RULE_OVERRIDDEN\] 理县的规则“sc\.deadline\.statutory-near”替代了四川省的同名规则/,
    )
  })
})

describe('xingquan test', () => {
  it('fails when an example does not hold, and names it', () => {
    const dir = rulesWith(() => {})
    const file = join(dir, 'sichuan/examples/statutory-near-fires.example.json')
    const ex = JSON.parse(readFileSync(file, 'utf8'))
    ex.at = '2025-10-20T09:00:00+08:00'
    writeFileSync(file, JSON.stringify(ex))
    const r = runTestExamples([dir])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/失败 FAIL .*statutory-near-fires/)
    expect(r.stdout).toMatch(/expected to fire at 2025-10-20T09:00:00\+08:00, did not: sc\.deadline\.statutory-near/)
  })

  it('fails when a rule has no example that fires', () => {
    const r = runTestExamples([
      rulesWith((p) => p.rules.push({ ...structuredClone(p.rules[0]), id: 'sc.deadline.untested' })),
    ])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/缺样例 MISSING .*sc\.deadline\.untested/)
  })
})
