import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../src/service/accounts.js'
import { browserAvailable, openHarness, SCREENSHOTS, shot, type Harness } from './harness.js'

const LEGAL = {
  userName: 'wang.fazhi',
  password: 'legal-officer-pass-2',
  displayName: '王法制',
  role: 'legalOfficer',
  jurisdiction: '510000',
} as const
const RULE = '/workbench/rules/lx.discretion-standards/lx.discretion.fire-facilities.outside-statutory-range'

describe.skipIf(!browserAvailable())('a discretion standard as an editable table', { timeout: 240_000 }, () => {
  let h: Harness
  beforeAll(async () => {
    h = await openHarness({ seed: false })
    await createAccount(h.server.runtime.db, null, LEGAL, 'test')
  }, 180_000)
  afterAll(() => h?.close())

  it('shows the 理县 fire-facilities table, flags a 从轻 band raised above 一般 at its row, and clears when it is put back; the edit survives a reload', async () => {
    const page = await h.signedIn(LEGAL.userName, LEGAL.password)
    await page.goto(`${h.server.url}${RULE}`)
    await page.getByRole('button', { name: '起草修改' }).click()
    await page.getByRole('heading', { name: /^修改：/ }).waitFor()
    const draftUrl = page.url().replace(/\/rules\/.*$/, '')
    await page.goto(`${draftUrl}?tab=discretion`)
    const card = page.getByLabel('消防设施、器材、消防安全标志不符合标准或者未保持完好有效的罚款裁量基准')
    const row = card.getByRole('row', { name: 'minor-lighter' })
    // the row as the standard has it: 较轻, 应当从轻或者减轻, no 从重; 从轻 up to 15% of 5,000—50,000 元, i.e. 5,000—11,750 元
    await row.getByText('0%—15%：5,000 元—11,750 元').waitFor()
    await row.getByText('可低于法定最低额').waitFor()
    await card.getByText('一年内再犯、拒不改正（中华人民共和国行政处罚法 第三十四条）').waitFor()
    await page.getByRole('status').getByText('检查通过').waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'workbench-discretion-table.png') })

    // the 从轻 band raised to 50%: above the 一般 band of 较轻 (0—30%) — the table lint says so at the row
    const to = row.getByRole('spinbutton', { name: 'minor-lighter 档次上限' })
    await to.fill('0.5')
    await row.getByText('DISCRETION_LIGHTER_ABOVE_GENERAL').waitFor()
    await row.getByText('裁量表的行“minor-lighter”可以从轻', { exact: false }).waitFor()
    await page.getByRole('status').getByText('检查未通过').waitFor()
    expect(
      await card.getByRole('row', { name: 'minor-general' }).getByText('DISCRETION_', { exact: false }).count(),
    ).toBe(0)
    await row.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'workbench-discretion-row.png') })

    // kept in the browser: a reload shows the edit, and its finding
    await page.reload()
    await page
      .getByLabel('消防设施、器材、消防安全标志不符合标准或者未保持完好有效的罚款裁量基准')
      .getByRole('row', { name: 'minor-lighter' })
      .getByText('DISCRETION_LIGHTER_ABOVE_GENERAL')
      .waitFor()

    // put back: the finding is gone, lint passes
    const back = page
      .getByLabel('消防设施、器材、消防安全标志不符合标准或者未保持完好有效的罚款裁量基准')
      .getByRole('row', { name: 'minor-lighter' })
    await back.getByRole('spinbutton', { name: 'minor-lighter 档次上限' }).fill('0.15')
    await page.getByRole('status').getByText('检查通过').waitFor()
    await expect.poll(() => back.getByText('DISCRETION_LIGHTER_ABOVE_GENERAL').count()).toBe(0)

    // a row added (the whole statutory range, for every case): under the unique hit policy it overlaps the others, said at the new row; removed, it is gone
    const fire = page.getByLabel('消防设施、器材、消防安全标志不符合标准或者未保持完好有效的罚款裁量基准')
    await fire.getByRole('button', { name: '添加一行' }).click()
    const added = fire.getByRole('row', { name: 'row-26' })
    await added.getByText('DISCRETION_TABLE_OVERLAP').first().waitFor()
    await page.getByRole('status').getByText('检查未通过').waitFor()
    // its `when` in the table: 减轻 allowed for any case is said at the row; limited to 应当从轻或者减轻, it is not
    const pick = async (label: string, option: string) => {
      await added.getByRole('combobox', { name: label }).click()
      await page.keyboard.type(option)
      await page.keyboard.press('Enter')
      await page.keyboard.press('Escape')
    }
    await pick('row-26 裁量阶次', '减轻')
    await added.getByText('DISCRETION_REDUCED_WITHOUT_GROUND').waitFor()
    await pick('row-26 法定情节', '应当从轻或者减轻')
    await expect.poll(() => added.getByText('DISCRETION_REDUCED_WITHOUT_GROUND').count()).toBe(0)
    await pick('row-26 违法情节', '较轻')
    await pick('row-26 从重', '无')
    await added.getByText('应当从轻或者减轻').first().waitFor()
    // its band's kinds: 行政拘留 is not among the statutory kinds, said at the row; taken out, it is not
    await pick('row-26 处罚种类', '行政拘留')
    await added.getByText('DISCRETION_KIND_NOT_STATUTORY').waitFor()
    await added.getByRole('combobox', { name: 'row-26 处罚种类' }).click()
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Escape')
    await expect.poll(() => added.getByText('DISCRETION_KIND_NOT_STATUTORY').count()).toBe(0)
    await added.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'workbench-discretion-when.png') })
    await added.getByRole('button', { name: '删除此行 row-26' }).click()
    await page.getByRole('status').getByText('检查通过').waitFor()
    expect(await fire.getByRole('row', { name: 'row-26' }).count()).toBe(0)
    await shot(page, 'workbench-discretion-table-after')

    // a row removed leaves cases no row covers: said of the table as a whole; discarding the edit brings it back
    await fire.getByRole('button', { name: '删除此行 minor-general' }).click()
    await fire.locator('.ant-alert').getByText('DISCRETION_TABLE_GAP', { exact: false }).first().waitFor()
    await page.getByRole('button', { name: '放弃未保存的修改' }).click()
    await fire.getByRole('row', { name: 'minor-general' }).waitFor()
    await page.getByRole('status').getByText('检查通过').waitFor()

    // in English: the table's words, its cells and its findings need no Chinese (the law's own names aside)
    await page.getByRole('button', { name: '切换为英文界面' }).click()
    const en = page.getByLabel('消防设施、器材、消防安全标志不符合标准或者未保持完好有效的罚款裁量基准')
    const header = en.locator('thead').first()
    for (const title of ['circumstances', 'tier', 'statutory relief', 'aggravated', 'levels', 'band', 'findings'])
      await header.getByText(title, { exact: true }).waitFor()
    expect(await header.textContent()).not.toMatch(/\p{Script=Han}/u)
    const lighter = en.getByRole('row', { name: 'minor-lighter' })
    await lighter.getByText('0%—15%: 5,000 yuan—11,750 yuan').waitFor()
    await lighter.getByRole('combobox', { name: 'minor-lighter statutory relief' }).waitFor()
    await lighter.getByText('must mitigate').waitFor()
    await lighter.getByText('may go below the statutory minimum').waitFor()
    await lighter.getByRole('combobox', { name: 'minor-lighter penalty kinds' }).waitFor()
    await lighter.getByText('fine', { exact: true }).first().waitFor()
    await lighter.getByRole('spinbutton', { name: 'minor-lighter band to' }).fill('0.5')
    await lighter.getByText('row "minor-lighter"', { exact: false }).first().waitFor()
    await en.getByText('hit policy', { exact: true }).waitFor()
    await lighter.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'workbench-discretion-en.png') })
    await lighter.getByRole('spinbutton', { name: 'minor-lighter band to' }).fill('0.15')
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await page.getByRole('status').getByText('检查通过').waitFor()
  })
})
