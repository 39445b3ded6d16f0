import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/service/openapi.js'

/** Every `$ref` string in a value, with where it is. */
function refs(value: unknown, at = ''): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ at, ref: v }] : refs(v, `${at}/${k}`),
  )
}

const resolve = (doc: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      doc,
    )

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(openApiDocument() as Parameters<Validator['validate']>[0])
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('refers only inside itself, and every reference resolves', () => {
    const doc = openApiDocument()
    const all = refs(doc)
    expect(all.length).toBeGreaterThan(50)
    for (const { at, ref } of all) {
      expect(ref, at).toMatch(/^#\/components\/schemas\//)
      expect(resolve(doc, ref.slice(1)), `${at} → ${ref}`).toBeDefined()
    }
  })

  it('hoists each schema file’s definitions as components named after the file', () => {
    const schemas = (openApiDocument() as { components: { schemas: Record<string, Record<string, unknown>> } })
      .components.schemas
    expect(schemas.CaseEvent_accepted).toBeDefined()
    expect(schemas.Evaluation_firing).toBeDefined()
    for (const s of Object.values(schemas)) {
      expect(s.$id).toBeUndefined()
      expect(s.$defs).toBeUndefined()
    }
  })
})
