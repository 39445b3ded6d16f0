/** Input PostgreSQL cannot store, or no later step can use, is refused at the edge with a 4xx in two languages, nothing written. */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import { issueToken } from '../../src/service/tokens.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, LIXIAN_MARKET, stepStarted } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

const CJK = /[\u4e00-\u9fff]/
type Problem = { code: string; zh: string; en: string; pointer?: string }

describe.each(TARGETS)('bad input at the edge on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  let token = ''
  const send = (method: string, path: string, body?: string, contentType: string | null = 'application/json') =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(body === undefined ? {} : { body }),
    })
  const rows = async () => {
    const n = async (table: 'case_events' | 'evaluations' | 'notices' | 'cases') =>
      Number(
        (
          await rt.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      cases: await n('cases'),
      events: await n('case_events'),
      evaluations: await n('evaluations'),
      notices: await n('notices'),
    }
  }
  /** The request is refused with a 4xx, every problem in Chinese and English, and nothing is written. */
  const refused = async (
    method: string,
    path: string,
    body?: string,
    contentType?: string | null,
  ): Promise<{ status: number; problems: Problem[] }> => {
    const before = await rows()
    const res = await send(method, path, body, contentType)
    const json = (await res.json()) as { problems: Problem[] }
    expect(res.status, JSON.stringify(json)).toBeGreaterThanOrEqual(400)
    expect(res.status, JSON.stringify(json)).toBeLessThan(500)
    expect(json.problems.length).toBeGreaterThan(0)
    for (const p of json.problems) {
      expect(p.zh, JSON.stringify(p)).toMatch(CJK)
      expect(p.zh, JSON.stringify(p)).not.toMatch(/must|should|NOT/)
      expect(p.en, JSON.stringify(p)).not.toMatch(CJK)
      expect(p.en.length).toBeGreaterThan(0)
    }
    expect(await rows()).toEqual(before)
    return { status: res.status, problems: json.problems }
  }

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    token = (
      await issueToken(
        rt.db,
        { subject: 'officer', role: 'officer', jurisdiction: '513222', department: LIXIAN_MARKET.code },
        'test',
      )
    ).token
    expect((await send('POST', '/cases', JSON.stringify({ caseId: 'bad-open', event: accepted() }))).status).toBe(201)
  }, 60_000)
  afterAll(() => rt?.close())

  const step = (over: Record<string, unknown> = {}) =>
    JSON.stringify({ ...stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'), ...over })

  it('NUL or an unpaired surrogate anywhere in a body: 400 at its pointer', async () => {
    expect((await refused('POST', '/cases/bad-open/events', step({ note: 'a\u0000b' }))).problems[0]).toMatchObject({
      code: 'TEXT_UNSTORABLE',
      pointer: '/note',
    })
    const lone = step({ note: 'NOTE' }).replace('NOTE', '\\ud800x')
    expect((await refused('POST', '/cases/bad-open/events', lone)).problems[0]).toMatchObject({
      code: 'TEXT_UNSTORABLE',
      pointer: '/note',
    })
    const trailing = step({ actor: { id: 'u', name: 'NAME' } }).replace('NAME', '\\udc00')
    expect((await refused('POST', '/cases/bad-open/events', trailing)).problems[0]).toMatchObject({
      pointer: '/actor/name',
    })
    const key = JSON.stringify({ caseId: 'bad-key', event: { ...accepted(), 'x\u0000': 1 } })
    expect((await refused('POST', '/cases', key)).problems[0]).toMatchObject({
      code: 'TEXT_UNSTORABLE',
      pointer: '/event/x\u0000',
    })
    // a surrogate pair is a real character (𠀀) and is kept
    expect((await send('POST', '/cases/bad-open/events', step({ id: 'e-pair', note: '\ud840\udc00' }))).status).toBe(
      201,
    )
  })

  it('NUL or an unpaired surrogate in the case id of a path, or in a query: 400, never a database error', async () => {
    for (const path of [
      '/cases/a%00b',
      '/cases/a%00b/events',
      '/cases/%ED%A0%80',
      '/cases/%ED%A0%80/evaluations',
      '/cases/a%00b/notices/2',
    ]) {
      expect((await refused('GET', path)).problems[0], path).toMatchObject({
        code: 'CASE_ID_INVALID',
        pointer: '/caseId',
      })
    }
    expect((await refused('POST', '/cases/a%00b/events', step())).problems[0]).toMatchObject({ pointer: '/caseId' })
    expect((await refused('GET', '/cases?department=a%00b')).problems[0]).toMatchObject({
      code: 'TEXT_UNSTORABLE',
      pointer: '/query/department/0',
    })
  })

  it('a leap second, or a year no case can have, is refused by the moment format', async () => {
    const leap = JSON.stringify({ caseId: 'bad-leap', event: { ...accepted(), occurredAt: '2016-12-31T23:59:60Z' } })
    expect((await refused('POST', '/cases', leap)).problems).toContainEqual(
      expect.objectContaining({ pointer: '/event/occurredAt', code: 'SCHEMA_INVALID' }),
    )
    const far = JSON.stringify({ caseId: 'bad-9999', event: accepted({ at: '9999-06-01T09:30:00+08:00' }) })
    const { problems } = await refused('POST', '/cases', far)
    expect(problems).toContainEqual(expect.objectContaining({ pointer: '/event/occurredAt' }))
    expect(problems[0]?.zh).toContain('年份 1900–2999')
    expect(problems.map((p) => p.zh).join()).not.toContain('1000')
  })

  it('a body that is not declared JSON is refused with 415, whatever it holds', async () => {
    expect((await refused('POST', '/cases/bad-open/events', step(), 'text/plain')).status).toBe(415)
    expect(
      (await refused('POST', '/cases/bad-open/events', 'id=e9&type=stepStarted', 'application/x-www-form-urlencoded'))
        .status,
    ).toBe(415)
    expect((await refused('POST', '/cases/bad-open/events', step(), null)).status).toBe(415)
    expect(
      (await send('POST', '/cases/bad-open/events', step({ id: 'e-charset' }), 'application/json; charset=utf-8'))
        .status,
    ).toBe(201)
  })

  it('free text has a length cap, said in Chinese', async () => {
    const long = await refused('POST', '/cases/bad-open/events', step({ note: '注'.repeat(10_001) }))
    expect(long.problems[0]).toMatchObject({
      pointer: '/note',
      zh: '过长：最多 10000 个字符',
      en: 'too long: at most 10000 characters',
    })
    const name = JSON.stringify({
      caseId: 'bad-name',
      event: {
        ...accepted(),
        case: { ...(accepted() as Extract<CaseEvent, { type: 'accepted' }>).case, name: '名'.repeat(500_000) },
      },
    })
    expect((await refused('POST', '/cases', name)).problems[0]).toMatchObject({
      pointer: '/event/case/name',
      zh: '过长：最多 500 个字符',
    })
  })

  it('generated: a valid event mutated into an invalid one is refused with a 4xx in both languages, nothing written', async () => {
    const valid = JSON.parse(step()) as Record<string, unknown>
    const leaves: string[][] = [
      ['id'],
      ['type'],
      ['occurredAt'],
      ['recordedAt'],
      ['stepId'],
      ['actor', 'id'],
      ['actor', 'name'],
      ['actor', 'post'],
    ]
    const bad = fc.oneof(
      fc.string().map((s) => `${s}\u0000${s}`),
      fc.string().map((s) => `${s}\ud800`),
      fc.string().map((s) => `\udfff${s}`),
      fc.constantFrom(
        '2025-09-26T23:59:60+08:00',
        '9999-01-01T00:00:00Z',
        '0001-01-01T00:00:00Z',
        '2025-02-29T10:00:00+08:00',
        '2025-09-26T10:00:00',
      ),
      fc.constant('x'.repeat(20_001)),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({})),
    )
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...leaves), value: bad }),
      fc.record({
        kind: fc.constant('drop' as const),
        path: fc.constantFrom(['id'], ['type'], ['occurredAt'], ['recordedAt'], ['actor'], ['stepId']),
        value: fc.constant(null),
      }),
      fc.record({
        kind: fc.constant('add' as const),
        path: fc
          .string({ minLength: 1 })
          .filter((k) => !(k in valid))
          .map((k) => [k]),
        value: fc.jsonValue(),
      }),
    )
    await fc.assert(
      fc.asyncProperty(mutation, async ({ kind, path, value }) => {
        const event = structuredClone(valid)
        let holder = event as Record<string, unknown>
        for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>
        const last = path[path.length - 1]!
        if (kind === 'drop') delete holder[last]
        else holder[last] = value
        // a moment-shaped value in a text field (a name, an id) is text, and valid: only moments are checked for it
        if (
          kind === 'replace' &&
          typeof value === 'string' &&
          /^\d{4}-/.test(value) &&
          !['occurredAt', 'recordedAt'].includes(last)
        )
          return
        if (kind === 'replace' && typeof value === 'string' && value.length > 10_000 && last === 'note') return
        await refused('POST', '/cases/bad-open/events', JSON.stringify(event))
      }),
      { numRuns: 120 },
    )
  }, 120_000)
})
