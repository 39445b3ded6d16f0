/** Lint catches a broken template before any notice is sent: unknown helper, missing partial, missing field, unescaped output. */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Problem } from '../../src/errors/xingquan-error.js'
import { lintRules } from '../../src/lint/lint-packs.js'
import { lintTemplates } from '../../src/lint/lint-templates.js'
import { DEFAULT_ORGANS_DIR } from '../../src/notices/organs.js'
import { DEFAULT_TEMPLATES_DIR } from '../../src/notices/template-library.js'
import { loadPacks } from '../../src/rules/rule-library.js'
import { FIXTURE_RULES, tempDir } from './harness.js'

/** A copy of the shipped templates with one file replaced. */
function templatesWith(files: Record<string, string>): string {
  const dir = tempDir('xingquan-templates-')
  cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const shippedPacks = () => [...loadPacks().packs, ...loadPacks(FIXTURE_RULES).packs]
const lint = (templatesDir: string, packs = shippedPacks()) =>
  lintTemplates({ templatesDir, packs, organsDir: DEFAULT_ORGANS_DIR })
const codes = (ps: Problem[]) => ps.map((p) => p.code)
const redAlarm = () => readFileSync(join(DEFAULT_TEMPLATES_DIR, 'red-alarm.hbs'), 'utf8')

describe('the shipped templates', () => {
  it('lint clean against the shipped rules, the fixture rules and the organs', () => {
    expect(lint(DEFAULT_TEMPLATES_DIR).map((p) => `${p.file}:${p.line} ${p.code} ${p.zh}`)).toEqual([])
  })
  it('and `xingquan lint` of the rules directory includes them', () => {
    expect(
      lintRules('rules', { today: '2026-11-26', templatesDir: DEFAULT_TEMPLATES_DIR }).filter(
        (p) => (p.severity ?? 'error') === 'error',
      ),
    ).toEqual([])
  })
})

describe('a broken template is an error with file and line', () => {
  it('an unknown helper', () => {
    const dir = templatesWith({
      'red-alarm.hbs': redAlarm().replace('{{date deadline.date}}', '{{shout deadline.date}}'),
    })
    const [p, ...rest] = lint(dir)
    expect(rest).toEqual([])
    expect(p).toMatchObject({
      code: 'TEMPLATE_HELPER_UNKNOWN',
      file: expect.stringMatching(/red-alarm\.hbs$/),
      line: 19,
    })
    expect(p!.zh).toContain('助手“shout”不存在')
  })

  it('an unknown block helper', () => {
    const dir = templatesWith({ 'red-alarm.hbs': redAlarm().replace('<p>（一）', '{{#bold}}x{{/bold}}<p>（一）') })
    expect(codes(lint(dir))).toEqual(['TEMPLATE_HELPER_UNKNOWN'])
  })

  it('a partial that does not exist', () => {
    const dir = templatesWith({ 'red-alarm.hbs': redAlarm().replace('{{> case-facts}}', '{{> case-summary}}') })
    const problems = lint(dir)
    expect(codes(problems)).toEqual(['TEMPLATE_PARTIAL_MISSING'])
    expect(problems[0]!.zh).toContain('部件“case-summary”不存在')
  })

  it('a field the notice data does not have, also inside a partial, naming the template it was reached from', () => {
    const dir = templatesWith({ '_partials/case-facts.hbs': '<p>{{case.applicant.nmae}}</p>\n' })
    const problems = lint(dir)
    expect(new Set(codes(problems))).toEqual(new Set(['TEMPLATE_FIELD_UNKNOWN']))
    expect(problems.length).toBeGreaterThanOrEqual(6) // every template that includes the partial
    expect(problems[0]).toMatchObject({
      file: expect.stringMatching(/_partials\/case-facts\.hbs$/),
      line: 1,
      column: 6,
    })
    expect(problems[0]!.zh).toContain('case.applicant.nmae')
    expect(problems[0]!.zh).toContain('经由 notice-layout → body → case-facts')
  })

  it('a field that may be absent, used without a guard (a blank in a printed notice)', () => {
    const dir = templatesWith({
      'red-alarm.hbs': redAlarm().replace('<p>（一）', '<p>办结日期：{{date case.closedOn}}</p><p>（一）'),
    })
    const problems = lint(dir)
    expect(codes(problems)).toEqual(['TEMPLATE_FIELD_OPTIONAL'])
    expect(problems[0]!.zh).toContain('{{#if case.closedOn}}')
    const guarded = templatesWith({
      'red-alarm.hbs': redAlarm().replace(
        '<p>（一）',
        '{{#if case.closedOn}}<p>办结日期：{{date case.closedOn}}</p>{{/if}}<p>（一）',
      ),
    })
    expect(lint(guarded)).toEqual([])
  })

  it('a field a template needs only when its description provides it (deadline, event, report)', () => {
    const meta = JSON.parse(readFileSync(join(DEFAULT_TEMPLATES_DIR, 'red-alarm.json'), 'utf8')) as Record<
      string,
      unknown
    >
    delete meta.deadline
    const dir = templatesWith({
      'red-alarm.json': JSON.stringify(meta),
      'yellow-warning.hbs': readFileSync(join(DEFAULT_TEMPLATES_DIR, 'yellow-warning.hbs'), 'utf8').replace(
        '特此提醒。',
        '{{report.complainant}}',
      ),
    })
    const problems = lint(dir)
    expect(
      problems.filter((p) => p.file?.endsWith('red-alarm.hbs') || p.zh.startsWith('red-alarm')).map((p) => p.code),
    ).toContain('TEMPLATE_FIELD_OPTIONAL')
    expect(problems.some((p) => p.zh.startsWith('red-alarm') && p.zh.includes('deadline'))).toBe(true)
    expect(
      problems.some(
        (p) => p.zh.startsWith('yellow-warning') && p.zh.includes('report') && p.zh.includes('addressee 须为 reporter'),
      ),
    ).toBe(true)
  })

  it('unescaped output', () => {
    const dir = templatesWith({ 'red-alarm.hbs': redAlarm().replace('{{case.name}}', '{{{case.name}}}') })
    expect(codes(lint(dir))).toEqual(['TEMPLATE_UNESCAPED'])
  })

  it('a syntax error', () => {
    const dir = templatesWith({ 'red-alarm.hbs': redAlarm().replace('{{/inline}}', '{{/inlin}}') })
    const problems = lint(dir)
    expect(codes(problems)).toEqual(['TEMPLATE_SYNTAX'])
    expect(problems[0]!.line).toBe(2)
  })

  it('a template without its description', () => {
    const dir = templatesWith({})
    rmSync(join(dir, 'supervision-urge.json'))
    expect(codes(lint(dir))).toEqual(['TEMPLATE_META_MISSING'])
  })
})

describe('a rule that does not give what its notice needs', () => {
  function rulesWith(rule: Record<string, unknown>): string {
    const dir = tempDir('xingquan-rules-')
    const pack = JSON.parse(readFileSync('rules/sichuan/electronic-supervision.pack.json', 'utf8')) as {
      rules: Record<string, unknown>[]
    }
    pack.rules = [{ ...pack.rules[0], ...rule }]
    writeFileSync(join(dir, 'one.pack.json'), JSON.stringify(pack, null, 2))
    return dir
  }

  it('a citation without the text the notice quotes', () => {
    const dir = rulesWith({
      id: 'x.no-text',
      citation: { document: '四川省行政权力依法规范公开运行电子监察管理办法(试行)', article: '第十条', item: '(二)3' },
    })
    const problems = lint(DEFAULT_TEMPLATES_DIR, loadPacks(dir).packs)
    expect(codes(problems)).toEqual(['NOTICE_FIELD_MISSING'])
    expect(problems[0]).toMatchObject({ pointer: '/rules/0', line: expect.any(Number) })
    expect(problems[0]!.zh).toContain('citation.text')
  })

  it('a param the template uses', () => {
    const templates = templatesWith({
      'red-alarm.hbs': redAlarm().replace('<p>（一）', '<p>裁量档次上限：{{yuan firing.params.bandMax}}</p><p>（一）'),
    })
    const without = lint(templates, loadPacks(rulesWith({ id: 'x.no-params' })).packs)
    expect(codes(without)).toEqual(['NOTICE_FIELD_MISSING'])
    expect(without[0]!.zh).toContain('params.bandMax')
    expect(lint(templates, loadPacks(rulesWith({ id: 'x.params', params: { bandMax: 5000 } })).packs)).toEqual([])
  })

  it('a rule that can fire on events that do not carry what the notice lists', () => {
    const problems = lint(
      DEFAULT_TEMPLATES_DIR,
      loadPacks(rulesWith({ id: 'x.supplement', notice: 'supplement-notice' })).packs,
    )
    expect(codes(problems)).toEqual(['NOTICE_EVENT_MISMATCH'])
    expect(problems[0]!.zh).toContain('supplementRequested')
  })

  it('a rule of a kind the notice is not for', () => {
    const problems = lint(
      DEFAULT_TEMPLATES_DIR,
      loadPacks(rulesWith({ id: 'x.kind', notice: 'accountability-finding' })).packs,
    )
    expect(codes(problems)).toEqual(['NOTICE_KIND_MISMATCH'])
  })

  it('and the rules lint fails on it, naming the pack file', () => {
    const dir = rulesWith({ id: 'x.no-text', citation: { document: '某办法', article: '第十条' } })
    const problems = lintRules(dir, { today: '2026-11-26', templatesDir: DEFAULT_TEMPLATES_DIR })
    expect(problems.find((p) => p.code === 'NOTICE_FIELD_MISSING')?.file).toMatch(/one\.pack\.json$/)
  })
})

describe('organs', () => {
  it('a broken organ file fails lint', () => {
    const dir = tempDir('xingquan-organs-')
    writeFileSync(
      join(dir, 'x.organs.json'),
      JSON.stringify({
        jurisdiction: { code: '513222', name: '理县' },
        organs: [{ id: 'x.dept', name: '某局', code: '某〔局', kind: 'actingDepartment', status: 'confirmed' }],
      }),
    )
    const problems = lintTemplates({ templatesDir: DEFAULT_TEMPLATES_DIR, packs: [], organsDir: dir })
    expect(problems.map((p) => [p.code, p.pointer])).toEqual(
      expect.arrayContaining([
        ['SCHEMA_INVALID', '/organs/0'],
        ['SCHEMA_INVALID', '/organs/0/code'],
      ]),
    )
  })
})
