import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAvailable, openHarness, PEOPLE, shot, type Harness } from './harness.js'

describe.skipIf(!browserAvailable())('the web shell in Chromium', { timeout: 60_000 }, () => {
  let h: Harness
  beforeAll(async () => {
    h = await openHarness({ seed: false })
  }, 120_000)
  afterAll(() => h?.close())

  it('sends a visitor to the sign-in page, in Chinese, and refuses a wrong password with a message', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(`${h.server.url}/people`)
    await page.getByRole('heading', { name: '登录行权平台' }).waitFor()
    expect(page.url()).toContain('/signin?next=%2Fpeople')
    await shot(page, 'sign-in')
    await page.getByLabel('用户名').fill('admin')
    await page.getByLabel('密码').fill('not-the-password')
    await page.getByRole('button', { name: /登\s*录/ }).click()
    await page.getByRole('alert').getByText('用户名或密码不正确，或账号已停用').waitFor()
    await shot(page, 'sign-in-failed')
    await page.getByLabel('密码').fill(PEOPLE.admin.password)
    await page.getByLabel('密码').press('Enter')
    await page.getByRole('heading', { name: '账号管理' }).waitFor()
    expect(page.url()).toMatch(/\/people$/)
    const cookies = await context.cookies()
    expect(cookies.find((c) => c.name === 'xq_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/xq_/)
    await context.close()
  })

  it('lets an administrator open an account, which then signs in; disabling it ends its session', async () => {
    const admin = await h.signedIn(PEOPLE.admin.userName, PEOPLE.admin.password)
    await admin.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '账号管理' }).click()
    await admin.getByRole('button', { name: '开设账号' }).click()
    const dialog = admin.getByRole('dialog', { name: '开设账号' })
    await dialog.getByLabel('用户名').fill('wang.fang')
    await dialog.getByLabel('姓名').fill('王芳')
    await dialog.getByLabel('初始密码').fill('wang-fang-pass-1')
    await dialog.getByLabel('角色').click()
    await admin.getByTitle('经办人', { exact: true }).click()
    await dialog.getByLabel('行政区划代码').fill('513222')
    await dialog.getByLabel('部门代码').fill('lx-scjgj')
    await shot(admin, 'people-open-account')
    await dialog.getByRole('button', { name: /确\s*定/ }).click()
    const row = admin.getByRole('row', { name: /wang\.fang/ })
    await row.getByText('在用').waitFor()
    await row.getByText('admin（地区管理员）').waitFor()
    await shot(admin, 'people')

    const wang = await h.signedIn('wang.fang', 'wang-fang-pass-1')
    await wang.getByText('王芳（经办人 · 513222 · lx-scjgj）').waitFor()
    expect(await wang.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '账号管理' }).count()).toBe(
      0,
    )

    await row.getByRole('button', { name: '停用' }).click()
    const confirm = admin.getByRole('dialog', { name: '停用账号' })
    await confirm.getByLabel('理由').fill('调离本部门')
    await confirm.getByRole('button', { name: /确\s*定/ }).click()
    await row.getByText('已停用').waitFor()
    await wang.reload()
    await wang.getByRole('heading', { name: '登录行权平台' }).waitFor()
  })

  it('switches to English and back, and every page has an address', async () => {
    const page = await h.signedIn(PEOPLE.auditor.userName, PEOPLE.auditor.password)
    await page.getByRole('heading', { name: /欢迎，沈审计/ }).waitFor()
    await shot(page, 'home')
    await page.getByRole('button', { name: '切换为英文界面' }).click()
    await page.getByRole('heading', { name: /Welcome, 沈审计/ }).waitFor()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    await shot(page, 'home-en')
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await page.goto(`${h.server.url}/no/such/page`)
    await page.getByText('没有这个页面').waitFor()
  })

  it('is usable from the keyboard, with the focus visible', async () => {
    const page = await h.signedIn(PEOPLE.supervisor.userName, PEOPLE.supervisor.password)
    await page.keyboard.press('Tab')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
    expect(outline).toBe('solid')
    await shot(page, 'keyboard-focus')
  })
})
