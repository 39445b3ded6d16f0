/** Chinese article numbers (第一百二十二条) to and from integers, for provision ids and labels. */

const DIGITS = '零一二三四五六七八九'

/**
 * The integer a Chinese numeral of at most 999 stands for.
 * @example fromChinese('一百二十二') // 122
 */
export function fromChinese(s: string): number {
  let total = 0
  let digit = 0
  for (const ch of s) {
    const d = DIGITS.indexOf(ch)
    if (d >= 0) digit = d
    else if (ch === '十') {
      total += (digit || 1) * 10
      digit = 0
    } else if (ch === '百') {
      total += digit * 100
      digit = 0
    } else throw new Error(`not a Chinese numeral: ${s}`)
  }
  return total + digit
}
