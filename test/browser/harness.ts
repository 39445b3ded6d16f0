/** The browser tests' harness: Debian's Chromium through playwright-core, a served API with seeded cases and accounts. */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath } from '../../src/print/chromium-pdf.js'
import { createAccount } from '../../src/service/accounts.js'
import type { NoticeRenderer } from '../../src/service/notice-hook.js'
import { seedExamples } from '../../src/service/seed.js'
import { startServer, type RunningServer } from '../../src/service/serve.js'
import { WEB_DIST } from '../../src/service/web-pages.js'

const CHROMIUM = chromiumPath()
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots')

/**
 * Whether the browser tests can run. Without Chromium they are skipped, and say so; with CI=true a missing Chromium
 * (or unbuilt pages) is a failure, never a skip.
 */
export function browserAvailable(): boolean {
  const missing = [
    !existsSync(CHROMIUM) && `Chromium (${CHROMIUM}; apt-get install -y chromium)`,
    !existsSync(join(WEB_DIST, 'index.html')) && 'the built pages (npm run build:web)',
  ].filter(Boolean)
  if (missing.length === 0) return true
  const message = `浏览器测试需要 / the browser tests need: ${missing.join(', ')}`
  if (process.env.CI === 'true') throw new Error(`${message} — CI=true: a skipped browser test is a failure`)
  console.warn(`⚠ 跳过浏览器测试 / SKIPPING the browser tests: ${message}`)
  return false
}

/**
 * A new page of its own context signed in as the person at `url`, through the sign-in page as a person does.
 * @example const page = await signIn(browser, server.url, 'shen.audit', 'auditor-pass-1')
 */
export async function signIn(browser: Browser, url: string, userName: string, password: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  })
  // generous: the machines that run these share their cores; a wait ends as soon as what a user sees is there
  context.setDefaultTimeout(30_000)
  const page = await context.newPage()
  await page.goto(`${url}/`)
  await page.getByLabel('用户名').fill(userName)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.getByRole('button', { name: /退出登录/ }).waitFor()
  return page
}

export interface Harness {
  readonly server: RunningServer
  readonly browser: Browser
  /** A new page signed in as the person (through the sign-in page, as a person does). */
  signedIn(userName: string, password: string): Promise<Page>
  close(): Promise<void>
}

export const PEOPLE = {
  admin: {
    userName: 'admin',
    password: 'admin-password-1',
    displayName: '系统管理员',
    role: 'regionAdmin',
    jurisdiction: '510000',
  },
  auditor: {
    userName: 'shen.audit',
    password: 'auditor-pass-1',
    displayName: '沈审计',
    role: 'auditor',
    jurisdiction: '510000',
  },
  supervisor: {
    userName: 'li.jiancha',
    password: 'supervisor-pass-1',
    displayName: '李监察',
    role: 'supervisor',
    jurisdiction: '510000',
  },
} as const

/**
 * Starts the service on a free port over an in-memory database with the shipped examples (unless `seed: false`) and
 * the people above, and Chromium; `clock` fixes the service's now; `notices` replaces the shipped templates' renderer.
 * @example const h = await openHarness(); const page = await h.signedIn('shen.audit', 'auditor-pass-1')
 */
export async function openHarness(
  options: { clock?: () => Date; seed?: boolean; notices?: NoticeRenderer } = {},
): Promise<Harness> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const server = await startServer(
    {
      dataDir: 'memory',
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.notices ? { notices: options.notices } : {}),
    },
    { port: 0 },
  )
  if (options.seed ?? true) await seedExamples(server.runtime)
  for (const p of Object.values(PEOPLE)) await createAccount(server.runtime.db, null, p, 'test')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  return {
    server,
    browser,
    signedIn: (userName, password) => signIn(browser, server.url, userName, password),
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

/**
 * A full-page screenshot under test-results/screenshots, to be looked at.
 * @example await shot(page, 'board')
 */
export async function shot(page: Page, name: string): Promise<void> {
  // a table that has just loaded fades in from its spinner's blur: the picture is of the page once it has
  await page.waitForFunction(() => document.querySelector('.ant-spin-blur') === null)
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' })
}
