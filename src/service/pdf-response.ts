/** PDFs from the API: Chromium's output as bytes, or 503 CHROMIUM_MISSING saying how to install it. */
import { XingquanError } from '../errors/xingquan-error.js'
import { htmlToPdf } from '../print/chromium-pdf.js'
import { ServiceError } from './service-error.js'

/**
 * A PDF of the HTML, or 503 CHROMIUM_MISSING with how to install it.
 * @example const bytes = await pdfBytes(reportHtml(report))
 */
export async function pdfBytes(html: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const pdf = await htmlToPdf(html)
    return new Uint8Array(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer)
  } catch (err) {
    if (err instanceof XingquanError && err.problems[0]?.code === 'CHROMIUM_MISSING')
      throw new ServiceError(503, err.problems)
    throw err
  }
}
