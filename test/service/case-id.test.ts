import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import { openRuntime, type Runtime } from '../../src/service/runtime.js'
import { ServiceError } from '../../src/service/service-error.js'
import { accepted, REGION_ADMIN } from './helpers/cases.js'

describe('a case id', () => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await openRuntime({ dataDir: 'memory', installShippedPacks: false })
  }, 60_000)
  afterAll(() => rt?.close())

  it.each(['', '-starts-with-a-dash', 'has space', 'x'.repeat(129), '案件-1'])(
    'is refused with CASE_ID_INVALID when it does not match the caseId of schemas/common.schema.json: %j',
    async (caseId) => {
      const err = await appendEvent(rt, REGION_ADMIN, caseId, accepted()).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ServiceError)
      expect(err).toMatchObject({ status: 400, problems: [expect.objectContaining({ code: 'CASE_ID_INVALID' })] })
    },
  )

  it('is taken when it matches, up to 128 characters', async () => {
    const r = await appendEvent(rt, REGION_ADMIN, `a${'b'.repeat(127)}`, accepted())
    expect(r).toMatchObject({ sequence: 1, duplicate: false })
  })
})
