import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/service/openapi.js'

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document whose every $ref resolves inside it', async () => {
    const result = await new Validator().validate(
      structuredClone(openApiDocument()) as Parameters<Validator['validate']>[0],
    )
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('rewrites the schema files’ relative refs into components, each $defs entry its own component', () => {
    const doc = openApiDocument() as { components: { schemas: Record<string, object> } }
    const text = JSON.stringify(doc)
    expect(text).not.toMatch(/"\$ref":"(?!#\/components\/schemas\/)/)
    expect(doc.components.schemas.Common_moment).toMatchObject({ type: 'string', format: 'moment' })
    expect(doc.components.schemas.DraftOpen).toBeDefined()
  })

  it('describes the drafts: open, save, lint, examples, try, impact, submit, approve', () => {
    const paths = Object.keys((openApiDocument() as { paths: object }).paths)
    for (const p of [
      '/rule-packs/drafts',
      '/rule-packs/drafts/{draftId}/lint',
      '/rule-packs/drafts/{draftId}/impact',
      '/rule-packs/drafts/{draftId}/approve',
    ])
      expect(paths).toContain(p)
  })
})
