/** The chain guards once the writer moves the head with the projection: what the database still refuses, and the hash. */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../src/rules/pack-version.js'
import { appendEvent } from '../../src/service/append-event.js'
import type { Runtime } from '../../src/service/runtime.js'
import { genesisHash, rowHash, rowHashOfCanonical } from '../../src/store/hash-chain.js'
import { setAside } from '../../src/store/record-writer.js'
import { verifyChains } from '../../src/store/verify-chains.js'
import { accepted, evidence, LIXIAN_MARKET, officerOf } from '../service/helpers/cases.js'
import { TARGETS } from '../service/helpers/targets.js'

const officer = officerOf(LIXIAN_MARKET)

/** A notice row put by hand at a position of a case's chain (its hash is not its content's). */
const forkedNotice = (caseId: string, chainSeq: number, prevHash: string, evaluationSeq: number, hash: string) => ({
  case_id: caseId,
  chain_seq: chainSeq,
  prev_hash: prevHash,
  hash,
  recorded_by: 'x',
  stored_at: new Date(),
  evaluation_seq: evaluationSeq,
  rule_id: 'r',
  template: 't',
  organ: null,
  number: null,
  title: 't',
  html: '',
  text: '',
})

describe('rowHashOfCanonical', () => {
  it('is rowHash of the same row, its JSON columns given as canonical text', () => {
    const facts = { z: [1, { b: '二', a: null }], a: true, n: -0.5 }
    const row = {
      case_id: 'c1',
      chain_seq: 2,
      prev_hash: genesisHash('c1'),
      recorded_by: 'x',
      stored_at: new Date('2025-09-26T02:00:00Z'),
      cause: 'event',
      sequence: 1,
      event_id: 'e1',
      at: '2025-09-26T10:00:00+08:00',
      packs: [],
      facts,
      firings: [{ ruleId: 'r', trace: { x: 1 } }],
      level: 'none',
      next_change_at: null,
      extra: { findings: [1] },
    }
    const canonical = {
      ...row,
      packs: canonicalJson(row.packs),
      facts: canonicalJson(facts),
      firings: canonicalJson(row.firings),
      extra: canonicalJson(row.extra),
    }
    expect(rowHashOfCanonical('evaluations', canonical)).toBe(rowHash('evaluations', row))
    expect(rowHashOfCanonical('evaluations', { ...canonical, extra: null })).toBe(
      rowHash('evaluations', { ...row, extra: null }),
    )
    expect(rowHashOfCanonical('evaluations', { ...canonical, level: 'red' })).not.toBe(rowHash('evaluations', row))
  })
})

describe.each(TARGETS)('the chain head moves with the projection on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    await appendEvent(rt, officer, 'cg-1', accepted())
    await appendEvent(rt, officer, 'cg-1', evidence(1))
  }, 60_000)
  afterAll(() => rt?.close())

  it('a written case has its head on its last row, and its chain verifies', async () => {
    const c = await rt.db
      .selectFrom('cases')
      .select(['head_seq', 'head_hash'])
      .where('case_id', '=', 'cg-1')
      .executeTakeFirstOrThrow()
    const last = await rt.db
      .selectFrom('evaluations')
      .select(['chain_seq', 'hash'])
      .where('case_id', '=', 'cg-1')
      .orderBy('chain_seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(c).toEqual({ head_seq: last.chain_seq, head_hash: last.hash })
    expect(c.head_seq).toBe(4)
    expect((await verifyChains(rt.db, { caseIds: ['cg-1'] })).broken).toEqual([])
  })

  it('refuses a head moved onto a row that is not in the chain, or rewritten in place', async () => {
    await expect(sql`update cases set head_seq = head_seq + 1 where case_id = 'cg-1'`.execute(rt.db)).rejects.toThrow(
      /must be a row of its chain/,
    )
    await expect(
      sql`update cases set head_hash = 'sha256:forged' where case_id = 'cg-1'`.execute(rt.db),
    ).rejects.toThrow(/must be a row of its chain/)
    await expect(
      sql`update cases set head_seq = 2, head_hash = 'x' where case_id = 'cg-1'`.execute(rt.db),
    ).rejects.toThrow(/may not move back/)
  })

  it('refuses a second row at a position another record table holds', async () => {
    const event = await rt.db
      .selectFrom('case_events')
      .select(['chain_seq', 'prev_hash'])
      .where('case_id', '=', 'cg-1')
      .where('sequence', '=', 2)
      .executeTakeFirstOrThrow()
    const notice = forkedNotice('cg-1', event.chain_seq, event.prev_hash, 2, 'sha256:fork')
    await expect(rt.db.insertInto('notices').values(notice).execute()).rejects.toThrow(/does not continue its chain/)
  })
})

describe.each(TARGETS)('a case opens empty on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
  }, 60_000)
  afterAll(() => rt?.close())

  const header = (caseId: string) => ({
    case_id: caseId,
    jurisdiction: '513222',
    department_code: 'lx-scjgj',
    department_name: '理县市场监督管理局',
    power_item_code: 'SC-XK-0001',
    serial_number: caseId.toUpperCase(),
    name: caseId,
    status: 'open',
    head_hash: genesisHash(caseId),
    alerts: '[]',
    created_by: 'x',
    created_at: new Date(),
    updated_at: new Date(),
  })

  it('takes a row at the start of its chain with nothing derived yet, as an accepted event opens it', async () => {
    await rt.db.insertInto('cases').values(header('oe-ok')).execute()
    await appendEvent(rt, officer, 'oe-open', accepted())
    const opened = await rt.db
      .selectFrom('cases')
      .select(['case_id', 'head_seq', 'event_count'])
      .where('case_id', 'in', ['oe-ok', 'oe-open'])
      .orderBy('case_id')
      .execute()
    expect(opened).toEqual([
      { case_id: 'oe-ok', head_seq: 0, event_count: 0 },
      { case_id: 'oe-open', head_seq: 2, event_count: 1 },
    ])
  })

  it('refuses a row with a chain head of its own, or with a projection no record stands behind', async () => {
    const refused = async (values: Record<string, unknown>) => {
      const id = `oe-${Object.keys(values).join('-')}`
      return rt.db
        .insertInto('cases')
        .values({ ...header(id), ...values } as never)
        .execute()
        .then(
          () => 'inserted',
          (e: Error) => e.message,
        )
    }
    expect(await refused({ head_seq: 3 })).toMatch(/must open at the start of its chain/)
    expect(await refused({ head_hash: genesisHash('another-case') })).toMatch(/must open at the start of its chain/)
    for (const values of [
      { level: 'red' },
      { overdue: true },
      { alerts: JSON.stringify([{ ruleId: 'r' }]) },
      { next_change_at: new Date() },
      { event_count: 1 },
      { last_evaluation_seq: 2 },
      { status: 'closed' },
      { problem: JSON.stringify({ code: 'x' }) },
    ])
      expect(await refused(values)).toMatch(/must open with an empty projection/)
    const made = await rt.db.selectFrom('cases').select('case_id').where('case_id', 'like', 'oe-%').execute()
    expect(made.map((r) => r.case_id).sort()).toEqual(['oe-ok', 'oe-open'])
  })
})

describe.each(TARGETS)('the problem a case shows is its recorded one on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    await appendEvent(rt, officer, 'cp-1', accepted())
  }, 60_000)
  afterAll(() => rt?.close())

  const problem = { code: 'CASE_EVALUATION_FAILED', zh: '无法评估', en: 'cannot be evaluated' }
  const shown = async () =>
    (await rt.db.selectFrom('cases').select('problem').where('case_id', '=', 'cp-1').executeTakeFirstOrThrow()).problem
  const update = (set: string) =>
    sql`update cases set problem = ${set}::jsonb where case_id = 'cp-1'`.execute(rt.db).then(
      () => 'updated',
      (e: Error) => e.message,
    )

  it('refuses a problem shown that was not recorded, or one cleared without an evaluation', async () => {
    expect(await update(JSON.stringify({ ...problem, since: new Date().toISOString() }))).toMatch(
      /must be its latest recorded problem/,
    )
    const at = new Date('2025-10-10T04:00:00Z')
    await rt.db
      .transaction()
      .execute((trx) => setAside(trx, [{ caseId: 'cp-1', eventCount: 1, dueAt: null, problem }], at))
    expect(await shown()).toEqual({ ...problem, since: at.toISOString() })
    // the recorded problem's texts, moment and members are what the projection may show, nothing else
    expect(await update(JSON.stringify({ ...problem, zh: '改过', since: at.toISOString() }))).toMatch(/latest recorded/)
    expect(await update(JSON.stringify({ ...problem, since: new Date().toISOString() }))).toMatch(/latest recorded/)
    expect(await update(JSON.stringify({ ...problem, since: at.toISOString(), extra: 1 }))).toMatch(/latest recorded/)
    expect(
      await sql`update cases set problem = null where case_id = 'cp-1'`.execute(rt.db).catch((e: Error) => e.message),
    ).toMatch(/may only be cleared by its next evaluation/)
    expect(await shown()).toEqual({ ...problem, since: at.toISOString() })
  })

  it('is cleared by the next evaluation written for the case', async () => {
    await appendEvent(rt, officer, 'cp-1', evidence(1))
    expect(await shown()).toBeNull()
  })
})

const postgres = TARGETS.find((t) => t.name === 'postgres')

describe.skipIf(postgres === undefined)('the chain guard under two writers at once on PostgreSQL', () => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await postgres!.open()
    await appendEvent(rt, officer, 'cg-race', accepted())
  }, 60_000)
  afterAll(() => rt?.close())

  it('refuses the second of two rows put at the next position of one case from two transactions', async () => {
    const head = await rt.db
      .selectFrom('cases')
      .select(['head_seq', 'head_hash'])
      .where('case_id', '=', 'cg-race')
      .executeTakeFirstOrThrow()
    const notice = forkedNotice('cg-race', head.head_seq + 1, head.head_hash, head.head_seq, 'sha256:first')
    // an evaluation at the same position, in another record table: the per-table keys cannot see the fork
    const evaluation = sql`insert into evaluations select * from json_populate_record(null::evaluations, (
        select (to_jsonb(e) || jsonb_build_object('chain_seq', ${head.head_seq + 1}::integer, 'prev_hash', ${head.head_hash}::text,
                'hash', 'sha256:second'))::json
        from evaluations e where e.case_id = 'cg-race' and e.chain_seq = ${head.head_seq}::integer))`
    await rt.db.connection().execute(async (first) => {
      await rt.db.connection().execute(async (second) => {
        await sql`begin`.execute(first)
        await first.insertInto('notices').values(notice).execute()
        await sql`begin`.execute(second)
        // waits on the case's lock, which the first transaction holds
        let settled = false
        const inserted = evaluation.execute(second).then(
          () => 'written',
          (e: Error) => e.message,
        )
        void inserted.finally(() => (settled = true))
        await new Promise((r) => setTimeout(r, 300))
        expect(settled).toBe(false)
        await sql`commit`.execute(first)
        expect(await inserted).toMatch(/does not continue its chain \(the position is taken\)/)
        await sql`rollback`.execute(second)
      })
    })
    const held = await sql<{ t: string }>`
      select 'notices' as t from notices where case_id = 'cg-race' and chain_seq = ${head.head_seq + 1}::integer
      union all select 'evaluations' from evaluations where case_id = 'cg-race' and chain_seq = ${head.head_seq + 1}::integer
      union all select 'case_events' from case_events where case_id = 'cg-race' and chain_seq = ${head.head_seq + 1}::integer`.execute(
      rt.db,
    )
    expect(held.rows).toEqual([{ t: 'notices' }])
  })
})
