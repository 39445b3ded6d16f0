/** xingquan lint on the law: overrides shown with both values and articles, lengthened deadlines, expired packs, and each kind of broken law it must catch. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runLint } from '../../src/cli/lint.js'

const RULES = new URL('../../rules', import.meta.url).pathname
const lint = (dir?: string) => runLint(dir ? [dir] : [], '2026-11-26')
const line = (out: string, code: string, mention?: RegExp) =>
  out.split('\n').find((l) => l.includes(`[${code}]`) && (!mention || mention.test(l)))

/** A copy of the shipped rules with one file edited. */
function rulesWith(file: string, edit: (json: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'xingquan-law-'))
  cpSync(RULES, dir, { recursive: true })
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  edit(json)
  writeFileSync(join(dir, file), JSON.stringify(json, null, 2))
  return dir
}

describe('xingquan lint on the shipped law', () => {
  const r = lint()

  it('passes', () => {
    expect(r.exitCode, r.stdout).toBe(0)
  })

  it('shows that 阿坝州 第二十条 (15 个工作日) replaces 动态调整办法 第五条 (10 日), as a rule and as a limit', () => {
    expect(line(r.stdout, 'RULE_OVERRIDDEN', /sc\.catalog\.update-overdue/)).toMatch(
      /rules\/aba\/catalog\.pack\.json:\d+:\d+.*第五条 → .*第二十条/,
    )
    expect(line(r.stdout, 'POLICY_OVERRIDDEN', /catalogUpdate/)).toMatch(
      /10 日（自然日）（四川省行政职权目录动态调整管理办法\(试行\) 第五条） → 15 个工作日（阿坝州行政权力依法规范公开运行实施办法\(试行\) 第二十条）/,
    )
    expect(line(r.stdout, 'POLICY_OVERRIDDEN', /catalogApplication/)).toMatch(/20 日（自然日）.* → 20 个工作日/)
  })

  it('warns that the lower layer lengthens the higher one’s deadlines: a question for legal staff', () => {
    expect(line(r.stdout, 'DEADLINE_LENGTHENED', /catalogUpdate|15 个工作日/)).toMatch(/警告 warning/)
  })

  it('warns that the 阿坝州 packs have expired and says what that takes away', () => {
    expect(line(r.stdout, 'PACK_EXPIRED', /aba\/accountability/)).toMatch(/2019-05-19/)
    expect(line(r.stdout, 'PACK_EXPIRED_EFFECT', /aba\/catalog/)).toMatch(
      /catalogUpdate 恢复为 10 日（自然日）.*第五条/,
    )
    expect(line(r.stdout, 'PACK_EXPIRED_EFFECT', /aba\/supervision/)).toMatch(/report 不再有期限/)
  })
})

describe('xingquan lint catches broken law, naming file and line', () => {
  it.each([
    [
      'overlapping discretion bands',
      'lixian/discretion-standards.pack.json',
      (p: any) =>
        (p.discretionStandards[0].table.rows.find((r: any) => r.id === 'general-general').band.fineShare.from = 0.25),
      'DISCRETION_BANDS_OVERLAP',
      /较轻.*一般.*25%—30%/,
    ],
    [
      'a band kind the law does not provide',
      'lixian/discretion-standards.pack.json',
      (p: any) =>
        (p.discretionStandards[0].table.rows.find((r: any) => r.id === 'minor-general').band.kinds = [
          'warning',
          'fine',
        ]),
      'DISCRETION_KIND_NOT_STATUTORY',
      /warning/,
    ],
    [
      'a combination of circumstances no row of a discretion table covers',
      'lixian/discretion-standards.pack.json',
      (p: any) => p.discretionStandards[0].table.rows.splice(1, 1),
      'DISCRETION_TABLE_GAP',
      /较轻.*无法定从轻、减轻、不予处罚情节.*无从重情节/,
    ],
    [
      'contradictory conditions',
      'aba/supervision.pack.json',
      (p: any) => p.rules[0].conditions.all.push({ fact: 'realNameReport', operator: 'equal', value: false }),
      'CONDITIONS_CONTRADICT',
      /aba\.report\.real-name-received.*realNameReport/,
    ],
    [
      'an empty numeric range',
      'sichuan/platform.pack.json',
      (p: any) => p.rules[1].conditions.all.push({ fact: 'recordingDelayWorkingDays', operator: 'lessThan', value: 1 }),
      'CONDITIONS_CONTRADICT',
      /recordingDelayWorkingDays/,
    ],
    [
      'a rule in force only outside its pack',
      'aba/catalog.pack.json',
      (p: any) => (p.rules[3].effectiveFrom = '2020-01-01'),
      'RULE_NEVER_IN_FORCE',
      /2020-01-01.*2019-05-19/,
    ],
    [
      'an exemption that relieves nothing',
      'aba/accountability.pack.json',
      (p: any) => delete p.rules[12].appliesTo,
      'RELIEF_WITHOUT_TARGET',
      /49-1/,
    ],
    [
      'a deadline on a matter no layer limits',
      'aba/catalog.pack.json',
      (p: any) => delete p.deadlinePolicy.matters.catalogReview,
      'MATTER_NEVER_DUE',
      /aba\.catalog\.review-overdue/,
    ],
  ])('%s', (_what, file, edit, code, mention) => {
    const r = lint(rulesWith(file, edit))
    const found = line(r.stdout, code)
    expect(found, r.stdout).toBeDefined()
    expect(found).toMatch(new RegExp(`${file.replace(/[./]/g, (c) => `\\${c}`)}:\\d+:\\d+`))
    expect(found).toMatch(mention)
  })

  it('contradictory deadlines: two packs of one level giving the same matter different limits fail lint', () => {
    const dir = rulesWith(
      'aba/supervision.pack.json',
      (p) =>
        (p.deadlinePolicy.matters.catalogUpdate = {
          limit: { days: 12, unit: 'working' },
          citation: { document: '测试', article: '第一条' },
        }),
    )
    const r = lint(dir)
    expect(r.exitCode).toBe(1)
    expect(line(r.stdout, 'DEADLINE_CONFLICT')).toMatch(/15 个工作日.*12 个工作日|12 个工作日.*15 个工作日/)
  })

  it('a catalog item naming a standard its layers lack', () => {
    const r = lint(
      rulesWith('catalog/lixian.catalog.json', (c) => (c.items[1].discretionStandard = 'lx.discretion.nowhere')),
    )
    expect(line(r.stdout, 'STANDARD_UNKNOWN')).toMatch(/LX-XZCF-SJ-0122.*lx\.discretion\.nowhere/)
  })

  it('a county overriding a province rule says what it changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-law-'))
    cpSync(RULES, dir, { recursive: true })
    const province = JSON.parse(readFileSync(join(dir, 'sichuan/platform.pack.json'), 'utf8'))
    const county = {
      ...province,
      id: 'lx.test',
      jurisdiction: { code: '513222', name: '理县', level: 'county' },
      rules: [structuredClone(province.rules[1])],
    }
    county.rules[0].conditions.all[1].value = 2
    writeFileSync(join(dir, 'lixian/test.pack.json'), JSON.stringify(county, null, 2))
    expect(line(lint(dir).stdout, 'RULE_OVERRIDDEN', /lx|理县/)).toMatch(
      /recordingDelayWorkingDays greaterThan：参数 sc-pl\.timely-entry → 2/,
    )
  })
})
