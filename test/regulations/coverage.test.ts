/** docs/coverage.md accounts for every article of the four documents, names only rules that exist, and names every shipped rule. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadPacks } from '../../src/rules/rule-library.js'

const doc = readFileSync(new URL('../../docs/coverage.md', import.meta.url), 'utf8')
const { packs } = loadPacks()
const ruleIds = new Set(packs.flatMap((p) => p.pack.rules.map((r) => r.id)))
const packIds = new Set(packs.map((p) => p.pack.id))
const standardIds = new Set(packs.flatMap((p) => (p.pack.discretionStandards ?? []).map((s) => s.id)))

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九']
/** 1 → 第一条, 12 → 第十二条, 56 → 第五十六条. */
const article = (n: number) =>
  `第${n < 10 ? DIGITS[n] : n < 20 ? `十${DIGITS[n - 10]}` : `${DIGITS[Math.floor(n / 10)]}十${DIGITS[n % 10]}`}条`

/** The rows of the table under the heading that starts with `heading`. */
function rows(heading: string): string[][] {
  const start = doc.indexOf(`## ${heading}`)
  const end = doc.indexOf('\n## ', start + 1)
  return doc
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => l.startsWith('| 第'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    )
}

describe('docs/coverage.md', () => {
  it.each([
    ['(1) 四川省行政权力依法规范公开运行平台建设和使用管理办法', 16],
    ['(2) 四川省行政职权目录动态调整管理办法', 9],
    ['(3) 四川省行政权力依法规范公开运行电子监察管理办法', 18],
    ['(4) 阿坝州行政权力依法规范公开运行实施办法', 56],
  ])('lists every article of %s (%i), in order, each with a status and a reason or rule', (heading, count) => {
    const table = rows(heading)
    expect(table.map((r) => r[0])).toEqual(Array.from({ length: count }, (_, i) => article(i + 1)))
    for (const [, , status, detail] of table) {
      expect(status).toMatch(/^(已编码|不可执行|待办)/)
      expect(detail!.length).toBeGreaterThan(1)
    }
  })

  it('names only rules, packs and standards that exist', () => {
    const named = [...doc.matchAll(/`((?:sc|aba|cn|lx)\.[a-z0-9.-]+)`/g)].map((m) => m[1]!)
    expect(named.length).toBeGreaterThan(50)
    expect(named.filter((id) => !ruleIds.has(id) && !packIds.has(id) && !standardIds.has(id))).toEqual([])
  })

  it('names every shipped rule', () => {
    expect([...ruleIds].filter((id) => !doc.includes(`\`${id}\``))).toEqual([])
  })
})
