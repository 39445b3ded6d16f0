import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { addItem } from '../../src/service/catalog-service.js'
import { issueToken } from '../../src/service/tokens.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, evidence, LIXIAN_MARKET, REGION_ADMIN, stepStarted } from './helpers/cases.js'
import { TARGETS } from './helpers/targets.js'

describe.each(TARGETS)('append-only records on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    for (const id of ['ao-1', 'ao-2', 'ao-3', 'ao-4']) {
      await appendEvent(rt, REGION_ADMIN, id, accepted())
      await appendEvent(rt, REGION_ADMIN, id, stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
      await appendEvent(rt, REGION_ADMIN, id, evidence(1, '2025-09-27T10:00:00+08:00'))
    }
    await sweepDue(rt, { now: new Date('2025-10-31T00:00:00+08:00') })
    await issueToken(rt.db, { subject: 'auditor', role: 'auditor', jurisdiction: '513200' }, 'test')
    await addItem(rt, REGION_ADMIN, {
      jurisdiction: '513222',
      item: {
        code: 'LX-XK-TEST-0002',
        name: '食品小作坊登记',
        powerType: 'licensing',
        department: { code: LIXIAN_MARKET.code, name: LIXIAN_MARKET.name },
        listedOn: '2020-01-01',
      },
    })
  }, 60_000)
  afterAll(() => rt?.close())

  const COLUMN = {
    case_events: 'body',
    evaluations: 'facts',
    notices: 'text',
    rule_packs: 'content',
    pack_activations: 'note',
    catalog_changes: 'body',
    access_tokens: 'role',
  } as const
  for (const [table, column] of Object.entries(COLUMN)) {
    it(`refuses UPDATE and DELETE on ${table} at the database`, async () => {
      await expect(
        sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)}`.execute(rt.db),
      ).rejects.toThrow(/refused/)
      await expect(sql`delete from ${sql.table(table)}`.execute(rt.db)).rejects.toThrow(/refused/)
    })
  }

  it('has rows in every record table, so the refusals above were real', async () => {
    for (const table of Object.keys(COLUMN)) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(rt.db)
      expect(rows[0]!.n, table).toBeGreaterThan(0)
    }
  })

  it('refuses TRUNCATE of the record tables', async () => {
    for (const table of ['case_events', 'evaluations', 'notices', 'rule_packs', 'pack_activations']) {
      await expect(sql`truncate ${sql.table(table)} cascade`.execute(rt.db)).rejects.toThrow(/refused/)
    }
  })

  it('refuses a row that does not continue its chain', async () => {
    const head = await rt.db
      .selectFrom('cases')
      .select(['head_seq', 'head_hash'])
      .where('case_id', '=', 'ao-1')
      .executeTakeFirstOrThrow()
    const insert = (seq: number, prev: string) =>
      rt.db
        .insertInto('case_events')
        .values({
          case_id: 'ao-1',
          chain_seq: seq,
          prev_hash: prev,
          hash: 'sha256:forged',
          recorded_by: 'x',
          stored_at: new Date(),
          sequence: 99,
          event_id: 'forged',
          event_type: 'closed',
          body: '{}',
        })
        .execute()
    await expect(insert(head.head_seq + 1, 'sha256:not-the-head')).rejects.toThrow(/does not continue its chain/)
    await expect(insert(head.head_seq + 2, head.head_hash)).rejects.toThrow(/does not continue its chain/)
  })

  it('verifies every chain intact', async () => {
    const report = await verifyChains(rt.db)
    expect(report.broken).toEqual([])
    expect(report.cases).toBe(4)
    expect(report.rows).toBeGreaterThanOrEqual(4 * 7)
  })

  /** Edits a row as a superuser would: with the table's refusal trigger disabled for the moment. */
  async function tamper(table: string, statement: ReturnType<typeof sql>) {
    await sql`alter table ${sql.table(table)} disable trigger ${sql.raw(`${table}_no_change`)}`.execute(rt.db)
    try {
      await statement.execute(rt.db)
    } finally {
      await sql`alter table ${sql.table(table)} enable trigger ${sql.raw(`${table}_no_change`)}`.execute(rt.db)
    }
  }

  it('names the edited event row when one event is altered', async () => {
    await tamper(
      'case_events',
      sql`update case_events set body = jsonb_set(body, '{occurredAt}', '"2025-09-20T09:00:00+08:00"') where case_id = 'ao-2' and sequence = 2`,
    )
    const row = await rt.db
      .selectFrom('case_events')
      .select('chain_seq')
      .where('case_id', '=', 'ao-2')
      .where('sequence', '=', 2)
      .executeTakeFirstOrThrow()
    const report = await verifyChains(rt.db, { caseIds: ['ao-1', 'ao-2'] })
    expect(report.broken).toEqual([
      expect.objectContaining({ caseId: 'ao-2', table: 'case_events', chainSeq: row.chain_seq, code: 'HASH_MISMATCH' }),
    ])
  })

  it('names the edited evaluation when a firing is removed from it', async () => {
    await tamper(
      'evaluations',
      sql`update evaluations set firings = '[]'::jsonb where case_id = 'ao-3' and chain_seq = (select max(chain_seq) from evaluations where case_id = 'ao-3' and firings <> '[]'::jsonb)`,
    )
    const report = await verifyChains(rt.db, { caseIds: ['ao-3'] })
    expect(report.broken).toHaveLength(1)
    expect(report.broken[0]).toMatchObject({ caseId: 'ao-3', table: 'evaluations', code: 'HASH_MISMATCH' })
  })

  it('sees a deleted last row through the case head', async () => {
    const { head_seq } = await rt.db
      .selectFrom('cases')
      .select('head_seq')
      .where('case_id', '=', 'ao-4')
      .executeTakeFirstOrThrow()
    const last = (await rt.db
      .selectFrom('notices')
      .select('chain_seq')
      .where('case_id', '=', 'ao-4')
      .where('chain_seq', '=', head_seq)
      .executeTakeFirst())
      ? 'notices'
      : 'evaluations'
    await tamper(last, sql`delete from ${sql.table(last)} where case_id = 'ao-4' and chain_seq = ${head_seq}`)
    const report = await verifyChains(rt.db, { caseIds: ['ao-4'] })
    expect(report.broken).toEqual([expect.objectContaining({ caseId: 'ao-4', code: 'HEAD_MISMATCH' })])
  })
})
