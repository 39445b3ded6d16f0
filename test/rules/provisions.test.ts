/** Provisions: the documents' own words, checked against the policy text; rules and templates cite them by id. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lintRules } from '../../src/lint/lint-packs.js'
import { lintTemplates } from '../../src/lint/lint-templates.js'
import { DEFAULT_TEMPLATES_DIR, loadTemplateLibrary } from '../../src/notices/template-library.js'
import { inlineCitations, loadProvisions } from '../../src/provisions/provision-library.js'
import { DEFAULT_RULES_DIR, loadPacks } from '../../src/rules/rule-library.js'
import { firingOf } from '../../src/rules/rule-set.js'

/** The 理县 notice of 2017-05-18 forwarding the four documents, as ../shared/policy/ holds it. */
const POLICY_COPY = 'test/fixtures/policy/lixian-2017-05-18.txt'
const POLICY_SHARED = '../shared/policy/000_8c9892f773d0b649.txt'
const FOUR = [
  'rules/sichuan/platform.provisions.json',
  'rules/sichuan/catalog-adjustment.provisions.json',
  'rules/sichuan/electronic-supervision.provisions.json',
  'rules/aba/implementation-measures.provisions.json',
]

/** Whitespace removed and NFKC (the web copy prints ， ； ： （ ） half-width and puts spaces inside words). */
const normal = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')
const policy = normal(readFileSync(POLICY_COPY, 'utf8'))
const { library, problems } = loadProvisions(DEFAULT_RULES_DIR)

describe('the provisions of the four Sichuan and Aba documents are their own words', () => {
  it('the copy in test/fixtures is the policy file of ../shared/policy/, byte for byte (when that folder is there)', () => {
    if (existsSync(POLICY_SHARED)) expect(readFileSync(POLICY_COPY, 'utf8')).toBe(readFileSync(POLICY_SHARED, 'utf8'))
    expect(policy.length).toBeGreaterThan(10_000)
  })

  it('the provisions files load without a problem', () => {
    expect(problems).toEqual([])
  })

  it.each(FOUR)('every text of %s is found verbatim in the policy file', (file) => {
    const content = library.files.find((f) => f.file === file)?.content
    expect(content?.verbatim).toBe(true)
    const missing = content!.provisions.filter((p) => !policy.includes(normal(p.text))).map((p) => p.id)
    expect(missing).toEqual([])
    expect(content!.provisions.length).toBeGreaterThan(10)
  })

  it('a text changed by one character is not found (the check can fail)', () => {
    const p = library.byId.get('sc-es.9')!
    expect(policy.includes(normal(p.text))).toBe(true)
    expect(policy.includes(normal(p.text.replace('20个工作日', '25个工作日')))).toBe(false)
  })

  it('labels and items follow the packs: 第十条第（二）项第3目 is (二)3, 第五十一条第二款 is 第二款', () => {
    expect(library.byId.get('sc-es.10.2.3')).toMatchObject({
      label: '第十条第（二）项第3目',
      article: '第十条',
      item: '(二)3',
      text: '行政权力运行环节有无超过法定时限或对外公开承诺的时限；',
    })
    expect(library.byId.get('aba.51.p2')).toMatchObject({
      label: '第五十一条第二款',
      item: '第二款',
      from: '2017-05-18',
      until: '2019-05-19',
    })
    expect(library.byId.get('aba.48.7')?.text).toBe(
      '行政权力事项不按时办理或不按流程办理，电子监察平台发出红灯报警的；',
    )
  })
})

describe('rules and templates cite provisions by id', () => {
  const { packs } = loadPacks()

  it('no shipped pack but the 理县 discretion pack writes a citation out inline', () => {
    const raw = packs
      .filter((p) => !p.file.endsWith('discretion-standards.pack.json'))
      .map((p) => [p.file, inlineCitations(JSON.parse(readFileSync(p.file, 'utf8')))])
    expect(raw.filter(([, inline]) => inline!.length > 0)).toEqual([])
  })

  it('a loaded rule carries the document, article, item and text of its provision, as records and notices show them', () => {
    const es = packs.find((p) => p.pack.id === 'sc.electronic-supervision')!
    const raw = JSON.parse(readFileSync(es.file, 'utf8')) as { rules: { id: string; citation: unknown }[] }
    expect(raw.rules.find((r) => r.id === 'sc.deadline.statutory-overdue')!.citation).toEqual({
      provision: 'sc-es.10.2.3',
    })
    const rule = es.pack.rules.find((r) => r.id === 'sc.deadline.statutory-overdue')!
    expect(rule.citation).toEqual({
      document: '四川省行政权力依法规范公开运行电子监察管理办法(试行)',
      article: '第十条',
      item: '(二)3',
      text: '行政权力运行环节有无超过法定时限或对外公开承诺的时限；',
      provision: 'sc-es.10.2.3',
      label: '第十条第（二）项第3目',
    })
    const firing = firingOf({ rule, pack: es }, { kind: 'boolean', operator: 'all', children: [], result: true })
    expect(firing.citation).toMatchObject({ article: '第十条', item: '(二)3', text: rule.citation.text })
  })

  it('a template basis is resolved too (two items of 第八条 where the text once joined them)', () => {
    const { library: templates } = loadTemplateLibrary()
    const basis =
      templates.templates.get('supervision-recommendation')!.meta.whenNotInForce![
        '阿坝州行政权力依法规范公开运行实施办法(试行)'
      ]!.basis!
    expect(basis.map((c) => `${c.article}${c.item}`)).toEqual(['第八条(三)', '第八条(四)'])
    expect(basis[1]!.text).toBe('提出行政过错责任追究建议或意见。')
  })
})

describe('lint fails on a citation that names no provision', () => {
  function dirWith(edit: (text: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-provisions-'))
    const text = readFileSync('rules/sichuan/platform.pack.json', 'utf8')
    writeFileSync(join(dir, 'platform.pack.json'), edit(text))
    return dir
  }

  it('an unknown id is an error with file, line, pointer, in Chinese and English', () => {
    const dir = dirWith((t) => t.replace('{ "provision": "sc-pl.6" }', '{ "provision": "sc-pl.66" }'))
    const found = lintRules(dir, { today: '2026-11-26' }).filter((p) => p.code === 'CITATION_UNKNOWN')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      file: expect.stringMatching(/platform\.pack\.json$/),
      pointer: '/rules/0/citation/provision',
      line: expect.any(Number),
    })
    expect(found[0]!.zh).toContain('“sc-pl.66”不存在')
    expect(found[0]!.en).toContain('"sc-pl.66" does not exist')
  })

  it('the same pack with a known id has no such error', () => {
    expect(
      lintRules(
        dirWith((t) => t),
        { today: '2026-11-26' },
      ).filter((p) => p.code === 'CITATION_UNKNOWN'),
    ).toEqual([])
  })

  it('a template basis naming no provision fails the template lint, at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-templates-'))
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true })
    const file = join(dir, 'yellow-warning.json')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('{ "provision": "aba.42.1" }', '{ "provision": "aba.42.9" }'),
    )
    const found = lintTemplates({ templatesDir: dir, packs: loadPacks().packs }).filter(
      (p) => p.code === 'CITATION_UNKNOWN',
    )
    expect(found.map((p) => [p.file?.endsWith('yellow-warning.json'), p.pointer, p.line])).toEqual([
      [true, '/basis/0/provision', 20],
    ])
    expect(
      lintTemplates({ templatesDir: DEFAULT_TEMPLATES_DIR, packs: loadPacks().packs }).filter(
        (p) => p.code === 'CITATION_UNKNOWN',
      ),
    ).toEqual([])
  })

  it('a citation still written out loads, and lint warns to migrate it', () => {
    const inline =
      '{ "document": "四川省行政权力依法规范公开运行平台建设和使用管理办法(试行)", "article": "第六条", "text": "……" }'
    const ps = lintRules(
      dirWith((t) => t.replace('{ "provision": "sc-pl.6" }', inline)),
      { today: '2026-11-26' },
    )
    expect(ps.filter((p) => p.code === 'CITATION_INLINE').map((p) => [p.severity, p.pointer])).toEqual([
      ['warning', '/rules/0/citation'],
    ])
  })
})

describe('a rule applying on days its provision is not in force', () => {
  it('is a warning: the province rule sc.deadline.step-overdue also cites 阿坝州办法 第十六条(三), in force 2017-05-18 to 2019-05-19 only', () => {
    const found = lintRules('rules', { today: '2026-11-26' }).filter((p) => p.code === 'CITATION_NOT_IN_FORCE')
    expect(found.map((p) => [p.severity, p.file, p.pointer])).toEqual([
      [
        'warning',
        'rules/sichuan/electronic-supervision.pack.json',
        expect.stringMatching(/^\/rules\/\d+\/alsoCites\/0$/),
      ],
    ])
    expect(found[0]!.zh).toContain('aba.16.3（阿坝州实施办法 第十六条第（三）项）施行于 2017-05-18 至 2019-05-19')
  })
})
