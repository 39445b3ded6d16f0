import { describe, expect, it } from 'vitest'
import { loadEnvironment } from '../../src/evaluation/environment.js'
import { articleNumber, browseRules } from '../../src/service/rule-browser.js'
import { factFields, ruleFormSchema } from '../../src/service/editor-schemas.js'

const env = loadEnvironment()

describe('browsing the rules as legal staff do', () => {
  const { layers, overrides } = browseRules(env, '2026-12-01')

  it('orders the layers 国家 → 四川省 → 阿坝州 → 理县 and the articles as the document does', () => {
    expect(layers.map((l) => l.code)).toEqual(['000000', '510000', '513200', '513222'])
    const es = layers[1]!.documents.find((d) => d.title.includes('电子监察'))!
    const numbers = es.articles.map((a) => articleNumber(a.article))
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
    expect(articleNumber('第二十一条')).toBe(21)
    expect(articleNumber('第十条')).toBe(10)
  })

  it('lists under 第十条(二)3 the rules that encode it, with the article text', () => {
    const es = layers[1]!.documents.find((d) => d.title.includes('电子监察'))!
    const item = es.articles.find((a) => a.article === '第十条')!.items.find((i) => i.item === '(二)3')!
    expect(item.text).toContain('法定时限')
    expect(item.encodedBy.map((e) => e.id)).toContain('sc.deadline.statutory-overdue')
    expect(item.encodedBy.every((e) => e.packId === 'sc.electronic-supervision')).toBe(true)
  })

  it('marks the 阿坝州 measures lapsed from 2019-05-19 with what applies instead, and not in 2018', () => {
    const aba = layers[2]!.documents.find((d) => d.title.startsWith('阿坝州'))!
    expect(aba).toMatchObject({ lapsed: true, effectiveUntil: '2019-05-19' })
    expect(aba.lapse!.zh).toContain('恢复适用上级层级的规则')
    const then = browseRules(env, '2018-06-01').layers[2]!.documents.find((d) => d.title.startsWith('阿坝州'))!
    expect(then.lapsed).toBe(false)
  })

  it('puts an override of a lower layer beside the rule it replaces', () => {
    const update = overrides.find((o) => o.ruleId === 'sc.catalog.update-overdue')!
    expect(update.upper.layer).toBe('四川省')
    expect(update.lower.layer).toBe('阿坝藏族羌族自治州')
    expect(update.detail).not.toBe('')
  })
})

describe('the editors’ schemas', () => {
  it('gives every fact a Chinese label, a type and, for a clock’s days, the unit its limit counts in', () => {
    const left = factFields().find((f) => f.name === 'statutoryDaysLeft')!
    // working days unless the case's limit says calendar days: the fact statutoryLimitUnit says which
    expect(left).toMatchObject({
      type: 'number',
      label: expect.stringContaining('剩余天数'),
      unit: '工作日或日',
      unitFact: 'statutoryLimitUnit',
    })
    expect(factFields().find((f) => f.name === 'stepDaysLeft')).toMatchObject({ unit: '工作日或日' })
    expect(factFields().find((f) => f.name === 'caseStatus')!.unitFact).toBeUndefined()
    expect(factFields().find((f) => f.name === 'caseStatus')!.values).toContain('open')
  })

  it('gives a rule form schema without conditions and without references', () => {
    const schema = ruleFormSchema()
    expect(Object.keys(schema.properties)).not.toContain('conditions')
    expect(JSON.stringify(schema)).not.toContain('$ref')
    expect(schema.properties.level).toMatchObject({ enum: expect.arrayContaining(['yellow', 'red']) })
  })
})
