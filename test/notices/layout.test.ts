/** The print layout after GB/T 9704-2012: A4 page and margins, fonts, the 成文日期, and the plain-text rendering. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATES_DIR } from '../../src/notices/template-library.js'
import { displayWidth, LINE_CHARS } from '../../src/notices/html-to-text.js'
import { deps, library, noticeOf, readCase, tempDir } from './harness.js'

describe('A4 HTML', () => {
  it('is a complete page with @page A4 and the standard margins (天头 37mm, 订口 28mm, 版心 156×225mm)', async () => {
    const n = await noticeOf(readCase('penalty-decision-without-evidence'), {
      event: 5,
      rule: 'test.rectify.decision-without-evidence',
    })
    const html = deps().renderer.page([n.article], n.title)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('size: A4;')
    expect(html).toContain('margin: 37mm 26mm 35mm 28mm;')
    expect(html).toContain('width: 156mm;')
    expect(html).toMatch(/--fangsong: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋"/)
    expect(html).toMatch(/--heiti: "SimHei", "黑体"/)
    expect(html).toContain('font-size: 16pt;') // 3号
    expect(html).toContain('counter(page)')
    expect(html).toContain('<h1 class="organ-mark">理县人民政府办公室</h1>')
    expect(html).toContain('<p class="doc-number">理府办〔2025〕1号</p>')
    expect(html).toContain('<p class="doc-date">2025年9月28日</p>')
  })

  it('puts several notices on separate pages of one document', async () => {
    const d = deps()
    const a = await noticeOf(readCase('licence-supplement'), { event: 2, rule: 'test.supplement.requested' })
    const b = await noticeOf(readCase('licence-real-name-report'), { event: 3, rule: 'test.report.received' })
    const html = d.renderer.page([a.article, b.article], '文书')
    expect(html.match(/<article /g)).toHaveLength(2)
    expect(html).toContain('.notice + .notice { break-before: page; }')
  })
})

describe('dates', () => {
  it('uses Arabic numerals for the 成文日期 by default and Chinese numerals when the template says so', async () => {
    const dir = tempDir()
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true })
    const metaPath = join(dir, 'supervision-urge.json')
    writeFileSync(metaPath, JSON.stringify({ ...JSON.parse(readFileSync(metaPath, 'utf8')), dateStyle: 'chinese' }))
    const plain = await noticeOf(readCase('penalty-evidence-changed'), { event: 3, rule: 'test.urge.evidence-changed' })
    expect(plain.text).toMatch(/\n\s+2025年12月29日\n/)
    const chinese = await noticeOf(
      readCase('penalty-evidence-changed'),
      { event: 3, rule: 'test.urge.evidence-changed' },
      { library: library(dir) },
    )
    expect(chinese.text).toMatch(/\n\s+二〇二五年十二月二十九日\n/)
    expect(chinese.text).toContain('于二〇二六年一月二十七日前（20个工作日内）')
  })
})

describe('plain text', () => {
  it('lays the notice out on a 28-character line: title centred, paragraphs indented two characters, date four characters from the right', async () => {
    const n = await noticeOf(readCase('penalty-decision-without-evidence'), {
      event: 5,
      rule: 'test.rectify.decision-without-evidence',
    })
    const lines = n.text.split('\n')
    const title = lines.find((l) => l.includes('责令限期整改通知书'))!
    expect(
      Math.abs(title.length - title.trimStart().length - (LINE_CHARS * 2 - displayWidth('责令限期整改通知书')) / 2),
    ).toBeLessThanOrEqual(1)
    expect(lines.find((l) => l.includes('现责令你单位'))!.startsWith('\u3000\u3000')).toBe(true)
    const date = lines.find((l) => /^\s+2025年9月28日$/.test(l))!
    expect(displayWidth(date)).toBe(LINE_CHARS * 2 - 8)
    expect(n.text).not.toMatch(/<[a-z]/)
    expect(n.text).not.toContain('&#')
    expect(n.text).toContain('【预览稿】文号未占用，不得作为正式文书印发')
  })
})
