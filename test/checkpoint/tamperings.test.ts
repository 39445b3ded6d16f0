import { createPublicKey } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeCheckpoint } from '../../src/checkpoint/take-checkpoint.js'
import { verifyCheckpoint } from '../../src/checkpoint/verify-checkpoint.js'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { issueToken } from '../../src/service/tokens.js'
import type { Database, RecordTable } from '../../src/store/database.js'
import { rowHash } from '../../src/store/hash-chain.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import type { Checkpoint } from '../../src/types/generated.js'
import { accepted, evidence, REGION_ADMIN, stepStarted } from '../service/helpers/cases.js'
import { TARGETS } from '../service/helpers/targets.js'
import { asSuperuser } from '../support/superuser.js'

/** A case's record rows in chain order. */
async function chainOf(
  db: Kysely<Database>,
  caseId: string,
): Promise<{ table: RecordTable; row: Record<string, unknown> }[]> {
  const out: { table: RecordTable; row: Record<string, unknown> }[] = []
  for (const table of ['case_events', 'evaluations', 'notices'] as const) {
    for (const row of await db.selectFrom(table).selectAll().where('case_id', '=', caseId).execute())
      out.push({ table, row: row as unknown as Record<string, unknown> })
  }
  return out.sort((a, b) => (a.row.chain_seq as number) - (b.row.chain_seq as number))
}

const CASES = ['tm-rewrite', 'tm-cut', 'tm-delete', 'tm-projection', 'tm-intact']

describe.each(TARGETS)('the six tamperings of issue 9 on $name', (target) => {
  let rt: Runtime
  let cp: Checkpoint
  const verify = (doc: unknown = cp, options: { caseId?: string } = {}) =>
    verifyCheckpoint(rt.db, doc, createPublicKey(rt.checkpointKey().publicPem), options)

  beforeAll(async () => {
    rt = await target.open({ checkpointKey: 'memory' })
    for (const id of CASES) {
      await appendEvent(rt, REGION_ADMIN, id, accepted())
      await appendEvent(rt, REGION_ADMIN, id, stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
      // recorded after the statutory limit: red
      await appendEvent(rt, REGION_ADMIN, id, evidence(3, '2025-11-20T10:00:00+08:00'))
    }
    await issueToken(rt.db, { subject: 'auditor', role: 'auditor', jurisdiction: '513200' }, 'test')
    cp = await takeCheckpoint(rt.db, rt.checkpointKey(), 'test')
  }, 120_000)
  afterAll(() => rt?.close())

  it('starts intact, against the checkpoint too', async () => {
    expect((await verifyChains(rt.db)).broken).toEqual([])
    const report = await verify()
    expect(report.signatureValid).toBe(true)
    expect(report.broken).toEqual([])
    expect(report.checkpoint.cases).toBe(CASES.length)
  })

  it('1. finds event 1 rewritten by a superuser who recomputed every later hash and moved the head', async () => {
    const chain = await chainOf(rt.db, 'tm-rewrite')
    await asSuperuser(rt.db, async (trx) => {
      let prev: string | undefined
      for (const { table, row } of chain) {
        if (table === 'case_events' && row.sequence === 1) {
          const body = row.body as { case: { applicant: { name: string } } }
          body.case.applicant.name = '另一个申请人'
          row.body = JSON.stringify(body)
        }
        if (prev !== undefined) row.prev_hash = prev
        row.hash = rowHash(table, row)
        prev = row.hash as string
        const set = {
          prev_hash: row.prev_hash,
          hash: row.hash,
          ...(table === 'case_events'
            ? { body: typeof row.body === 'string' ? row.body : JSON.stringify(row.body) }
            : {}),
        }
        await trx
          .updateTable(table)
          .set(set as never)
          .where('case_id', '=', 'tm-rewrite')
          .where('chain_seq', '=', row.chain_seq as number)
          .execute()
      }
      await trx.updateTable('cases').set({ head_hash: prev! }).where('case_id', '=', 'tm-rewrite').execute()
    })
    // the chain alone cannot see it: every hash was recomputed
    expect((await verifyChains(rt.db, { caseIds: ['tm-rewrite'] })).broken).toEqual([])
    const report = await verify()
    expect(report.broken).toContainEqual(
      expect.objectContaining({ caseId: 'tm-rewrite', code: 'HEAD_REWRITTEN', chainSeq: chain.at(-1)!.row.chain_seq }),
    )
  })

  it('2. finds a cut tail with the head moved back', async () => {
    const chain = await chainOf(rt.db, 'tm-cut')
    const keep = chain.filter((r) => r.table === 'case_events' && r.row.sequence === 2)[0]!
    await asSuperuser(rt.db, async (trx) => {
      for (const { table, row } of chain) {
        if ((row.chain_seq as number) > (keep.row.chain_seq as number)) {
          await trx
            .deleteFrom(table)
            .where('case_id', '=', 'tm-cut')
            .where('chain_seq', '=', row.chain_seq as number)
            .execute()
        }
      }
      await trx
        .updateTable('cases')
        .set({ head_seq: keep.row.chain_seq as number, head_hash: keep.row.hash as string })
        .where('case_id', '=', 'tm-cut')
        .execute()
    })
    const report = await verify()
    expect(report.broken).toContainEqual(
      expect.objectContaining({ caseId: 'tm-cut', code: 'TAIL_CUT', chainSeq: chain.at(-1)!.row.chain_seq }),
    )
  })

  it('3. finds a deleted case: its records and its row', async () => {
    await asSuperuser(rt.db, async (trx) => {
      for (const table of ['notices', 'evaluations', 'case_events', 'cases'] as const)
        await trx.deleteFrom(table).where('case_id', '=', 'tm-delete').execute()
    })
    const report = await verify()
    expect(report.broken).toContainEqual(expect.objectContaining({ caseId: 'tm-delete', code: 'CASE_DELETED' }))
    const one = await verify(cp, { caseId: 'tm-delete' })
    expect(one.broken).toEqual([expect.objectContaining({ caseId: 'tm-delete', code: 'CASE_DELETED' })])
    expect(one.proof).toMatchObject({ caseId: 'tm-delete', valid: true })
  })

  it('4. refuses the projection edit without superuser; as superuser, verify names it and the sweep still sweeps the case', async () => {
    const edit = (db: Kysely<Database>) =>
      sql`update cases set level = 'none', alerts = '[]', next_change_at = null where case_id = 'tm-projection'`.execute(
        db,
      )
    await expect(edit(rt.db)).rejects.toThrow(/projection of case tm-projection/)
    const before = await rt.db
      .selectFrom('cases')
      .selectAll()
      .where('case_id', '=', 'tm-projection')
      .executeTakeFirstOrThrow()
    expect(before.level).toBe('red')
    await asSuperuser(rt.db, edit)
    const report = await verifyChains(rt.db, { caseIds: ['tm-projection'] })
    expect(report.broken).toEqual([
      expect.objectContaining({
        caseId: 'tm-projection',
        code: 'PROJECTION_MISMATCH',
        columns: expect.arrayContaining(['level', 'alerts', 'next_change_at']),
      }),
    ])
    expect((await verify()).broken).toContainEqual(
      expect.objectContaining({ caseId: 'tm-projection', code: 'PROJECTION_MISMATCH' }),
    )
    // the sweep does not trust a projection it did not write: the chain says the case is due, so it is swept
    const swept = await sweepDue(rt, { now: new Date(before.next_change_at!.getTime() + 1000) })
    expect(swept.evaluated).toBeGreaterThanOrEqual(1)
    const after = await rt.db
      .selectFrom('cases')
      .selectAll()
      .where('case_id', '=', 'tm-projection')
      .executeTakeFirstOrThrow()
    expect(after.level).toBe('red')
    expect((await verifyChains(rt.db, { caseIds: ['tm-projection'] })).broken).toEqual([])
  })

  it('5. refuses TRUNCATE of access_tokens; a superuser who truncates it is found against the checkpoint', async () => {
    await expect(sql`truncate access_tokens cascade`.execute(rt.db)).rejects.toThrow(/refused/)
    await asSuperuser(rt.db, (trx) => sql`truncate access_tokens cascade`.execute(trx))
    const report = await verify()
    expect(report.broken).toContainEqual(expect.objectContaining({ table: 'access_tokens', code: 'ROW_DELETED' }))
  })

  it('6. says an unknown case id is not found, with or without a checkpoint', async () => {
    expect((await verifyChains(rt.db, { caseIds: ['no-such-case'] })).broken).toEqual([
      expect.objectContaining({ caseId: 'no-such-case', code: 'CASE_NOT_FOUND' }),
    ])
    const one = await verify(cp, { caseId: 'no-such-case' })
    expect(one.broken).toEqual([expect.objectContaining({ caseId: 'no-such-case', code: 'CASE_NOT_FOUND' })])
    expect(one.proof).toBeUndefined()
  })

  it('leaves the untouched case intact, with a valid inclusion proof', async () => {
    const one = await verify(cp, { caseId: 'tm-intact' })
    expect(one.broken).toEqual([])
    expect(one.proof).toMatchObject({ caseId: 'tm-intact', valid: true, size: cp.leaves })
  })

  it('refuses a checkpoint whose signature does not hold, or signed by another key', async () => {
    const forged = { ...cp, cases: cp.cases + 1 }
    expect((await verify(forged)).broken).toEqual([expect.objectContaining({ code: 'CHECKPOINT_SIGNATURE_INVALID' })])
    const other = createPublicKey((await import('../../src/checkpoint/signing-key.js')).loadOrCreateKey().publicPem)
    expect((await verifyCheckpoint(rt.db, cp, other)).broken).toEqual([
      expect.objectContaining({ code: 'CHECKPOINT_KEY_UNKNOWN' }),
    ])
    expect((await verify({ nonsense: true })).broken).toEqual([expect.objectContaining({ code: 'CHECKPOINT_INVALID' })])
  })
})

describe.each(TARGETS)('every table that matters is guarded on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open({ checkpointKey: 'memory' })
    await appendEvent(rt, REGION_ADMIN, 'gd-1', accepted())
    const { principal } = await issueToken(
      rt.db,
      { subject: 'auditor', role: 'auditor', jurisdiction: '513200' },
      'test',
    )
    await rt.db
      .insertInto('token_revocations')
      .values({ token_id: principal.tokenId, revoked_by: 'test', revoked_at: new Date(), reason: null })
      .execute()
    await takeCheckpoint(rt.db, rt.checkpointKey(), 'test')
  }, 60_000)
  afterAll(() => rt?.close())

  for (const table of ['token_revocations', 'checkpoints', 'access_tokens']) {
    it(`refuses UPDATE, DELETE and TRUNCATE on ${table}`, async () => {
      const column = table === 'checkpoints' ? 'taken_by' : table === 'access_tokens' ? 'subject' : 'revoked_by'
      await expect(sql`update ${sql.table(table)} set ${sql.ref(column)} = 'x'`.execute(rt.db)).rejects.toThrow(
        /refused/,
      )
      await expect(sql`delete from ${sql.table(table)}`.execute(rt.db)).rejects.toThrow(/refused/)
      await expect(sql`truncate ${sql.table(table)} cascade`.execute(rt.db)).rejects.toThrow(/refused/)
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(rt.db)
      expect(rows[0]!.n).toBeGreaterThan(0)
    })
  }

  it('refuses deleting or truncating a case, changing its header, or moving its chain head back', async () => {
    await expect(sql`delete from cases where case_id = 'gd-1'`.execute(rt.db)).rejects.toThrow(/refused/)
    await expect(sql`truncate cases cascade`.execute(rt.db)).rejects.toThrow(/refused/)
    await expect(sql`update cases set jurisdiction = '510100' where case_id = 'gd-1'`.execute(rt.db)).rejects.toThrow(
      /header of case gd-1/,
    )
    await expect(sql`update cases set head_seq = head_seq - 1 where case_id = 'gd-1'`.execute(rt.db)).rejects.toThrow(
      /may not move back/,
    )
    await expect(
      sql`update cases set last_evaluation_seq = 1, level = 'red' where case_id = 'gd-1'`.execute(rt.db),
    ).rejects.toThrow(/latest evaluation/)
    expect((await verifyChains(rt.db)).broken).toEqual([])
  })
})
