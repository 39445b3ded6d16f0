import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RuleType } from 'react-querybuilder'
import { toCondition, toQuery } from '../../web/src/workbench/condition-tree.js'

const pack = JSON.parse(readFileSync('rules/sichuan/electronic-supervision.pack.json', 'utf8')) as {
  rules: { id: string; conditions: Record<string, unknown> }[]
}
const near = pack.rules.find((r) => r.id === 'sc.deadline.statutory-near')!
const TYPES: Record<string, string> = {
  caseStatus: 'string',
  statutoryOverdue: 'boolean',
  statutoryDaysLeft: 'number',
  matterType: 'string',
  statutoryDaysUsed: 'number',
}
const typeOf = (f: string) => TYPES[f]

describe('the condition builder and the engine condition, one to one', () => {
  it('shows a parameter value as the builder’s parameter source, and gives it back as { param } exactly', () => {
    const q = toQuery(near.conditions, '/conditions')
    const margin = q.rules[2] as RuleType
    expect(margin).toMatchObject({
      id: '/conditions/all/2',
      field: 'statutoryDaysLeft',
      valueSource: 'parameter',
      value: 'sc-es.yellow-margin',
    })
    expect(toCondition(q, typeOf)).toEqual(near.conditions)
  })

  it('keeps a typed number a number, a fact a fact, and an object that is not a reference as JSON', () => {
    const c = {
      any: [
        { fact: 'statutoryDaysLeft', operator: 'lessThanInclusive', value: 3 },
        { fact: 'statutoryDaysUsed', operator: 'greaterThan', value: { fact: 'statutoryDaysLeft' } },
        { fact: 'matterType', operator: 'in', value: ['case', 'appeal'] },
        { fact: 'statutoryDaysLeft', operator: 'equal', value: { param: 'x', extra: 1 } },
      ],
    }
    const q = toQuery(c, '/conditions')
    expect((q.rules[0] as RuleType).valueSource).toBeUndefined()
    expect((q.rules[1] as RuleType).valueSource).toBe('field')
    expect((q.rules[3] as RuleType).valueSource).toBeUndefined()
    expect(toCondition(q, typeOf)).toEqual(c)
  })

  it('turns a builder rule switched to the parameter source into { param: id }', () => {
    const q = toQuery({ all: [{ fact: 'statutoryDaysLeft', operator: 'lessThanInclusive', value: 3 }] }, '/conditions')
    const switched = {
      ...q,
      rules: [{ ...(q.rules[0] as RuleType), valueSource: 'parameter' as const, value: 'sc-es.yellow-margin' }],
    }
    expect(toCondition(switched, typeOf)).toEqual({
      all: [{ fact: 'statutoryDaysLeft', operator: 'lessThanInclusive', value: { param: 'sc-es.yellow-margin' } }],
    })
  })
})
