import { createPublicKey } from 'node:crypto'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROW_TABLES } from '../../src/checkpoint/checkpoint-leaves.js'
import { takeCheckpoint } from '../../src/checkpoint/take-checkpoint.js'
import { verifyCheckpoint } from '../../src/checkpoint/verify-checkpoint.js'
import { appendEvent } from '../../src/service/append-event.js'
import { setAside } from '../../src/store/record-writer.js'
import type { Runtime } from '../../src/service/runtime.js'
import { sweepDue } from '../../src/service/sweep.js'
import { issueToken, revokeToken } from '../../src/service/tokens.js'
import type { Checkpoint } from '../../src/types/generated.js'
import { accepted, evidence, REGION_ADMIN, stepStarted } from '../service/helpers/cases.js'
import { TARGETS } from '../service/helpers/targets.js'

/** Every table that is guarded or projected: a change to any row of these must be reported. */
const TABLES = ['case_events', 'evaluations', 'notices', 'cases', ...Object.keys(ROW_TABLES)]
/** Moments of the projection's own writes: not evidence of anything, not derived, not checked (see the README). */
const NOT_EVIDENCE = new Set(['cases.created_at', 'cases.updated_at'])

/** A store made from a random plan: cases with random events (some late, so red), a sweep, tokens, a revocation. */
const PLAN = fc.record({
  cases: fc.array(fc.record({ evidence: fc.integer({ min: 0, max: 3 }), late: fc.boolean(), step: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  }),
  sweepDay: fc.integer({ min: 1, max: 60 }),
  tokens: fc.integer({ min: 1, max: 3 }),
  revoke: fc.boolean(),
})

interface Row {
  readonly table: string
  readonly ctid: string
  readonly values: Record<string, unknown>
}

describe.each(TARGETS)('no single change after a checkpoint goes unreported, on $name', (target) => {
  let rt: Runtime
  let cp: Checkpoint
  const rows: Row[] = []
  const types = new Map<string, string>()

  beforeAll(async () => {
    rt = await target.open({ checkpointKey: 'memory' })
    const [plan] = fc.sample(PLAN, { numRuns: 1, seed: Number(process.env.XQ_PROPERTY_SEED ?? 20261201) })
    for (const [i, c] of plan!.cases.entries()) {
      const id = `pr-${i}`
      await appendEvent(rt, REGION_ADMIN, id, accepted({ serial: `LX-PR-${i}` }))
      if (c.step) await appendEvent(rt, REGION_ADMIN, id, stepStarted('e2', 'review', '2025-09-26T10:00:00+08:00'))
      for (let n = 0; n < c.evidence; n++)
        await appendEvent(rt, REGION_ADMIN, id, evidence(n, '2025-09-27T10:00:00+08:00'))
      if (c.late) await appendEvent(rt, REGION_ADMIN, id, evidence(9, '2025-11-20T10:00:00+08:00'))
    }
    await sweepDue(rt, { now: new Date(Date.parse('2025-09-26T00:00:00+08:00') + plan!.sweepDay * 86_400_000) })
    for (let t = 0; t < plan!.tokens; t++) {
      const { principal } = await issueToken(
        rt.db,
        { subject: `p${t}`, role: 'auditor', jurisdiction: '513200' },
        'test',
      )
      if (plan!.revoke && t === 0) await revokeToken(rt.db, principal.tokenId, 'test', null)
    }
    // a case the sweep had to set aside, with its recorded problem shown on its projection
    await rt.db.transaction().execute((trx) =>
      setAside(
        trx,
        [
          {
            caseId: 'pr-0',
            eventCount: 1,
            dueAt: null,
            problem: { code: 'CASE_EVALUATION_FAILED', zh: '无法评估', en: 'cannot be evaluated' },
          },
        ],
        new Date(),
      ),
    )
    await takeCheckpoint(rt.db, rt.checkpointKey(), 'test')
    cp = await takeCheckpoint(rt.db, rt.checkpointKey(), 'test')
    for (const table of TABLES) {
      const { rows: found } = await sql<
        Record<string, unknown>
      >`select ctid::text as xq_ctid, * from ${sql.table(table)}`.execute(rt.db)
      for (const { xq_ctid, ...values } of found) rows.push({ table, ctid: String(xq_ctid), values })
    }
    const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema()`.execute(
      rt.db,
    )
    for (const c of columns) types.set(`${c.table_name}.${c.column_name}`, c.data_type)
  }, 180_000)
  afterAll(() => rt?.close())

  it('has rows in every table it mutates, and verifies intact before any change', async () => {
    // every table this store writes to (it opens no drafts, accounts or sessions: those tables stay empty here)
    const empty = new Set(['draft_events', 'account_records', 'sessions', 'session_records', 'sign_in_attempts'])
    for (const table of TABLES.filter((t) => !empty.has(t)))
      expect(
        rows.some((r) => r.table === table),
        table,
      ).toBe(true)
    expect((await verifyCheckpoint(rt.db, cp, createPublicKey(rt.checkpointKey().publicPem))).broken).toEqual([])
  })

  /** A different value of the column's type. */
  function changed(type: string, value: unknown) {
    switch (type) {
      case 'jsonb':
        return value === null ? sql`'{"tampered":true}'::jsonb` : sql`${JSON.stringify({ tampered: value })}::jsonb`
      case 'integer':
        return sql`${value === null ? 1 : Number(value) + 1}::integer`
      case 'boolean':
        return sql`${!value}::boolean`
      case 'timestamp with time zone':
        return sql`${value === null ? new Date('2025-01-01T00:00:00Z') : new Date((value as Date).getTime() + 1000)}::timestamptz`
      default:
        return sql`${value === null ? 'tampered' : `${String(value)}x`}::text`
    }
  }

  it('reports every single update or delete of any row of a guarded or projected table', async () => {
    const publicKey = createPublicKey(rt.checkpointKey().publicPem)
    const ROLLBACK = new Error('rollback')
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.boolean(), async (r, c, remove) => {
        const row = rows[r % rows.length]!
        const columns = Object.keys(row.values).filter((k) => !NOT_EVIDENCE.has(`${row.table}.${k}`))
        const column = columns[c % columns.length]!
        let reported: unknown[] = []
        let refused = false
        try {
          await rt.db.transaction().execute(async (trx) => {
            await sql`set local session_replication_role = replica`.execute(trx)
            const where = sql`where ctid = ${row.ctid}::tid`
            try {
              if (remove) await sql`delete from ${sql.table(row.table)} ${where}`.execute(trx)
              else
                await sql`update ${sql.table(row.table)} set ${sql.ref(column)} = ${changed(types.get(`${row.table}.${column}`)!, row.values[column])} ${where}`.execute(
                  trx,
                )
            } catch {
              refused = true // a unique key or a check constraint refused it: nothing changed
              throw ROLLBACK
            }
            reported = (await verifyCheckpoint(trx, cp, publicKey)).broken as unknown[]
            throw ROLLBACK
          })
        } catch (err) {
          if (err !== ROLLBACK) throw err
        }
        if (refused) return
        expect(reported, `${remove ? 'delete' : `update ${column} of`} ${row.table} ${row.ctid}`).not.toEqual([])
      }),
      { numRuns: target.name === 'pglite' ? 150 : 80 },
    )
  }, 600_000)
})
