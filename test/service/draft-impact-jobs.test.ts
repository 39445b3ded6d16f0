/**
 * Impact jobs in the database: a job's progress and report are read back from its rows by any runtime on the same
 * database; a job whose process stopped reports lost; the three tables refuse UPDATE, DELETE and TRUNCATE.
 */
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readExample } from '../../src/examples/example-case.js'
import { createApp } from '../../src/service/app.js'
import { getImpactJob } from '../../src/service/draft-impact.js'
import type { Principal } from '../../src/service/principal.js'
import { openRuntime, type Runtime } from '../../src/service/runtime.js'
import { recordImpactJob, recordImpactProgress } from '../../src/store/impact-job-store.js'
import { scratchDatabase, type ScratchDatabase } from '../../src/store/scratch-database.js'
import type { RulePack } from '../../src/types/generated.js'
import { apiCaller, issueAs } from './helpers/api-caller.js'
import { TARGETS } from './helpers/targets.js'

const PACK_ID = 'sc.electronic-supervision'
const NEAR = 'sc.deadline.statutory-near'
const FIXED = 'rules/sichuan/examples/promised-overdue-fires.example.json'
const example = readExample(fileURLToPath(new URL(`../../${FIXED}`, import.meta.url)))
const REGION: Principal = {
  tokenId: 't',
  subject: 'li-admin',
  role: 'regionAdmin',
  jurisdiction: '510000',
  department: null,
}

function withMargin(pack: RulePack, days: number): RulePack {
  const next = structuredClone(pack)
  next
    .parameters!.find((p) => p.id === 'sc-es.yellow-margin')!
    .values.push({
      from: '2025-01-01',
      value: days,
      source: { office: '四川省监察厅', reference: '川监发〔2024〕X号（测试）' },
    })
  return next
}

/** Opens a draft of the margin 3 → 5 and stores the example's case; the draft's id. */
async function setUp(call: ReturnType<typeof apiCaller>): Promise<string> {
  const opened = await call('admin', 'POST', '/cases', { caseId: example.case.caseId, event: example.case.events[0] })
  expect(opened.status).toBe(201)
  for (const event of example.case.events.slice(1))
    expect((await call('admin', 'POST', `/cases/${example.case.caseId}/events`, event)).status).toBe(201)
  const draft = (await call('legal', 'POST', '/rule-packs/drafts', { packId: PACK_ID })).body
  const saved = await call('legal', 'PUT', `/rule-packs/drafts/${draft.draftId}`, {
    pack: withMargin(draft.pack, 5),
  })
  expect(saved.status).toBe(200)
  return draft.draftId as string
}

/** Polls a job through `call` until it is no longer running. */
async function finished(call: ReturnType<typeof apiCaller>, draftId: string, jobId: string) {
  let job = (await call('legal', 'GET', `/rule-packs/drafts/${draftId}/impact/${jobId}`)).body
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50))
    job = (await call('legal', 'GET', `/rule-packs/drafts/${draftId}/impact/${jobId}`)).body
  }
  return job
}

describe.each(TARGETS)('impact jobs kept in the database on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  let draftId: string
  const tokens: Record<string, string> = {}
  const call = apiCaller(() => app, tokens)

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    await issueAs(rt, tokens, 'legal', { subject: 'zhang-fz', role: 'legalOfficer', jurisdiction: '510000' })
    await issueAs(rt, tokens, 'admin', { subject: 'li-admin', role: 'regionAdmin', jurisdiction: '510000' })
    await issueAs(rt, tokens, 'county', {
      subject: 'wang',
      role: 'officer',
      jurisdiction: '513222',
      department: 'lx-scjgj',
    })
    draftId = await setUp(call)
  }, 60_000)
  afterAll(() => rt?.close())

  it('keeps a job as rows: started, its progress, its report; read back with who started it and where', async () => {
    const started = await call(
      'legal',
      'POST',
      `/rule-packs/drafts/${draftId}/impact?at=${encodeURIComponent(example.at)}`,
    )
    expect(started.status).toBe(202)
    expect(started.body).toMatchObject({ status: 'running', startedBy: 'zhang-fz', at: example.at })
    const job = await finished(call, draftId, started.body.id)
    expect(job).toMatchObject({ status: 'done', done: 1, total: 1, process: started.body.process })
    expect(job.report.details).toEqual([expect.objectContaining({ caseId: example.case.caseId, appear: [NEAR] })])
    expect(job.report.summary.firings).toEqual([{ ruleId: NEAR, appear: 1, disappear: 0 }])
    const count = async (table: string) =>
      (
        await sql<{
          n: number
        }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(table === 'impact_jobs' ? 'id' : 'job_id')} = ${job.id}`.execute(
          rt.db,
        )
      ).rows[0]!.n
    expect(await count('impact_jobs')).toBe(1)
    expect(await count('impact_job_progress')).toBeGreaterThanOrEqual(1)
    expect(await count('impact_job_results')).toBe(1)
  })

  it('refuses UPDATE, DELETE and TRUNCATE on the job tables', async () => {
    for (const [table, column] of [
      ['impact_jobs', 'at'],
      ['impact_job_progress', 'done'],
      ['impact_job_results', 'error'],
    ] as const) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(rt.db)
      expect(rows[0]!.n, table).toBeGreaterThan(0)
      await expect(
        sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)}`.execute(rt.db),
      ).rejects.toThrow(/refused/)
      await expect(sql`delete from ${sql.table(table)}`.execute(rt.db)).rejects.toThrow(/refused/)
      await expect(sql`truncate ${sql.table(table)} cascade`.execute(rt.db)).rejects.toThrow(/refused/)
    }
  })

  it('says a job is lost when its process stopped reporting, not running for ever', async () => {
    await recordImpactJob(rt.db, {
      id: 'i-gone',
      draftId,
      at: example.at,
      filter: { jurisdictionPrefix: '51' },
      startedBy: 'zhang-fz',
      process: 'other-host:4242:dead00',
    })
    await recordImpactProgress(rt.db, 'i-gone', 3, 10)
    // within the heartbeat window it still runs; past it, lost, with its last progress and the process named
    expect(await getImpactJob(rt, REGION, draftId, 'i-gone')).toMatchObject({ status: 'running', done: 3, total: 10 })
    const lost = await getImpactJob(rt, REGION, draftId, 'i-gone', { lostAfterMs: -1 })
    expect(lost).toMatchObject({ status: 'lost', done: 3, total: 10 })
    expect(lost.error).toContain('other-host:4242:dead00')
    expect(lost.error).toMatch(/请重新运行影响分析.*run the impact again/)
  })

  it('answers 404 for a job of another draft, and for a job over cases the caller may not see', async () => {
    const started = await call(
      'legal',
      'POST',
      `/rule-packs/drafts/${draftId}/impact?at=${encodeURIComponent(example.at)}`,
    )
    await finished(call, draftId, started.body.id)
    expect((await call('legal', 'GET', `/rule-packs/drafts/d-other/impact/${started.body.id}`)).status).toBe(404)
    await expect(
      getImpactJob(
        rt,
        { tokenId: 't', subject: 'wang', role: 'officer', jurisdiction: '513222', department: 'lx-scjgj' },
        draftId,
        started.body.id,
      ),
    ).rejects.toThrow(/没有影响分析任务/)
  })
})

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL

describe.skipIf(serverUrl === undefined)('an impact job seen from a second runtime on the same PostgreSQL', () => {
  let scratch: ScratchDatabase
  let a: Runtime
  let b: Runtime
  const tokens: Record<string, string> = {}
  let appA: ReturnType<typeof createApp>
  let appB: ReturnType<typeof createApp>
  const callA = apiCaller(() => appA, tokens)
  const callB = apiCaller(() => appB, tokens)

  beforeAll(async () => {
    scratch = await scratchDatabase(serverUrl!, 'xq_test')
    a = await openRuntime({ url: scratch.url, checkpointKey: 'memory' })
    b = await openRuntime({ url: scratch.url, checkpointKey: 'memory', installShippedPacks: false })
    appA = createApp(a)
    appB = createApp(b)
    await issueAs(a, tokens, 'legal', { subject: 'zhang-fz', role: 'legalOfficer', jurisdiction: '510000' })
    await issueAs(a, tokens, 'admin', { subject: 'li-admin', role: 'regionAdmin', jurisdiction: '510000' })
  }, 60_000)
  afterAll(async () => {
    await b?.close()
    await a?.close()
    await scratch?.drop()
  })

  it('started on one, polled on the other: the other sees its progress and report', async () => {
    const draftId = await setUp(callA)
    const started = await callA(
      'legal',
      'POST',
      `/rule-packs/drafts/${draftId}/impact?at=${encodeURIComponent(example.at)}`,
    )
    const seen = (await callB('legal', 'GET', `/rule-packs/drafts/${draftId}/impact/${started.body.id}`)).body
    expect(['running', 'done']).toContain(seen.status)
    const job = await finished(callB, draftId, started.body.id)
    expect(job).toMatchObject({ status: 'done', done: 1, total: 1, process: started.body.process })
    expect(job.report.details).toEqual([expect.objectContaining({ caseId: example.case.caseId, appear: [NEAR] })])
  })
})
