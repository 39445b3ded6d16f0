/** Plain text from a rendered notice: the same article, laid out in a fixed 28-character line (GB/T 9704: 28 字/行). */

/** Characters per line, as on the printed page; a Chinese character takes two columns. */
export const LINE_CHARS = 28
const WIDTH = LINE_CHARS * 2
const INDENT = '\u3000\u3000'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** Undoes HTML escaping (named and numeric references). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#')
      return String.fromCodePoint(
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10),
      )
    return ENTITIES[ref.toLowerCase()] ?? m
  })
}

const wide = (c: string) =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u2014\u2026\u201c\u201d\u2018\u2019]/.test(
    c,
  ) || (c.codePointAt(0) ?? 0) > 0xffff

/** Display width: two columns for a Chinese character or full-width punctuation, one otherwise. */
export function displayWidth(s: string): number {
  let w = 0
  for (const c of s) w += wide(c) ? 2 : 1
  return w
}

/** Collapses white space; drops it next to a Chinese character, where Chinese text has none. */
function collapse(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()]
  return chars.filter((c, i) => c !== ' ' || !(wide(chars[i - 1] ?? '') || wide(chars[i + 1] ?? ''))).join('')
}

const center = (s: string) => ' '.repeat(Math.max(0, Math.floor((WIDTH - displayWidth(s)) / 2))) + s
const right = (s: string, margin: number) => ' '.repeat(Math.max(0, WIDTH - margin - displayWidth(s))) + s

interface Block {
  readonly classes: readonly string[]
  readonly text: string
  readonly spans: readonly string[]
}

function layoutBlock(b: Block, signatureWidth: number): string | undefined {
  const has = (c: string) => b.classes.includes(c)
  const text = collapse(b.text)
  if (has('record-issue') && b.spans.length === 2) {
    const [left = '', rightPart = ''] = b.spans.map(collapse)
    const gap = Math.max(2, WIDTH - 4 - displayWidth(left) - displayWidth(rightPart))
    return `  ${left}${' '.repeat(gap)}${rightPart}`
  }
  if (text === '') return undefined
  if (has('organ-mark') || has('doc-number') || has('doc-title') || has('preview-mark')) return center(text)
  if (has('doc-date')) return right(text, 8)
  if (has('signer') || has('seal')) {
    // 署名以成文日期为准居中：the date ends four characters from the right edge
    const dateStart = WIDTH - 8 - signatureWidth
    return ' '.repeat(Math.max(0, dateStart + Math.floor((signatureWidth - displayWidth(text)) / 2))) + text
  }
  if (has('addressee') || has('record-cc')) return has('record-cc') ? `  ${text}` : text
  return INDENT + text
}

/**
 * The plain text of rendered notice HTML (our own escaped markup: p, h1, h2, hr, span, br inside an article).
 * @example noticeText('<article><h2 class="doc-title">督办通知</h2><p>……</p></article>')
 */
export function noticeText(html: string): string {
  const body = /<article\b[^>]*>([\s\S]*?)<\/article>/i.exec(html)?.[1] ?? html
  const blocks: (Block | 'rule' | 'thin-rule')[] = []
  let classes: string[] = []
  let text = ''
  let spans: string[] = []
  let span: string | undefined
  const flush = () => {
    if (text.trim() !== '' || spans.length > 0) blocks.push({ classes, text, spans })
    text = ''
    spans = []
    classes = []
  }
  for (const token of body.split(/(<[^>]+>)/)) {
    if (!token.startsWith('<')) {
      const t = decodeEntities(token)
      text += t
      if (span !== undefined) span += t
      continue
    }
    const m = /^<(\/?)([a-z0-9]+)\b([^>]*)>$/i.exec(token)
    if (!m) continue
    const [, closing, tag = '', attrs = ''] = m
    const name = tag.toLowerCase()
    const cls = /class="([^"]*)"/.exec(attrs)?.[1]?.split(/\s+/) ?? []
    if (name === 'span') {
      if (closing) {
        spans.push(span ?? '')
        span = undefined
      } else span = ''
      continue
    }
    if (name === 'br') {
      text += '\n'
      continue
    }
    if (name === 'hr') {
      flush()
      blocks.push(cls.includes('record-rule-thin') ? 'thin-rule' : 'rule')
      continue
    }
    if (['p', 'h1', 'h2', 'h3', 'div', 'li', 'header', 'footer', 'section'].includes(name)) {
      flush()
      if (!closing) classes = cls
    }
  }
  flush()
  const dateBlock = blocks.find((b): b is Block => typeof b === 'object' && b.classes.includes('doc-date'))
  const signatureWidth = dateBlock ? displayWidth(collapse(dateBlock.text)) : 0
  const lines: string[] = []
  for (const b of blocks) {
    if (b === 'rule') lines.push('='.repeat(WIDTH))
    else if (b === 'thin-rule') lines.push('-'.repeat(WIDTH))
    else {
      const line = layoutBlock(b, signatureWidth)
      if (line === undefined) continue
      const gapBefore = b.classes.some((c) =>
        ['doc-title', 'addressee', 'signer', 'annotation', 'doc-number'].includes(c),
      )
      if (gapBefore && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('')
      lines.push(line)
    }
  }
  return `${lines.join('\n')}\n`
}
