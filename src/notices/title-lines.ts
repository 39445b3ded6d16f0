/** A notice's title broken only between words (GB/T 9704-2012 7.3.3: 回行时要做到词意完整), never inside one. */

const SEGMENTER = new Intl.Segmenter('zh-CN', { granularity: 'word' })
/** A quoted name at most this long stays on one line (a title line holds about 20 characters of 2号 type). */
const QUOTE_MAX = 19

const unit = (text: string) => `<span class="tw">${text}</span>`

/** Terms of the notices' titles that a general dictionary splits (办/件, 黄/灯); kept whole, longest first. */
const TERMS = [
  '红灯报警',
  '黄灯预警',
  '市场监督管理局',
  '行政权力',
  '责任追究',
  '办件',
  '督办',
  '整改',
  '补正',
  '答复',
  '事项',
  '理县',
  '阿坝州',
  '四川省',
]
const TERM = new RegExp(`(${TERMS.join('|')})`)
const PARTICLE = new Set(['的', '关于', '对', '“'])

/** Dictionary words, with the title's own terms whole and runs of single characters (unknown words) joined. */
function segments(text: string): string[] {
  const out: string[] = []
  for (const [i, piece] of text.split(TERM).entries()) {
    if (piece === '') continue
    if (i % 2 === 1) {
      out.push(piece)
      continue
    }
    let run = ''
    for (const { segment } of SEGMENTER.segment(piece)) {
      if ([...segment].length === 1 && !PARTICLE.has(segment)) {
        run += segment
        continue
      }
      if (run) out.push(run)
      run = ''
      out.push(segment)
    }
    if (run) out.push(run)
  }
  return out
}

/** The words of plain (already escaped) text, with 的 kept with the word after it and 关于 with the one after it. */
function words(text: string): string[] {
  const out: string[] = []
  let carry = ''
  for (const segment of segments(text)) {
    if (PARTICLE.has(segment)) {
      carry += segment
      continue
    }
    out.push(carry + segment)
    carry = ''
  }
  if (carry) out.push(carry)
  return out
}

/**
 * The title's text as unbreakable word units: a quoted name short enough for a line is one unit (with 关于 before it),
 * anything else is split into words. Markup inside the title is left as it is.
 * @example titleUnits('关于“某某食品店食品经营许可”办件红灯报警的通知')
 * // '<span class="tw">关于“某某食品店食品经营许可”</span><span class="tw">办件</span>…<span class="tw">的通知</span>'
 */
export function titleUnits(title: string): string {
  if (/<[a-z]/i.test(title)) return title
  const parts = title.split(/(“[^”]*”)/)
  const units: string[] = []
  for (const [i, part] of parts.entries()) {
    if (part === '') continue
    if (i % 2 === 1 && [...part].length <= QUOTE_MAX) {
      const last = units[units.length - 1]
      if (last !== undefined && /^(关于|对)$/.test(last)) units[units.length - 1] = last + part
      else units.push(part)
    } else units.push(...words(part))
  }
  return units.map(unit).join('')
}

/**
 * Every `<h2 class="doc-title">` of rendered notices with its text as word units.
 * @example breakTitlesByMeaning(article)
 */
export function breakTitlesByMeaning(html: string): string {
  return html.replace(
    /(<h2 class="doc-title">)([\s\S]*?)(<\/h2>)/g,
    (_m, open: string, inner: string, close: string) => `${open}${titleUnits(inner.trim())}${close}`,
  )
}
