/** A notice never cites a document that was not in force: the 阿坝州办法 (2017-05-18 … 2019-05-18) only while it was. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Problem } from '../../src/errors/xingquan-error.js'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { ruleSetFor } from '../../src/evaluation/evaluation.js'
import { lintTemplates } from '../../src/lint/lint-templates.js'
import { composeNotices, type NoticeSelection } from '../../src/notices/compose-notices.js'
import { documentsInForce, NOTICE_DOCUMENTS } from '../../src/notices/documents.js'
import { FileNoticeNumberIssuer } from '../../src/notices/file-number-issuer.js'
import { NoticeRenderer } from '../../src/notices/notice-renderer.js'
import { DEFAULT_ORGANS_DIR, loadOrgansOrThrow } from '../../src/notices/organs.js'
import { DEFAULT_TEMPLATES_DIR } from '../../src/notices/template-library.js'
import { loadPacks } from '../../src/rules/rule-library.js'
import type { CaseFile } from '../../src/types/generated.js'
import { library, readExampleCase, tempDir } from './harness.js'

const ABA = '阿坝州行政权力依法规范公开运行实施办法(试行)'
const ES = '四川省行政权力依法规范公开运行电子监察管理办法(试行)'

// the shipped rules only: the notice fixture pack declares the 阿坝州办法 without an end, so it is left out here
const env = loadEnvironment()
const shippedDeps = () => ({
  env,
  renderer: new NoticeRenderer(library(), env.calendar),
  organs: loadOrgansOrThrow(),
  issuer: new FileNoticeNumberIssuer(tempDir()),
})
const notices = async (caseFile: CaseFile, selection: NoticeSelection) =>
  (await composeNotices(shippedDeps(), caseFile, selection)).notices

describe('whether a document is in force comes from the packs', () => {
  const layers = ruleSetFor(env, '513222').layers
  it('the 阿坝州办法 is in force to 2019-05-18 (two years counted as 民法典 第二百零一条 counts) and lapsed from 2019-05-19', () => {
    expect(documentsInForce(layers, ['2018-06-05']).inForce.has(ABA)).toBe(true)
    expect(documentsInForce(layers, ['2019-05-18']).inForce.has(ABA)).toBe(true)
    expect(documentsInForce(layers, ['2019-05-19']).inForce.has(ABA)).toBe(false)
    expect(documentsInForce(layers, ['2025-10-31']).inForce.has(ES)).toBe(true)
  })
  it("a document must be in force on every day asked (the evaluation's and the notice's)", () => {
    expect(documentsInForce(layers, ['2019-05-10', '2019-05-20']).inForce.has(ABA)).toBe(false)
  })
  it('every document the notices know is the issuing document of a shipped pack, spelt the same', () => {
    const titles = new Set(loadPacks().packs.map((p) => p.pack.issuingDocument.title))
    expect(NOTICE_DOCUMENTS.filter((d) => !titles.has(d.title)).map((d) => d.title)).toEqual([])
  })
})

describe('a red alarm of 2025 (理县, 阿坝州办法 lapsed)', async () => {
  const caseFile = JSON.parse(readFileSync('examples/cases/food-licence-stalled.json', 'utf8')) as CaseFile
  const made = await notices(caseFile, { at: '2025-10-31T09:00:00+08:00' })
  const red = made.find((n) => n.ruleId === 'sc.deadline.statutory-overdue')!

  it('cites no 阿坝州 document, and nothing else the evaluation made does either', () => {
    expect(red.template).toBe('red-alarm')
    expect(red.context.inForce.aba).toBe(false)
    expect(red.context.inForce.electronicSupervision).toBe(true)
    for (const n of made) {
      expect(n.text).not.toContain('阿坝州')
      expect(n.text).not.toContain(ABA)
    }
  })
  it("cites the issuing authority's own task instead (平台办法 第五条(五)); 第八条 only as what the 监察机关 may do", () => {
    const PL = '四川省行政权力依法规范公开运行平台建设和使用管理办法(试行)'
    expect(red.text).toContain(`《${PL}》第五条(五)规定：`)
    expect(red.context.notice.basis.map((c) => `${c.document}${c.article}${c.item ?? ''}`)).toEqual([`${PL}第五条(五)`])
    // the organ issuing (行权平台主管部门) and the article must agree: 第八条's powers are the 监察机关's
    expect(red.context.notice.basis.map((c) => c.document)).not.toContain(ES)
    expect(red.text).toContain('依照电子监察办法第八条第（一）项、第（三）项、第（四）项，监察机关可以要求你单位')
    expect(red.context.deadline?.basis.note).toContain('平台办法第五条(五)')
  })
  it("a province rule's citation of a lapsed 阿坝州 article is left out of the yellow warning", () => {
    const yellow = made.find((n) => n.ruleId === 'sc.deadline.step-overdue')!
    expect(yellow.context.firing.alsoCites.map((c) => c.document)).not.toContain(ABA)
    expect(yellow.text).toContain('平台建设和使用管理办法(试行)》第五条(五)规定')
  })
})

describe('a red alarm of 2018 (阿坝州办法 in force)', async () => {
  const caseFile = readExampleCase('rules/aba/examples/time-red-alarm-cleared-by-force-majeure.example.json')
  const made = await notices(caseFile, { event: 3, rule: 'sc.deadline.statutory-overdue' })
  const red = made[0]!

  it('still cites 阿坝州办法 第四十二条 and 第四十八条(七)', () => {
    expect(red.context.evaluation.on).toBe('2018-06-05')
    expect(red.context.inForce.aba).toBe(true)
    expect(red.text).toContain(`《${ABA}》第四十二条规定：“行权平台主管部门对督查中发现的问题`)
    expect(red.text).toContain(
      `《${ABA}》第四十八条(七)规定：“行政权力事项不按时办理或不按流程办理，电子监察平台发出红灯报警的”`,
    )
    expect(red.text).toContain('属于阿坝州办法第四十八条第（七）项规定应当追究行权部门及相关责任人责任的情形')
    expect(red.text).toContain('查明超时原因')
    expect(red.text).not.toContain('第八条(一)(三)(四)')
  })
})

describe('a red alarm cites the 第四十八条 item of the firing that called for it, or none', async () => {
  it('evidence changed in 2018: 第四十八条(八), never (七) or 超时', async () => {
    const caseFile = readExampleCase('rules/aba/examples/evidence-changed-cleared-by-force-majeure.example.json')
    const red = (await notices(caseFile, { event: 4, rule: 'sc.supervision.evidence-changed' }))[0]!
    expect(red.context.accountability?.citation.item).toBe('(八)')
    expect(red.text).toContain('属于阿坝州办法第四十八条第（八）项规定应当追究行权部门及相关责任人责任的情形')
    expect(red.text).toContain(`《${ABA}》第四十八条(八)规定：“擅自修改行权平台系统软件、数据库的`)
    expect(red.text).not.toContain('第（七）项')
    expect(red.text).not.toContain('第四十八条(七)')
    expect(red.text).not.toContain('超时')
  })
  it('a decision without its evidence in 2018, on a case that also has (七) and (八) findings: no item cited', async () => {
    const caseFile = readExampleCase('rules/sichuan/examples/process-breaches.example.json')
    const to2018 = (t: string) => t.replace(/^2025-11-/, '2018-11-')
    const oldCase = {
      ...caseFile,
      events: caseFile.events.map((e) => ({
        ...e,
        occurredAt: to2018(e.occurredAt),
        recordedAt: to2018(e.recordedAt),
      })),
    } as CaseFile
    const red = (await notices(oldCase, { event: 12, rule: 'sc.supervision.decision-without-evidence' }))[0]!
    expect(red.context.inForce.aba).toBe(true)
    expect(red.context.evaluation.on).toBe('2018-11-11')
    expect(red.context.accountability).toBeNull()
    expect(red.text).not.toContain('第四十八条')
    expect(red.text).not.toContain('超时')
  })
})

describe('lint: a template cites a document only within its conditions', () => {
  const packs = loadPacks().packs
  const lint = (replace: Record<string, (text: string) => string>): Problem[] => {
    const dir = tempDir('xingquan-templates-')
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true })
    for (const [name, edit] of Object.entries(replace))
      writeFileSync(join(dir, name), edit(readFileSync(join(dir, name), 'utf8')))
    return lintTemplates({ templatesDir: dir, packs, organsDir: DEFAULT_ORGANS_DIR }).filter((p) =>
      p.code.startsWith('TEMPLATE_'),
    )
  }

  it('a sentence naming the 阿坝州办法 outside {{#if inForce.aba}}', () => {
    const ps = lint({ 'red-alarm.hbs': (t) => t.replace('<p>（一）', '<p>依照阿坝州办法第四十二条，（一）') })
    expect(ps.map((p) => [p.code, p.file?.endsWith('red-alarm.hbs'), p.line !== undefined])).toEqual([
      ['TEMPLATE_CITES_UNCONDITIONALLY', true, true],
    ])
  })
  it('the same sentence inside {{#if inForce.aba}} is fine; in its {{else}} it is not', () => {
    expect(
      lint({
        'red-alarm.hbs': (t) =>
          t.replace('<p>（一）', '{{#if inForce.aba}}<p>依照阿坝州办法第四十二条。</p>{{/if}}\n<p>（一）'),
      }),
    ).toEqual([])
    expect(
      lint({
        'red-alarm.hbs': (t) =>
          t.replace(
            '<p>（一）',
            '{{#if inForce.aba}}<p>甲</p>{{else}}<p>依照阿坝州办法第四十二条。</p>{{/if}}\n<p>（一）',
          ),
      }).map((p) => p.code),
    ).toEqual(['TEMPLATE_CITES_UNCONDITIONALLY'])
  })
  it('a deadline note naming the 阿坝州办法 without an alternative for when it has lapsed', () => {
    const ps = lint({
      'red-alarm.json': (t) => {
        const meta = JSON.parse(t) as { whenNotInForce: Record<string, { deadlineBasis?: unknown }> }
        delete meta.whenNotInForce[ABA]!.deadlineBasis
        return JSON.stringify(meta)
      },
    })
    expect(ps.map((p) => [p.code, p.file?.endsWith('red-alarm.json')])).toEqual([
      ['TEMPLATE_CITES_UNCONDITIONALLY', true],
    ])
  })
  it('a basis citing a document the notices do not know', () => {
    const inline = '{ "document": "某某办法", "article": "第一条", "text": "……" }'
    const ps = lint({ 'yellow-warning.json': (t) => t.replace('{ "provision": "aba.42.1" }', inline) })
    expect(ps.map((p) => p.code)).toEqual(['TEMPLATE_DOCUMENT_UNKNOWN'])
  })
})
