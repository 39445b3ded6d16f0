import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { XingquanError } from '../../src/errors/xingquan-error.js'
import { findFiles, DEFAULT_RULES_DIR } from '../../src/rules/rule-library.js'
import { renderTypes } from '../../src/schema/render-types.js'
import { parseAndValidate, validate } from '../../src/schema/validator.js'

describe('schemas are the single source of truth', () => {
  it('the generated TypeScript types are not stale (run `npm run types`)', async () => {
    const current = readFileSync(new URL('../../src/types/generated.ts', import.meta.url), 'utf8')
    expect(current === (await renderTypes()), 'src/types/generated.ts is stale: run npm run types').toBe(true)
  })

  it('every shipped rule, example and calendar file names its schema so that an editor validates it', () => {
    const files = [...findFiles(DEFAULT_RULES_DIR, '.json')]
    expect(files.length).toBeGreaterThan(5)
    for (const f of files) {
      const json = JSON.parse(readFileSync(f, 'utf8')) as { $schema?: string }
      if (f.includes('/catalog/') && !json.$schema) continue
      expect(json.$schema, f).toMatch(/schemas\/[a-z-]+\.schema\.json$/)
    }
  })
})

describe('validation errors name the file, the pointer and the line:column, in Chinese and English', () => {
  const text = `{
  "caseId": "c1",
  "events": [
    {
      "id": "e1",
      "type": "stepCompleted",
      "occurredAt": "2025-09-26T10:00:00+08:00",
      "recordedAt": "yesterday",
      "actor": { "id": "u1", "name": "李明" },
      "stepId": "review",
      "opinion": { "stance": "negative", "text": "不同意" },
      "colour": "red"
    }
  ]
}`

  it('reports each problem where it is', () => {
    try {
      parseAndValidate('case-file', text, 'case.json')
      expect.unreachable()
    } catch (err) {
      const problems = (err as XingquanError).problems
      expect(problems).toContainEqual(
        expect.objectContaining({
          file: 'case.json',
          pointer: '/events/0/recordedAt',
          line: 8,
          zh: expect.stringContaining('格式应为带时区的时刻'),
          en: expect.stringContaining('must be a moment with offset'),
        }),
      )
      // a negative opinion without a reason is recorded (the rules judge it: 阿坝州办法 第三十条(四)), never refused
      expect(problems.filter((p) => p.pointer === '/events/0/opinion')).toEqual([])
      expect(problems).toContainEqual(
        expect.objectContaining({ pointer: '/events/0/colour', line: 12, en: 'unknown property "colour"' }),
      )
      expect(String(err)).toContain('case.json:8:')
    }
  })

  it('an unknown event type is named as such', () => {
    const problems = validate('case-event', {
      id: 'e',
      type: 'teleported',
      occurredAt: '2025-09-26T10:00:00+08:00',
      recordedAt: '2025-09-26T10:00:00+08:00',
      actor: { id: 'u', name: 'n' },
    })
    expect(problems).toEqual([expect.objectContaining({ code: 'SCHEMA_INVALID', zh: '不认识的类型“teleported”' })])
  })

  it('a rule without its citation is refused', () => {
    const pack = JSON.parse(
      readFileSync(new URL('../../rules/sichuan/electronic-supervision.pack.json', import.meta.url), 'utf8'),
    )
    delete pack.rules[0].citation
    expect(validate('rule-pack', pack)).toContainEqual(
      expect.objectContaining({ pointer: '/rules/0', zh: '缺少必填字段“citation”' }),
    )
  })

  it('text that is not JSON says where it breaks', () => {
    expect(() => parseAndValidate('case-file', '{\n  "caseId": "c1",\n  "events": [\n}', 'broken.json')).toThrow(
      /JSON_INVALID/,
    )
  })
})

describe('evaluation records follow schemas/evaluation.schema.json', () => {
  it('every evaluation of every shipped example validates', async () => {
    const { loadEnvironment } = await import('../../src/evaluation/environment.js')
    const { loadExamples } = await import('../../src/examples/run-example.js')
    const { replayCase } = await import('../../src/evaluation/replay.js')
    const env = loadEnvironment()
    const { examples } = loadExamples(DEFAULT_RULES_DIR)
    let checked = 0
    for (const { file, example } of examples) {
      const r = replayCase(env, example.case, { at: example.at })
      for (const e of [...r.evaluations, ...(r.asOf ? [r.asOf] : [])]) {
        expect(validate('evaluation', JSON.parse(JSON.stringify(e))), `${file} #${e.sequence}`).toEqual([])
        checked++
      }
    }
    expect(checked).toBeGreaterThan(200)
  })

  it('a record with a trace entry that is neither true, false nor not-evaluated is refused', () => {
    const bad = {
      caseId: 'c',
      sequence: null,
      eventId: null,
      eventType: 'asOf',
      at: 'x',
      packs: [],
      facts: {},
      firings: [
        {
          ruleId: 'r',
          ruleVersion: 1,
          pack: { id: 'p', version: 'v' },
          kind: 'deadline',
          level: 'red',
          title: 't',
          citation: { document: 'd', article: '第一条' },
          trace: [{ at: 'all', operator: 'all', result: 'maybe' }],
        },
      ],
    }
    expect(validate('evaluation', bad).some((p) => p.pointer === '/firings/0/trace/0/result')).toBe(true)
  })
})
