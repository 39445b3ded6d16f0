/** Which facts the condition builder offers parameters for, and which parameters fit which fact, against the shipped data. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { factFields } from '../../src/service/editor-schemas.js'
import { parameterFits, parametersFor, takesParameter } from '../../web/src/workbench/parameter-fit.js'

const facts = factFields()
const schema = JSON.parse(readFileSync('schemas/facts.schema.json', 'utf8')) as {
  properties: Record<string, { type?: string | string[]; $ref?: string }>
}
const common = JSON.parse(readFileSync('schemas/common.schema.json', 'utf8')) as {
  $defs: Record<string, { type?: string | string[] }>
}
/** The JSON types a fact's schema gives it, its reference followed. */
const jsonTypes = (name: string): string[] => {
  const p = schema.properties[name]!
  const t = p.type ?? (p.$ref ? common.$defs[p.$ref.split('/').pop()!]?.type : undefined) ?? []
  return Array.isArray(t) ? t : [t]
}

const PACKS = [
  'rules/national/administrative-licensing-law.pack.json',
  'rules/sichuan/electronic-supervision.pack.json',
  'rules/sichuan/platform.pack.json',
  'rules/aba/supervision.pack.json',
  'rules/aba/accountability.pack.json',
]

describe('parameters in the condition builder', () => {
  it('offers them for every number fact, integer counts and days included, and for no other', () => {
    const numeric = facts.filter((f) => jsonTypes(f.name).some((t) => t === 'integer' || t === 'number'))
    expect(numeric.map((f) => f.name)).toEqual(
      expect.arrayContaining(['statutoryDaysLeft', 'supplementRequestCount', 'recordingDelayHours', 'penaltyAmount']),
    )
    expect(numeric.filter((f) => !takesParameter(f))).toEqual([])
    const others = facts.filter((f) => !numeric.includes(f))
    // dates, booleans, strings, lists: none takes one
    expect(others.map((f) => f.name)).toEqual(
      expect.arrayContaining(['statutoryDueDate', 'statutoryOverdue', 'caseStatus']),
    )
    expect(others.filter((f) => takesParameter(f)).map((f) => f.name)).toEqual([])
  })

  it('every parameter a shipped rule compares a fact with fits that fact’s unit', () => {
    const used: string[] = []
    for (const file of PACKS) {
      const pack = JSON.parse(readFileSync(file, 'utf8')) as {
        parameters?: { id: string; unit: string }[]
        rules: unknown
      }
      const unit = new Map((pack.parameters ?? []).map((p) => [p.id, p.unit]))
      const walk = (c: unknown): void => {
        if (Array.isArray(c)) {
          for (const x of c) walk(x)
          return
        }
        if (c === null || typeof c !== 'object') return
        const o = c as { fact?: string; value?: { param?: string } }
        if (o.fact && o.value?.param) {
          const fact = facts.find((f) => f.name === o.fact)!
          used.push(`${o.fact}:${o.value.param}`)
          expect(parameterFits(fact.unit, unit.get(o.value.param)!), `${file} ${o.fact} ${o.value.param}`).toBe(true)
        }
        for (const v of Object.values(o)) walk(v)
      }
      walk(pack.rules)
    }
    expect(used).toContain('statutoryDaysLeft:sc-es.yellow-margin')
    expect(used).toContain('supplementRequestCount:cn-lic.supplement-notices')
  })

  it('lists the fitting parameters first and marks the others', () => {
    const days = facts.find((f) => f.name === 'statutoryDaysLeft')!
    const money = facts.find((f) => f.name === 'penaltyAmount')!
    expect(parameterFits(money.unit, 'workingDays')).toBe(false)
    const params = [
      { id: 'x.fine-cap', unit: 'yuan' },
      { id: 'x.margin', unit: 'workingDays' },
    ]
    const label = (p: { id: string }) => p.id
    expect(parametersFor(days, params, label, ' · 单位不同').map((o) => o.label)).toEqual([
      'x.margin',
      'x.fine-cap · 单位不同',
    ])
    expect(parametersFor(money, params, label, ' · 单位不同').map((o) => o.label)).toEqual([
      'x.fine-cap',
      'x.margin · 单位不同',
    ])
  })
})
