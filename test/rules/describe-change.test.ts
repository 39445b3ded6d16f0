import { describe, expect, it } from 'vitest'
import { describeChanges, jsonDiff, shortDocument } from '../../src/rules/describe-change.js'

const base = {
  id: 'sc.electronic-supervision',
  title: '四川省电子监察',
  issuingDocument: { title: '四川省行政权力依法规范公开运行电子监察管理办法(试行)' },
  parameters: {
    yellowMargin: {
      label: '法定时限黄灯提前量',
      unit: 'workingDays',
      values: [{ from: '2014-02-01', value: 3, source: { provision: 'sc-es.10.2.3' } }],
    },
  },
  rules: [
    {
      id: 'r1',
      title: '法定时限即将届满',
      citation: { document: '四川省行政权力依法规范公开运行电子监察管理办法(试行)', article: '第十条', item: '(二)3' },
      conditions: { all: [{ fact: 'statutoryDaysLeft', operator: 'lessThanInclusive', value: 3 }] },
    },
  ],
}

describe('a change in words', () => {
  it('says a parameter’s new dated value as legal staff do', () => {
    const next = structuredClone(base)
    next.parameters.yellowMargin.values.push({ from: '2027-01-01', value: 5, source: { provision: 'sc-es.10.2.3' } })
    const words = describeChanges(base, next, (id) => (id === 'sc-es.10.2.3' ? '电子监察办法 第十条(二)3' : undefined))
    expect(words.map((w) => w.zh)).toEqual([
      '电子监察办法 第十条(二)3 法定时限黄灯提前量 3 → 5 个工作日，自 2027-01-01起',
    ])
    expect(words[0]!.en).toContain('3 → 5 workingDays from 2027-01-01')
  })

  it('says a condition’s value with its rule, article and operator', () => {
    const next = structuredClone(base)
    next.rules[0]!.conditions.all[0]!.value = 5
    expect(describeChanges(base, next).map((w) => w.zh)).toEqual([
      '电子监察办法 第十条(二)3 规则 r1（法定时限即将届满） 条件 statutoryDaysLeft ≤ 3 → 5',
    ])
  })

  it('matches rules by id, so a rule moved is no change, and says nothing when nothing changed', () => {
    const two = { ...base, rules: [...base.rules, { ...base.rules[0]!, id: 'r2' }] }
    const moved = { ...two, rules: [...two.rules].reverse() }
    expect(jsonDiff(two, moved)).toEqual([])
    expect(describeChanges(base, structuredClone(base))).toEqual([])
  })

  it('shortens the documents’ names', () => {
    expect(shortDocument('四川省行政权力依法规范公开运行电子监察管理办法(试行)')).toBe('电子监察办法')
    expect(shortDocument('阿坝州行政权力依法规范公开运行实施办法(试行)')).toBe('阿坝州实施办法')
  })
})
