import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chromiumPath, htmlToPdf } from '../../src/print/chromium-pdf.js'
import { breakTitlesByMeaning, titleUnits } from '../../src/notices/title-lines.js'

describe('notice titles broken by meaning (GB/T 9704-2012 7.3.3)', () => {
  it('keeps words and short quoted names whole, 的 with the word after it', () => {
    expect(titleUnits('关于“理县某某食品店食品经营许可”办件红灯报警的通知')).toBe(
      '<span class="tw">关于“理县某某食品店食品经营许可”</span><span class="tw">办件</span><span class="tw">红灯报警</span><span class="tw">的通知</span>',
    )
    expect(titleUnits('关于对理县市场监督管理局行政权力运行情况进行督办的通知')).toContain(
      '<span class="tw">市场监督管理局</span><span class="tw">行政权力</span>',
    )
    expect(titleUnits('关于“理县某某食品店食品经营许可”办件黄灯预警的提醒')).toContain(
      '<span class="tw">黄灯预警</span><span class="tw">的提醒</span>',
    )
  })

  it('splits a quoted name too long for a line into its words, and leaves markup alone', () => {
    const long = titleUnits('关于“理县某某农业开发有限公司林木采伐许可证延续申请”办件红灯报警的通知')
    expect(long).not.toContain('关于“理县某某农业开发有限公司林木采伐许可证延续申请”</span>')
    expect(long.replace(/<[^>]+>/g, '')).toBe('关于“理县某某农业开发有限公司林木采伐许可证延续申请”办件红灯报警的通知')
    expect(titleUnits('关于<em>x</em>的通知')).toBe('关于<em>x</em>的通知')
    expect(breakTitlesByMeaning('<h2 class="doc-title">关于办件的通知</h2>')).toBe(
      '<h2 class="doc-title"><span class="tw">关于办件</span><span class="tw">的通知</span></h2>',
    )
  })
})

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
const notice = (paragraphs: number) => `<!doctype html><html><head><style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
.notice { width: 156mm; font-size: 16pt; line-height: 28.95pt; }
.notice p { margin: 0; }
.record { margin-top: 57.9pt; break-inside: avoid; }
@media print { .xq-record-page { break-before: page; } }
</style></head><body><article class="notice">${'<p>正文。</p>'.repeat(paragraphs)}<section class="record"><p>抄送：某某。</p><p>某某印发</p></section></article>
<script>${LAYOUT}</script></body></html>`
// the layout step as templates/_page.hbs has it
const LAYOUT = (await import('node:fs'))
  .readFileSync('templates/_page.hbs', 'utf8')
  .match(/<script>([\s\S]*?)<\/script>/)![1]!

describe.skipIf(!existsSync(chromiumPath()) && process.env.CI !== 'true')(
  'the 版记 on the last page, an even one, through Chromium',
  { timeout: 120_000 },
  () => {
    it('pushes it to the foot of an even last page, or to the next even page', async () => {
      if (!existsSync(chromiumPath())) console.warn('⚠ 跳过 / skipped: no Chromium')
      // 5 lines: body on page 1 (odd) → 版记 on page 2; 30 lines: body ends on page 2 with room → 2 pages; 40: page 2 full → 4
      for (const [lines, expected] of [
        [5, 2],
        [30, 2],
        [43, 4],
        [50, 4],
      ] as const)
        expect(pages(await htmlToPdf(notice(lines))), `${lines} lines`).toBe(expected)
    })
  },
)
