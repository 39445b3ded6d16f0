import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readExample } from '../../src/examples/example-case.js'
import { createApp } from '../../src/service/app.js'
import type { Runtime } from '../../src/service/runtime.js'
import type { RuleExample, RulePack } from '../../src/types/generated.js'
import { apiCaller, issueAs } from './helpers/api-caller.js'
import { TARGETS } from './helpers/targets.js'

const PACK_ID = 'sc.electronic-supervision'
const NEAR = 'sc.deadline.statutory-near'
const FIXED = 'rules/sichuan/examples/promised-overdue-fires.example.json'
const example = readExample(fileURLToPath(new URL(`../../${FIXED}`, import.meta.url)))

/** The pack with the yellow margin of sc.deadline.statutory-near (parameter sc-es.yellow-margin) set to `days` from 2025-01-01: one dated value. */
function withMargin(pack: RulePack, days: number): RulePack {
  const next = structuredClone(pack)
  const values = next.parameters!.find((p) => p.id === 'sc-es.yellow-margin')!.values
  const value = {
    from: '2025-01-01',
    value: days,
    source: { office: '四川省监察厅', reference: '川监发〔2024〕X号（测试）' },
  }
  // a later draft of the same day's decision replaces that value (the first test put one in force)
  const same = values.findIndex((v) => v.from === value.from)
  if (same >= 0) values[same] = value
  else values.push(value)
  return next
}

describe.each(TARGETS)('drafts: change, try, submit, approve by another person on $name', (target) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  const tokens: Record<string, string> = {}
  const call = apiCaller(() => app, tokens)

  beforeAll(async () => {
    rt = await target.open()
    app = createApp(rt)
    const issue = (name: string, spec: Parameters<typeof issueAs>[3]) => issueAs(rt, tokens, name, spec)
    await issue('legal', { subject: 'zhang-fz', role: 'legalOfficer', jurisdiction: '510000' })
    await issue('admin', { subject: 'li-admin', role: 'regionAdmin', jurisdiction: '510000' })
    await issue('auditor', { subject: 'zhao-sj', role: 'auditor', jurisdiction: '510000' })
    await issue('county', { subject: 'wang', role: 'officer', jurisdiction: '513222', department: 'lx-scjgj' })
    const opened = await call('admin', 'POST', '/cases', { caseId: example.case.caseId, event: example.case.events[0] })
    expect(opened.status).toBe(201)
    for (const event of example.case.events.slice(1))
      expect((await call('admin', 'POST', `/cases/${example.case.caseId}/events`, event)).status).toBe(201)
  }, 60_000)
  afterAll(() => rt?.close())

  it('walks a change of the yellow margin from a draft to the rules in force, attributed to two people', async () => {
    const opened = await call('legal', 'POST', '/rule-packs/drafts', { packId: PACK_ID })
    expect(opened.status).toBe(201)
    const draft = opened.body
    expect(draft).toMatchObject({ packId: PACK_ID, status: 'editing', revision: 0 })
    const changed = withMargin(draft.pack, 5)

    // lint of what is typed: clean; a typo in a fact is reported at its pointer, in Chinese and English
    expect(
      (await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/lint`, { pack: changed })).body.valid,
    ).toBe(true)
    const typo = structuredClone(changed) as { rules: { id: string; conditions: { all: { fact: string }[] } }[] }
    typo.rules.find((r) => r.id === NEAR)!.conditions.all[2]!.fact = 'statutoryDaysLeftt'
    const lint = (await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/lint`, { pack: typo })).body
    expect(lint.valid).toBe(false)
    const unknown = lint.problems.find((p: { code: string }) => p.code === 'FACT_UNKNOWN')
    expect(unknown).toMatchObject({
      pointer: expect.stringMatching(/^\/rules\/\d+\/conditions\/all\/2\/fact$/),
      zh: expect.stringContaining('statutoryDaysLeftt'),
      en: expect.any(String),
    })

    // the examples: one that held now needs updating
    const saved = await call('legal', 'PUT', `/rule-packs/drafts/${draft.draftId}`, {
      pack: changed,
      note: '黄灯提前量改为 5 个工作日',
    })
    expect(saved.body).toMatchObject({ revision: 1, status: 'editing' })
    const runs = (await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/examples`)).body
    const broken = runs.examples.filter((e: { passed: boolean }) => !e.passed)
    expect(broken).toEqual([
      expect.objectContaining({ file: FIXED, brokenByDraft: true, failures: [expect.stringContaining(NEAR)] }),
    ])

    // submitting while an example fails is refused
    expect((await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/submit`, {})).status).toBe(422)

    // fix the example as suggested: with 4 working days left, the statutory-near yellow now fires too
    const fixed: RuleExample = broken[0].suggestion
    expect(fixed.expect.fires).toContain(NEAR)
    expect(fixed.expect.silent ?? []).not.toContain(NEAR)
    await call('legal', 'PUT', `/rule-packs/drafts/${draft.draftId}`, {
      pack: changed,
      examples: [{ file: FIXED, example: fixed }],
    })
    const again = (await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/examples`)).body
    expect(again.failed).toBe(0)

    // a stored case under the draft, with its trace; and its impact
    const tried = (
      await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/evaluate`, {
        caseId: example.case.caseId,
        at: example.at,
      })
    ).body
    expect(tried.draft.firings.map((f: { ruleId: string }) => f.ruleId)).toContain(NEAR)
    expect(tried.inForce.firings.map((f: { ruleId: string }) => f.ruleId)).not.toContain(NEAR)
    const trace = tried.draft.firings.find((f: { ruleId: string }) => f.ruleId === NEAR).trace
    expect(JSON.stringify(trace)).toContain('statutoryDaysLeft')
    const job = (
      await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/impact?at=${encodeURIComponent(example.at)}`)
    ).body
    let report = job
    for (let i = 0; i < 100 && report.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      report = (await call('legal', 'GET', `/rule-packs/drafts/${draft.draftId}/impact/${job.id}`)).body
    }
    expect(report).toMatchObject({ status: 'done', done: 1, total: 1 })
    expect(report.report.details).toEqual([expect.objectContaining({ caseId: example.case.caseId, appear: [NEAR] })])

    // the change in words
    const changes = (await call('legal', 'GET', `/rule-packs/drafts/${draft.draftId}/changes`)).body
    expect(changes.words.map((w: { zh: string }) => w.zh)).toEqual([
      '电子监察办法 第十一条(二) 法定时限届满前黄灯预警的提前量 3 → 5 个工作日，自 2025-01-01起',
    ])
    expect(changes.diff).toEqual([
      expect.objectContaining({
        op: 'add',
        pointer: '/parameters/0/values/1',
        after: expect.objectContaining({ from: '2025-01-01', value: 5 }),
      }),
    ])

    // submitted by the legal officer; an auditor may not approve, nor the person who submitted
    expect(
      (await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/submit`, { note: '请审核' })).body.status,
    ).toBe('submitted')
    expect((await call('legal', 'PUT', `/rule-packs/drafts/${draft.draftId}`, { pack: changed })).status).toBe(409)
    expect(
      (await call('auditor', 'POST', `/rule-packs/drafts/${draft.draftId}/approve`, { reason: '同意' })).status,
    ).toBe(403)
    expect((await call('admin', 'POST', `/rule-packs/drafts/${draft.draftId}/approve`, {})).status).toBe(400)
    const before = rt.env().packs.find((p) => p.pack.id === PACK_ID)!.version
    const approved = await call('admin', 'POST', `/rule-packs/drafts/${draft.draftId}/approve`, {
      reason: '经法制审核同意',
    })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'approved', proposedBy: 'zhang-fz', approvedBy: 'li-admin' })
    const now = rt.env().packs.find((p) => p.pack.id === PACK_ID)!.version
    expect(now).not.toBe(before)
    expect(now).toBe(approved.body.activatedVersion)
    const activations = (await call('admin', 'GET', `/rule-packs/${PACK_ID}`)).body.activations
    expect(activations[0].note).toContain('zhang-fz 提出，li-admin 批准。理由：经法制审核同意')

    // the pack's history says the change in words, who proposed and who approved
    const history = (await call('auditor', 'GET', `/rule-packs/${PACK_ID}/history`)).body.versions[0]
    expect(history).toMatchObject({
      version: now,
      proposedBy: 'zhang-fz',
      approvedBy: 'li-admin',
      draftId: draft.draftId,
    })
    expect(history.words[0].zh).toContain('3 → 5')

    // the next evaluation cites the new version
    const later = await call('admin', 'GET', `/cases/${example.case.caseId}?at=${encodeURIComponent(example.at)}`)
    expect(later.body.asOf.packs.map((p: { version: string }) => p.version)).toContain(now)
    expect(later.body.asOf.firings.map((f: { ruleId: string }) => f.ruleId)).toContain(NEAR)
  })

  it('refuses an approval by whoever wrote the draft, and drafting by those outside the pack or without the role', async () => {
    const draft = (await call('admin', 'POST', '/rule-packs/drafts', { packId: PACK_ID })).body
    const pack = withMargin(draft.pack, 4)
    await call('admin', 'PUT', `/rule-packs/drafts/${draft.draftId}`, { pack })
    const ex: RuleExample = {
      ...example,
      expect: {
        ...example.expect,
        silent: (example.expect.silent ?? []).filter((id) => id !== NEAR),
        firesAt: [...(example.expect.firesAt ?? []), NEAR],
      },
    }
    await call('admin', 'PUT', `/rule-packs/drafts/${draft.draftId}`, {
      pack,
      examples: [{ file: FIXED, example: ex }],
    })
    expect((await call('admin', 'POST', `/rule-packs/drafts/${draft.draftId}/submit`, {})).status).toBe(200)
    const self = await call('admin', 'POST', `/rule-packs/drafts/${draft.draftId}/approve`, { reason: '同意' })
    expect(self.status).toBe(403)
    expect(self.body.problems[0].zh).toContain('另一人')
    expect((await call('auditor', 'POST', '/rule-packs/drafts', { packId: PACK_ID })).status).toBe(403)
    expect((await call('county', 'POST', '/rule-packs/drafts', { packId: PACK_ID })).status).toBe(403)
    const back = await call('legal', 'POST', `/rule-packs/drafts/${draft.draftId}/reject`, { reason: 'x' })
    expect(back.status).toBe(403) // an officer may not decide
  })

  it('renews a lapsed pack as a new pack under the renewing document, keeping the lapsed one as it was', async () => {
    const lapsed = rt.env().packs.find((p) => p.pack.id === 'aba.supervision')!
    const opened = await call('admin', 'POST', '/rule-packs/drafts', {
      packId: 'aba.supervision',
      renew: {
        packId: 'aba.supervision-2027',
        document: {
          title: '阿坝州行政权力依法规范公开运行实施办法',
          number: '阿府发〔2026〕1号',
          issuedOn: '2026-12-20',
        },
        effectiveFrom: '2027-01-01',
      },
    })
    expect(opened.status).toBe(201)
    const pack = opened.body.pack as RulePack
    expect(pack).toMatchObject({
      id: 'aba.supervision-2027',
      effectiveFrom: '2027-01-01',
      issuingDocument: { title: '阿坝州行政权力依法规范公开运行实施办法', number: '阿府发〔2026〕1号' },
    })
    expect(pack.effectiveUntil).toBeUndefined()
    expect(JSON.stringify(pack)).not.toContain(lapsed.pack.issuingDocument!.title)
    expect(opened.body.renews).toEqual({ packId: 'aba.supervision', version: lapsed.version })
    expect(rt.env().packs.find((p) => p.pack.id === 'aba.supervision')!.pack.effectiveUntil).toBe(
      lapsed.pack.effectiveUntil,
    )
  })
})
