/**
 * Writes the provisions files of the four documents the 理县 notice of 2017-05-18 forwards, parsed from its text
 * (test/fixtures/policy/lixian-2017-05-18.txt, a copy of ../shared/policy/000_8c9892f773d0b649.txt): every article,
 * paragraph (款), item (项) and sub-item (目) with its own words. Re-runnable: the same text gives the same files.
 *
 *   npx tsx scripts/migrate/policy-provisions.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fromChinese } from '../../src/provisions/numerals.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const SOURCE = 'test/fixtures/policy/lixian-2017-05-18.txt'

interface DocumentSpec {
  readonly file: string
  readonly id: string
  /** The line (1-based) of the document's title and the last line of its text. */
  readonly lines: readonly [number, number]
  readonly document: { title: string; issuer: string; issuedOn?: string }
  readonly effectiveFrom: string
  readonly effectiveUntil?: string
  readonly note?: string
}

const DOCUMENTS: readonly DocumentSpec[] = [
  {
    file: 'rules/sichuan/platform.provisions.json',
    id: 'sc-pl',
    lines: [19, 68],
    document: { title: '四川省行政权力依法规范公开运行平台建设和使用管理办法(试行)', issuer: '四川省人民政府办公厅' },
    effectiveFrom: '2014-02-01',
  },
  {
    file: 'rules/sichuan/catalog-adjustment.provisions.json',
    id: 'sc-cat',
    lines: [69, 104],
    document: { title: '四川省行政职权目录动态调整管理办法(试行)', issuer: '四川省人民政府法制办公室' },
    effectiveFrom: '2014-02-01',
  },
  {
    file: 'rules/sichuan/electronic-supervision.provisions.json',
    id: 'sc-es',
    lines: [105, 216],
    document: {
      title: '四川省行政权力依法规范公开运行电子监察管理办法(试行)',
      issuer: '四川省监察厅',
      issuedOn: '2014-02-01',
    },
    effectiveFrom: '2014-02-01',
  },
  {
    file: 'rules/aba/implementation-measures.provisions.json',
    id: 'aba',
    lines: [217, 458],
    document: {
      title: '阿坝州行政权力依法规范公开运行实施办法(试行)',
      issuer: '阿坝藏族羌族自治州人民政府办公室',
      issuedOn: '2017-05-18',
    },
    effectiveFrom: '2017-05-18',
    effectiveUntil: '2019-05-19',
    note: '有效期同阿坝州规则包（第五十六条：自印发之日起施行，有效期两年；印发日取理县转发之日，见规则包的 validityAssumption）',
  },
]

interface Provision {
  id: string
  label: string
  article: string
  item?: string
  text: string
  from: string
  until?: string
}

/**
 * The forwarded web page put spaces inside words (行政 许可) and printed the punctuation half-width (, ; : ( )): the
 * words are the same without the spaces, and the documents print their punctuation full-width, as notices quote it.
 * test/rules/provisions.test.ts compares under the same two normalisations (whitespace removed, NFKC).
 */
const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）' }
const clean = (s: string) => s.replace(/[\s\u3000]+/g, '').replace(/[,;:()]/g, (c) => FULL_WIDTH[c]!)

interface Item {
  marker: string
  numeral: string
  text: string
  subs: { n: string; text: string }[]
}
interface Paragraph {
  text: string
  items: Item[]
}
interface Article {
  numeral: string
  paragraphs: Paragraph[]
}

function parse(lines: readonly string[]): Article[] {
  const articles: Article[] = []
  for (const raw of lines) {
    const line = clean(raw)
    if (!line) continue
    const art = /^第([一二三四五六七八九十百零]+)条(.*)$/.exec(line)
    if (art) {
      articles.push({ numeral: art[1]!, paragraphs: [{ text: art[2]!, items: [] }] })
      continue
    }
    const current = articles.at(-1)
    if (!current || /^第[一二三四五六七八九十]+章/.test(line)) continue
    const paragraph = current.paragraphs.at(-1)!
    const item = /^（([一二三四五六七八九十]+)）(.*)$/.exec(line)
    if (item) {
      paragraph.items.push({ marker: `（${item[1]}）`, numeral: item[1]!, text: item[2]!, subs: [] })
      continue
    }
    const sub = /^(\d+)\.(.*)$/.exec(line)
    if (sub && paragraph.items.length > 0) {
      paragraph.items.at(-1)!.subs.push({ n: sub[1]!, text: sub[2]! })
      continue
    }
    if (sub) throw new Error(`a numbered line outside an item: ${line}`)
    current.paragraphs.push({ text: line, items: [] })
  }
  return articles
}

const PARAGRAPHS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

const itemText = (it: Item) => it.text + it.subs.map((s) => `${s.n}.${s.text}`).join('')
const paragraphText = (p: Paragraph) => p.text + p.items.map((it) => `${it.marker}${itemText(it)}`).join('')

function provisionsOf(spec: DocumentSpec, articles: readonly Article[]): Provision[] {
  const dates = { from: spec.effectiveFrom, ...(spec.effectiveUntil ? { until: spec.effectiveUntil } : {}) }
  const out: Provision[] = []
  for (const a of articles) {
    const article = `第${a.numeral}条`
    const n = fromChinese(a.numeral)
    out.push({
      id: `${spec.id}.${n}`,
      label: article,
      article,
      text: a.paragraphs.map(paragraphText).join(''),
      ...dates,
    })
    const several = a.paragraphs.length > 1
    for (const [pi, p] of a.paragraphs.entries()) {
      // items of the first paragraph are cited without it (第十条(二)3), as the packs and the documents themselves do
      const para = several && pi > 0 ? `第${PARAGRAPHS[pi + 1]}款` : ''
      const paraId = para ? `.p${pi + 1}` : ''
      if (para)
        out.push({
          id: `${spec.id}.${n}${paraId}`,
          label: `${article}${para}`,
          article,
          item: para,
          text: paragraphText(p),
          ...dates,
        })
      for (const it of p.items) {
        const i = fromChinese(it.numeral)
        out.push({
          id: `${spec.id}.${n}${paraId}.${i}`,
          label: `${article}${para}第（${it.numeral}）项`,
          article,
          item: `${para}(${it.numeral})`,
          text: itemText(it),
          ...dates,
        })
        for (const s of it.subs) {
          out.push({
            id: `${spec.id}.${n}${paraId}.${i}.${s.n}`,
            label: `${article}${para}第（${it.numeral}）项第${s.n}目`,
            article,
            item: `${para}(${it.numeral})${s.n}`,
            text: s.text,
            ...dates,
          })
        }
      }
    }
  }
  return out
}

const text = readFileSync(`${root}${SOURCE}`, 'utf8').split('\n')
for (const spec of DOCUMENTS) {
  const [first, last] = spec.lines
  const provisions = provisionsOf(spec, parse(text.slice(first - 1, last)))
  const file = {
    $schema: '../../schemas/provisions.schema.json',
    id: spec.id,
    document: spec.document,
    source: `${SOURCE}（理县人民政府办公室 2017-05-18 转发文本，第 ${first}–${last} 行）`,
    verbatim: true,
    effectiveFrom: spec.effectiveFrom,
    ...(spec.effectiveUntil ? { effectiveUntil: spec.effectiveUntil } : {}),
    ...(spec.note ? { note: spec.note } : {}),
    provisions,
  }
  writeFileSync(`${root}${spec.file}`, `${JSON.stringify(file, null, 2)}\n`)
  console.log(`${spec.file}: ${provisions.length} provisions`)
}
