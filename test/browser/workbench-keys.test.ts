import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createAccount } from '../../src/service/accounts.js'
import { browserAvailable, openHarness, shot, type Harness } from './harness.js'

const LEGAL = {
  userName: 'zhang.fazhi',
  password: 'legal-officer-pass-1',
  displayName: '张法制',
  role: 'legalOfficer',
  jurisdiction: '510000',
} as const
const RULE = '/workbench/rules/sc.electronic-supervision/sc.deadline.statutory-near'

/** The focused element's outline, as drawn: a keyboard user must see where they are. */
const focusOutline = (page: Page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!)
    return {
      style: s.outlineStyle,
      width: Number.parseFloat(s.outlineWidth),
      text: document.activeElement?.textContent ?? '',
    }
  })

describe.skipIf(!browserAvailable())(
  'the workbench from the keyboard, in English, with a typed-in case, the JSON checked, a draft withdrawn',
  { timeout: 240_000 },
  () => {
    let h: Harness
    beforeAll(async () => {
      h = await openHarness({ seed: false })
      await createAccount(h.server.runtime.db, null, LEGAL, 'test')
    }, 180_000)
    afterAll(() => h?.close())

    it('walks a draft with the keyboard, checks its JSON against the schema, tries a typed-in case on both sides of the margin, and withdraws it', async () => {
      const page = await h.signedIn(LEGAL.userName, LEGAL.password)
      await page.goto(`${h.server.url}${RULE}`)
      // the draft is opened from the keyboard: focus on the button, visible, and Enter
      const open = page.getByRole('button', { name: '起草修改' })
      await open.focus()
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Tab')
      expect(await focusOutline(page)).toMatchObject({ style: 'solid', text: '起草修改' })
      expect((await focusOutline(page)).width).toBeGreaterThanOrEqual(2)
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: /修改：法定时限即将届满/ }).waitFor()
      const draftUrl = page.url().replace(/\/rules\/.*$/, '')

      // the margin is a parameter of the pack: the builder shows it by its label, with today's value and unit, not as JSON
      const margin = page.locator('.xq-qb-rule').nth(2)
      await margin.getByText('法定时限届满前黄灯预警的提前量（现行 3 个工作日）').waitFor()
      expect(await margin.getByText('{"param"').count()).toBe(0)
      await shot(page, 'workbench-condition-parameter')

      // the views of the rule by the arrow keys of the tab list
      await page.getByRole('tab', { name: '条件' }).focus()
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByRole('tab', { name: 'JSON' }).getAttribute('aria-selected')).toBe('true')
      expect((await focusOutline(page)).style).toBe('solid')
      await shot(page, 'workbench-keys-tab')

      // the JSON editor checks against the rule's schema as one types: a wrong fact marked where it stands, in Chinese
      await page.getByText('"lessThanInclusive"').first().waitFor()
      await page.locator('.cm-content').getByText('"statutoryDaysLeft"').first().dblclick()
      await page.keyboard.type('statutoryDaysLefx')
      const marked = page.locator('.cm-lintRange-error')
      await expect.poll(() => marked.count()).toBe(1)
      await marked.first().hover()
      await page
        .locator('.cm-tooltip')
        .getByText('“statutoryDaysLefx”不是可用的取值（conditions.all.2.fact）', { exact: false })
        .waitFor()
      await shot(page, 'workbench-json-schema')
      // and completes a fact's name from what is typed
      await page.mouse.move(0, 0)
      await page.keyboard.press('Control+z')
      await expect.poll(() => marked.count()).toBe(0)
      await page.locator('.cm-content').getByText('"statutoryDaysLeft"').first().dblclick()
      await page.keyboard.type('statutoryDays')
      await page.keyboard.press('Control+Space')
      const completion = page.locator('.cm-tooltip-autocomplete')
      await completion.getByText('statutoryDaysLeft', { exact: true }).waitFor()
      await completion.getByText('statutoryDaysUsed', { exact: true }).waitFor()
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+z')
      await expect.poll(() => marked.count()).toBe(0)

      // English: the workbench's words, and the editor's problems
      await page.getByRole('button', { name: '切换为英文界面' }).click()
      for (const tab of ['Conditions', 'Properties', 'JSON']) await page.getByRole('tab', { name: tab }).waitFor()
      await page.mouse.move(0, 0)
      await page.locator('.cm-content').getByText('"statutoryDaysLeft"').first().dblclick()
      await page.keyboard.type('statutoryDaysLefx')
      await expect.poll(() => marked.count()).toBe(1)
      await marked.first().hover()
      await page
        .locator('.cm-tooltip')
        .getByText('"statutoryDaysLefx" is not one of the values allowed', { exact: false })
        .waitFor()
      await shot(page, 'workbench-json-schema-en')
      await page.mouse.move(0, 0)
      await page.keyboard.press('Control+z')
      await page.getByRole('button', { name: 'Switch to Chinese' }).click()
      await page.getByRole('tab', { name: '条件' }).waitFor()

      // Try a case typed in a form, as of 2025年10月27日: 20 working days from 9月26日 end on 10月30日, 3 left → yellow
      await page.goto(`${draftUrl}?tab=try&source=form&at=${encodeURIComponent('2025-10-27T09:00:00+08:00')}`)
      const form = page.getByRole('form', { name: '录入的办件' })
      await form.getByRole('spinbutton', { name: '法定时限' }).waitFor()
      await page.getByRole('button', { name: '评估' }).click()
      const underDraft = page.getByLabel('按草稿')
      await underDraft.getByText('法定时限即将届满（黄灯预警）').waitFor()
      await shot(page, 'workbench-try-typed')
      // a limit of 40 working days leaves 23: no yellow margin then
      await form.getByRole('spinbutton', { name: '法定时限' }).fill('40')
      await page.getByRole('button', { name: '评估' }).click()
      await expect.poll(() => underDraft.getByText('法定时限即将届满（黄灯预警）').count()).toBe(0)
      await underDraft.getByText('超过承诺时限（黄灯预警）').waitFor()

      // withdraw: a reason, from the keyboard; the draft stays, marked withdrawn, with who and why
      await page.goto(`${draftUrl}?tab=review`)
      await page.getByLabel('撤回理由').fill('改由新的草稿起草')
      await page.keyboard.press('Tab')
      expect(await focusOutline(page)).toMatchObject({ style: 'solid', text: '撤回草稿' })
      await page.keyboard.press('Enter')
      await page.getByText('已撤回').first().waitFor()
      await page.getByText('改由新的草稿起草').waitFor()
      expect(await page.getByRole('button', { name: '提交审核' }).count()).toBe(0)
      await shot(page, 'workbench-withdrawn')
    })
  },
)
