import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../src/service/accounts.js'
import { issueToken } from '../../src/service/tokens.js'
import { browserAvailable, openHarness, PEOPLE, shot, type Harness } from './harness.js'

const LEGAL = {
  userName: 'zhang.fazhi',
  password: 'legal-officer-pass-1',
  displayName: '张法制',
  role: 'legalOfficer',
  jurisdiction: '510000',
} as const
const NEAR = 'sc.deadline.statutory-near'
/** The seeded case with 4 working days of its statutory limit left on 2025-10-24. */
const CASE = 'example.promised-overdue-fires'
const AT = '2025-10-24T09:00:00+08:00'

/** With UPDATE_DOCS_SCREENSHOTS=1, the README's pictures (docs/workbench/NAME.png, the visible part of the page) too. */
async function docShot(page: Page, name: string): Promise<void> {
  await shot(page, `workbench-${name}`)
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== '1') return
  mkdirSync('docs/workbench', { recursive: true })
  await page.screenshot({ path: `docs/workbench/${name}.png` })
}

describe.skipIf(!browserAvailable())(
  'a legal officer’s day at the workbench, in Chromium',
  { timeout: 240_000 },
  () => {
    let h: Harness
    beforeAll(async () => {
      h = await openHarness()
      await createAccount(h.server.runtime.db, null, LEGAL, 'test')
    }, 180_000)
    afterAll(() => h?.close())

    it('finds the article, changes the yellow margin 3 → 5, fixes the example it breaks, sees the impact, submits; another person approves; new events cite the new version', async () => {
      const page = await h.signedIn(LEGAL.userName, LEGAL.password)
      // Browse: from the navigation to the 四川省 layer, the electronic-supervision measures, 第十条(二)3
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '规则工作台' }).click()
      await page.getByRole('tab', { name: /四川省/ }).click()
      await page.getByRole('link', { name: /电子监察管理办法/ }).click()
      const item = page.getByLabel('第十条(二)3 由以下规则、期限、基准落实')
      await item.getByRole('link', { name: /超过法定时限（红灯报警）/ }).waitFor()
      await page.getByText('行政权力运行环节有无超过法定时限或对外公开承诺的时限', { exact: false }).first().waitFor()
      await docShot(page, 'browse')
      // the lapsed 阿坝州 measures say what applies instead
      await page.getByRole('tab', { name: /阿坝/ }).click()
      await page
        .getByRole('link', { name: /阿坝州行政权力依法规范公开运行实施办法/ })
        .first()
        .click()
      await page.getByText('失效后的适用情况').waitFor()
      await docShot(page, 'lapsed')

      // the yellow-margin rule, and a draft of its pack
      await page.getByRole('tab', { name: /四川省/ }).click()
      await page.getByRole('link', { name: /电子监察管理办法/ }).click()
      await page.getByRole('link', { name: new RegExp(`法定时限即将届满.*${NEAR.replace(/\./g, '\\.')}`) }).click()
      await page.getByRole('heading', { name: /法定时限即将届满/ }).waitFor()
      await shot(page, 'workbench-rule')
      await page.getByRole('button', { name: '起草修改' }).click()
      await page.getByRole('heading', { name: /修改：法定时限即将届满/ }).waitFor()
      const ruleUrl = page.url()
      const draftUrl = ruleUrl.replace(/\/rules\/.*$/, '')

      // Change: the yellow margin is a parameter (电子监察办法 第十一条(二)); from a date it is 5 working days, with a reason
      await page.goto(`${draftUrl}?tab=parameters`)
      const margin = page.getByLabel('法定时限届满前黄灯预警的提前量', { exact: true })
      await margin.getByText('3 个工作日', { exact: true }).waitFor()
      await margin.getByRole('button', { name: '自某日起改为新值' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('自', { exact: true }).fill('2025-01-01')
      await dialog.getByLabel('值', { exact: true }).fill('5')
      await dialog.getByLabel('理由', { exact: true }).fill('黄灯提前量改为 5 个工作日')
      await dialog.getByLabel('制定机关', { exact: true }).fill('四川省监察厅')
      await dialog.getByRole('button', { name: /OK|确\s*定/ }).click()
      await margin.getByText('5 个工作日', { exact: true }).waitFor()
      await docShot(page, 'change')
      // the unsaved edit survives a reload
      await page.reload()
      await page.getByText('有未保存的修改').waitFor()
      await page
        .getByLabel('法定时限届满前黄灯预警的提前量', { exact: true })
        .getByText('5 个工作日', { exact: true })
        .waitFor()
      await page.getByLabel('修改说明').fill('黄灯提前量改为 5 个工作日')
      await page.getByRole('button', { name: '保存草稿' }).click()
      await page.getByText('有未保存的修改').waitFor({ state: 'hidden' })

      // the rule refers to the parameter by name; lint passes
      await page.goto(ruleUrl)
      await page.getByRole('status').filter({ hasText: '检查通过' }).waitFor()
      // the JSON view shows the same
      await page.getByRole('tab', { name: '属性' }).click()
      await page.locator('form.rjsf').waitFor()
      await shot(page, 'workbench-metadata')
      await page.getByRole('tab', { name: 'JSON' }).click()
      await page.getByText('"sc-es.yellow-margin"').first().waitFor()
      await shot(page, 'workbench-json')

      // Examples: one breaks; take the draft's answer; all pass
      await page.goto(`${draftUrl}?tab=examples`)
      await page.getByRole('button', { name: '运行样例' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /通过 \d+/ })
        .waitFor()
      await shot(page, 'workbench-examples-run')
      const broken = page.getByRole('listitem', { name: /承诺时限已过、法定时限未到/ })
      await broken.getByText('本次修改使其不成立，需要更新').waitFor()
      // the suggestion in words: the rules by their titles, the values by their facts' labels, dates as dates
      await broken.getByText('应触发', { exact: true }).waitFor()
      await broken.getByText('法定时限即将届满（黄灯预警）', { exact: true }).waitFor()
      await broken.getByText('法定时限届满日：2025年10月30日', { exact: true }).waitFor()
      await docShot(page, 'examples')
      await broken.getByRole('button', { name: '按草稿结果更新此样例' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /不成立 0/ })
        .waitFor()
      await page.getByRole('button', { name: '保存草稿' }).click()
      await page.getByText('有未保存的修改').waitFor({ state: 'hidden' })
      await shot(page, 'workbench-examples-fixed')

      // Changes in words
      await page.getByRole('tab', { name: '修改内容' }).click()
      await page
        .getByText(/电子监察办法 第十一条\(二\) 法定时限届满前黄灯预警的提前量 3 → 5 个工作日，自 2025-01-01起/)
        .waitFor()
      await shot(page, 'workbench-changes')

      // Try: the seeded case as of 2025-10-24 under the draft and in force, condition by condition
      await page.goto(`${draftUrl}?tab=try&case=${CASE}&at=${encodeURIComponent(AT)}`)
      await page.getByRole('button', { name: '评估' }).click()
      await page.getByLabel('按草稿').getByText('法定时限即将届满（黄灯预警）').waitFor()
      await docShot(page, 'try')

      // Impact on the seeded history, with its progress bar
      // the moment is picked as a date (2025年10月24日 09:00 on screen), ISO in the address and the request
      await page.getByRole('tab', { name: '影响分析' }).click()
      const picker = page.getByLabel('影响分析：评估时刻')
      await picker.click()
      await picker.fill('2025年10月24日 09:00')
      await picker.press('Enter')
      await page.waitForURL(/[?&]at=2025-10-24T09%3A00%3A00%2B08%3A00/)
      await page.getByRole('button', { name: '运行影响分析' }).click()
      // the summary first: level changes by department, firings by rule, due dates, then case by case
      const summary = page.getByRole('region', { name: '影响汇总' })
      await summary.getByText('2025年10月24日 09:00').first().waitFor()
      await summary.getByRole('row', { name: /理县市场监督管理局.*黄灯（级别不变，触发有变）：\d+/ }).waitFor()
      await summary
        .getByRole('row', { name: new RegExp(`法定时限即将届满.*${NEAR.replace(/\./g, '\\.')}\\s*[1-9]\\d*\\s*0$`) })
        .waitFor()
      await summary.getByRole('row', { name: new RegExp(CASE) }).waitFor()
      await docShot(page, 'impact')
      // in English, nothing of the summary needs Chinese but the names of departments and rules
      await page.getByRole('button', { name: '切换为英文界面' }).click()
      const en = page.getByRole('region', { name: 'Impact summary' })
      await en.getByText('By rule: cases newly firing and no longer firing').waitFor()
      await en.getByRole('row', { name: /yellow \(same level, other firings\): \d+/ }).waitFor()
      await en.getByText('24 Oct 2025', { exact: false }).first().waitFor()
      await shot(page, 'workbench-impact-en')
      await page.getByRole('button', { name: 'Switch to Chinese' }).click()
      // the job is kept by the server: its id is in the address, and a reload shows the same report
      expect(page.url()).toMatch(/[?&]job=i-/)
      await page.reload()
      await page
        .getByRole('region', { name: '影响汇总' })
        .getByRole('row', { name: new RegExp(CASE) })
        .waitFor()
      // a moment before any of the seeded history: the draft changes nothing, and says so
      await page.goto(`${draftUrl}?tab=impact&at=${encodeURIComponent('2024-06-01T09:00:00+08:00')}`)
      await page.getByRole('button', { name: '运行影响分析' }).click()
      await page.getByText('本草稿不改变任何已存办件的结果').waitFor()
      await shot(page, 'workbench-impact-none')
      // a job whose server process stopped (no progress for an hour) says so, instead of spinning for ever
      const hourAgo = new Date(Date.now() - 3_600_000)
      const draftId = new URL(draftUrl).pathname.split('/').pop()!
      await h.server.runtime.db
        .insertInto('impact_jobs')
        .values({
          id: 'i-gone',
          draft_id: draftId,
          at: AT,
          filter: JSON.stringify({ jurisdictionPrefix: '51' }),
          started_by: LEGAL.userName,
          process: 'gone-host:4242:dead00',
          started_at: hourAgo,
        })
        .execute()
      await h.server.runtime.db
        .insertInto('impact_job_progress')
        .values({ job_id: 'i-gone', done: 40, total: 93, at: hourAgo })
        .execute()
      await page.goto(`${draftUrl}?tab=impact&job=i-gone`)
      await page.getByRole('alert').getByText('运行此任务的服务进程已停止，任务不会完成；请重新运行影响分析').waitFor()
      await page.getByText('gone-host:4242:dead00', { exact: true }).waitFor()
      // the picker shows the job's moment, not now
      await expect.poll(() => page.getByLabel('影响分析：评估时刻').inputValue()).toBe('2025年10月24日 09:00')
      await page.getByText('40 / 93').waitFor()
      await shot(page, 'workbench-impact-lost')

      // Submit
      await page.getByRole('tab', { name: /提交审核/ }).click()
      await page.getByLabel('提交说明').fill('请审核：黄灯提前量 3 → 5 个工作日')
      await page.getByRole('button', { name: '提交审核' }).click()
      await page.getByText('待审核').first().waitFor()

      // Another person approves, with a reason
      const admin = await h.signedIn(PEOPLE.admin.userName, PEOPLE.admin.password)
      await admin.goto(`${draftUrl}?tab=review`)
      await admin.getByLabel('审批理由').fill('经法制审核，同意')
      await admin.getByRole('button', { name: '批准并启用' }).click()
      await admin.getByText('已批准生效').first().waitFor()
      await shot(admin, 'workbench-approved')
      const rt = h.server.runtime
      const version = rt.env().packs.find((p) => p.pack.id === 'sc.electronic-supervision')!.version

      // the pack's versions say who proposed and who approved
      await admin.getByRole('link', { name: 'sc.electronic-supervision' }).first().click()
      await admin.getByText(/提出人：zhang\.fazhi · 批准人：admin/).waitFor()
      await docShot(admin, 'history')

      // an event appended now is evaluated under the new version
      const token = (
        await issueToken(rt.db, { subject: 'intake', role: 'regionAdmin', jurisdiction: '510000' }, 'test')
      ).token
      const res = await fetch(`${h.server.url}/cases/${CASE}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'wb-e1',
          type: 'evidenceUploaded',
          occurredAt: '2026-12-01T09:00:00+08:00',
          recordedAt: '2026-12-01T09:00:00+08:00',
          actor: { id: 'u-li', name: '李明' },
          evidence: { id: 'ev-wb-1', kind: 'document', title: '现场核查记录', sha256: 'a'.repeat(64) },
        }),
      })
      expect(res.status).toBe(201)
      const evaluations = (await (
        await fetch(`${h.server.url}/cases/${CASE}/evaluations`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { evaluations: { packs: { version: string }[] }[] }
      expect(evaluations.evaluations.at(-1)!.packs.map((p) => p.version)).toContain(version)
    })
  },
)
