/** The error of a notice that cannot be rendered: a field it needs is missing, or a value is unusable. */
import { XingquanError } from '../errors/xingquan-error.js'

/**
 * A field the notice needs is absent: the notice is refused rather than printed with a blank.
 * @example throw fieldMissing('report.complainant', '实名举报缺少举报人姓名', 'the real-name report has no complainant')
 */
export function fieldMissing(field: string, zh: string, en: string): XingquanError {
  return new XingquanError({
    code: 'NOTICE_FIELD_MISSING',
    pointer: field,
    zh: `文书缺少必需的内容“${field}”：${zh}`,
    en: `the notice needs "${field}": ${en}`,
  })
}
