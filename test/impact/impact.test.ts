import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replayCase } from '../../src/evaluation/replay.js'
import { loadExamples, readExample } from '../../src/examples/run-example.js'
import { formatImpact, replayBoth, runImpact, sidesOf } from '../../src/impact/index.js'
import { appendEvent } from '../../src/service/append-event.js'
import { getImpactJob, startImpact } from '../../src/service/draft-impact.js'
import type { Principal } from '../../src/service/principal.js'
import type { Runtime } from '../../src/service/runtime.js'
import { SEEDER } from '../../src/service/seed.js'
import type { CaseFile, RulePack } from '../../src/types/generated.js'
import { TARGETS } from '../service/helpers/targets.js'
import { closedOn, draftOf, licensingCase, NEAR, withMargin } from './impact-helpers.js'

// 2025年10月23日（星期四）9时：9月26日受理的办件已用15个工作日（9月28日调休、29日、30日，国庆中秋假期后10月9日起），
// 法定二十个工作日10月30日届满，尚余5日；10月13日受理的尚余12日；9月12日受理的已超期
const AT = '2025-10-23T09:00:00+08:00'
const OTHER = { code: 'lx-zrzyj', name: '理县自然资源局' }
const CASES: CaseFile[] = [
  licensingCase('imp-five-left', '2025-09-26T09:30:00+08:00'),
  licensingCase('imp-twelve-left', '2025-10-13T09:30:00+08:00', OTHER),
  licensingCase('imp-closed', '2025-09-26T09:30:00+08:00', undefined, [closedOn('2025-10-20T10:00:00+08:00')]),
  licensingCase('imp-overdue', '2025-09-12T09:30:00+08:00', OTHER),
  // 督办事项：11月3日交办，二十个工作日12月1日届满，经批准延长十个工作日至12月15日（12月16日仍未上报）
  readExample('rules/sichuan/examples/supervision-matter-overdue.example.json').case,
  // 10月9日受理，二十个工作日11月5日届满：尚余5日是10月29日，尚余3日是10月31日；11月4日在法定期限内办结
  // （承诺的十五个工作日10月29日届满，已过：黄灯）
  licensingCase('imp-closed-in-time', '2025-10-09T09:30:00+08:00', undefined, [closedOn('2025-11-04T10:00:00+08:00')]),
]

describe.each(TARGETS)('the impact of a draft over the stored cases on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open()
    for (const file of CASES) for (const event of file.events) await appendEvent(rt, SEEDER, file.caseId, event)
  }, 60_000)
  afterAll(() => rt?.close())

  const sides = (draft: ReturnType<typeof draftOf>) => ({
    rulesDir: rt.rulesDir,
    inForce: rt.env().packs,
    draft: [draft],
    catalog: rt.env().catalog,
  })

  it('on the events alone, a yellow margin of 5 working days instead of 3 turns yellow the case with 5 days left, and no other', async () => {
    const draft = draftOf(rt.env().packs, 'sc.electronic-supervision', withMargin(5))
    const report = await runImpact({ db: rt.db, sides: sides(draft), at: AT, workers: 0, sweep: false })
    expect(report).toMatchObject({ at: AT, cases: 6, changed: 1 })
    expect(report.details).toEqual([
      expect.objectContaining({
        caseId: 'imp-five-left',
        department: { code: 'lx-scjgj', name: '理县市场监督管理局' },
        level: { inForce: 'none', draft: 'yellow' },
        appear: [NEAR],
        disappear: [],
        notices: { appear: [`at:${NEAR}`], disappear: [] },
        due: [],
      }),
    ])
    expect(report.byDepartment).toEqual([
      { department: 'lx-scjgj', name: '理县市场监督管理局', changes: { '无预警 → 黄灯': 1 } },
    ])
    expect(report.summary).toMatchObject({
      levelChanges: 1,
      firings: [{ ruleId: NEAR, appear: 1, disappear: 0 }],
      dueMoves: [],
      notices: { appear: 1, disappear: 0 },
      failed: [],
    })
    expect(report.summary.events).toBe(6)
    const text = formatImpact(report)
    expect(text.indexOf('按部门 / by department')).toBeLessThan(text.indexOf('逐个办件 / case by case'))
    expect(text).toContain('imp-five-left  理县市场监督管理局（lx-scjgj）  无预警(none) → 黄灯(yellow)')
    expect(text).not.toContain('imp-twelve-left')
  })

  it('on worker threads the report is the same as in the calling thread', async () => {
    const draft = draftOf(rt.env().packs, 'sc.electronic-supervision', withMargin(5))
    const progress: number[] = []
    const inline = await runImpact({ db: rt.db, sides: sides(draft), at: AT, workers: 0, batchSize: 1 })
    const threaded = await runImpact({
      db: rt.db,
      sides: sides(draft),
      at: AT,
      workers: 2,
      batchSize: 1,
      onProgress: (done) => progress.push(done),
    })
    expect(threaded).toEqual(inline)
    expect(progress.at(0)).toBe(0)
    expect(progress.at(-1)).toBe(6)
  }, 60_000)

  it('a draft identical to the pack in force changes nothing, and says so', async () => {
    const draft = draftOf(rt.env().packs, 'sc.electronic-supervision', () => {})
    const report = await runImpact({ db: rt.db, sides: sides(draft), at: AT, workers: 0 })
    expect(report).toMatchObject({ cases: 6, changed: 0, details: [], byDepartment: [] })
    expect(formatImpact(report)).toContain('本草稿不改变任何已存办件的结果 / this draft changes no stored case')
  })

  it('a draft that gives 督办事项 25 working days instead of 20 moves the due date and clears the alarm', async () => {
    const draft = draftOf(rt.env().packs, 'sc.electronic-supervision', (p) => {
      ;(p.deadlinePolicy!.matters!.supervision!.limit as { days: number }).days = 25
    })
    const report = await runImpact({ db: rt.db, sides: sides(draft), at: '2025-12-16T09:00:00+08:00', workers: 0 })
    const matter = report.details.find((d) => d.caseId === CASES[4]!.caseId)
    // 25 个工作日至12月8日（未延长的期限，promisedDueDate），延长十个工作日至12月22日
    expect(matter).toMatchObject({
      due: [
        { fact: 'statutoryDueDate', inForce: '2025-12-15', draft: '2025-12-22' },
        { fact: 'promisedDueDate', inForce: '2025-12-01', draft: '2025-12-08' },
      ],
      disappear: ['sc.supervision-matter.overdue'],
    })
    expect(report.summary.dueMoves).toContainEqual({ fact: 'statutoryDueDate', cases: 1 })
  })

  it('the service job replays what the caller may see of the draft layer, and nothing for a caller elsewhere', async () => {
    const draft = draftOf(rt.env().packs, 'sc.electronic-supervision', withMargin(5))
    const who = (jurisdiction: string, role: Principal['role'], department: string | null): Principal => ({
      tokenId: 't',
      subject: 's',
      role,
      jurisdiction,
      department,
    })
    const finished = async (started: ReturnType<typeof startImpact>) => {
      const job = await started
      const read = () => getImpactJob(rt, who('510000', 'regionAdmin', null), 'd-1', job.id)
      for (let i = 0; i < 200 && (await read()).status === 'running'; i++) await new Promise((r) => setTimeout(r, 50))
      return read()
    }
    const region = await finished(
      startImpact(rt, who('510000', 'regionAdmin', null), 'd-1', draft.pack, AT, { workers: 0 }),
    )
    expect(region).toMatchObject({ status: 'done', done: 6, total: 6, report: { cases: 6, changed: 2 } })
    // the service replays the sweep's days too: the case closed in time (of the other department) gets its yellow
    // notice two days earlier
    const other = await finished(
      startImpact(rt, who('513222', 'officer', OTHER.code), 'd-1', draft.pack, AT, { workers: 0 }),
    )
    expect(other).toMatchObject({ status: 'done', report: { cases: 2, changed: 1 } })
    const elsewhere = await finished(startImpact(rt, who('513221', 'regionAdmin', null), 'd-1', draft.pack, AT))
    expect(elsewhere).toMatchObject({ status: 'done', report: { cases: 0, changed: 0, details: [] } })
  })

  it('replaying the sweep days too (the default), a case closed within its statutory limit still shows the yellow notice the wider margin would have issued two days earlier; the events alone miss it', async () => {
    const draft = draftOf(rt.env().packs, 'sc.electronic-supervision', withMargin(5))
    const at = '2025-11-30T09:00:00+08:00'
    const events = await runImpact({ db: rt.db, sides: sides(draft), at, workers: 0, sweep: false })
    expect(events.details.map((d) => d.caseId)).not.toContain('imp-closed-in-time')
    const swept = await runImpact({ db: rt.db, sides: sides(draft), at, workers: 0 })
    expect(swept.details.find((d) => d.caseId === 'imp-closed-in-time')).toEqual(
      expect.objectContaining({
        level: { inForce: 'yellow', draft: 'yellow' },
        appear: [],
        disappear: [],
        notices: { appear: [`2025-10-29:${NEAR}`], disappear: [`2025-10-31:${NEAR}`] },
      }),
    )
  })

  it('a worker that cannot start fails the impact with its reason, rather than hanging or reporting part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-impact-broken-'))
    mkdirSync(join(dir, 'calendar'))
    writeFileSync(join(dir, 'calendar', '2025.json'), '{ "year": ')
    try {
      const draft = draftOf(rt.env().packs, 'sc.electronic-supervision', withMargin(5))
      await expect(
        runImpact({ db: rt.db, sides: { ...sides(draft), rulesDir: dir }, at: AT, workers: 1 }),
      ).rejects.toThrow(/JSON/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('a draft of a county pack replays only the cases of that county', async () => {
    const lixian = rt.env().packs.find((p) => p.pack.jurisdiction.code === '513222')!
    const draft = draftOf(rt.env().packs, lixian.pack.id, () => {})
    expect((await runImpact({ db: rt.db, sides: sides(draft), at: AT, workers: 0 })).cases).toBe(6)
    const elsewhere = draftOf(rt.env().packs, lixian.pack.id, (p) => {
      ;(p as { jurisdiction: RulePack['jurisdiction'] }).jurisdiction = {
        code: '513221',
        name: '汶川县',
        level: 'county',
      }
    })
    expect((await runImpact({ db: rt.db, sides: sides(elsewhere), at: AT, workers: 0 })).cases).toBe(0)
  })
})

describe('the draft side reuses the facts only where both sides read the same inputs', () => {
  const { examples } = loadExamples('rules')

  it('under a draft of a parameter and under a draft of the deadline policy, the draft side is what its own replay gives', async () => {
    const { loadEnvironment } = await import('../../src/evaluation/environment.js')
    const env = loadEnvironment('rules')
    const drafts = [
      draftOf(env.packs, 'sc.electronic-supervision', withMargin(5)),
      // 督办事项 20 → 25 个工作日：the policy differs, the facts (due dates) too
      draftOf(env.packs, 'sc.electronic-supervision', (p) => {
        ;(p.deadlinePolicy!.matters!.supervision!.limit as { days: number }).days = 25
      }),
      // the same change made as the legal staff make it: a dated value of the parameter the policy cites
      draftOf(env.packs, 'sc.electronic-supervision', (p) => {
        const limit = p.parameters!.find((q) => q.id === 'sc-es.supervision.limit')!
        limit.values = [...limit.values, { ...limit.values[0]!, from: '2025-01-01', value: 25 }]
      }),
    ]
    for (const [i, draft] of drafts.entries()) {
      const sides = sidesOf({
        rulesDir: 'rules',
        inForce: env.packs,
        draft: [draft],
        ...(env.catalog ? { catalog: env.catalog } : {}),
      })
      // the margin is a parameter only rules read: the facts are shared; the matter's limit is in the policy (as a number
      // or as the parameter it cites, whose values hold for the day of acceptance): they are not
      expect(sides.same.on('513222', '2025-11-03')).toBe(i === 0)
      if (i === 2) expect(sides.same.on('513222', '2024-06-03')).toBe(false)
      for (const { file, example } of examples) {
        const paired = replayBoth(sides.inForce, sides.draft, example.case, example.at, sides.same)
        const own = replayCase(sides.draft, example.case, { at: example.at })
        const firings = [...own.evaluations, ...(own.asOf ? [own.asOf] : [])].map((e) => e.firings)
        expect(
          paired.draft.evaluations.map((e) => e.firings),
          `${file} under ${draft.version}`,
        ).toEqual(firings)
        expect(paired.draft.facts, file).toEqual(own.asOf?.facts)
        // with the sweep's days: the shared facts give what the draft's own replay gives
        const apart = { on: () => false } as unknown as typeof sides.same
        const swept = replayBoth(sides.inForce, sides.draft, example.case, example.at, sides.same, { sweep: true })
        expect(swept.draft, `${file} with the sweep`).toEqual(
          replayBoth(sides.inForce, sides.draft, example.case, example.at, apart, { sweep: true }).draft,
        )
      }
    }
  })
})
