/** PDF from HTML through headless Chromium (Debian's, driven by playwright-core); a clear error where none is installed. */
import { existsSync } from 'node:fs'
import { XingquanError } from '../errors/xingquan-error.js'

/** Where Chromium is looked for: CHROMIUM_PATH, else Debian's. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Headless Chromium's switches: no sandbox (containers), no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The error when no Chromium can be found (the caller maps it: 503 from the API, exit 2 from the CLI). */
export const chromiumMissing = (path: string) =>
  new XingquanError({
    code: 'CHROMIUM_MISSING',
    zh: `生成 PDF 需要 Chromium，但在 ${path} 没有找到：请安装（Debian：apt-get install -y chromium fonts-noto-cjk），或用 CHROMIUM_PATH 指明其位置；也可改用 HTML 版本打印`,
    en: `making a PDF needs Chromium, and none was found at ${path}: install it (Debian: apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH; or print the HTML version`,
  })

/**
 * Prints an HTML document to PDF with its own CSS page size (A4 after GB/T 9704, with its margins and page numbers).
 * A document that defines `window.xqPrintLayout` has it run in print media before printing (the notices place their
 * 版记 so).
 * @example const pdf = await htmlToPdf('<!doctype html>…') // Buffer starting with %PDF
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const path = chromiumPath()
  if (!existsSync(path)) throw chromiumMissing(path)
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    await page.emulateMedia({ media: 'print' })
    await page.evaluate(() => document.fonts.ready)
    // a layout step of the document's own (the notices place their 版记 so), run in print media before printing
    await page.evaluate(() => (window as { xqPrintLayout?: () => void }).xqPrintLayout?.())
    return await page.pdf({ preferCSSPageSize: true, printBackground: true })
  } finally {
    await browser.close()
  }
}
