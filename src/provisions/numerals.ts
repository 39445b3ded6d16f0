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

/**
 * The Chinese numeral of an integer from 1 to 999, as articles are numbered (十二, 一百零五, 一百二十二).
 * @example toChinese(54) // '五十四'
 */
export function toChinese(n: number): string {
  const h = Math.floor(n / 100)
  const t = Math.floor((n % 100) / 10)
  const u = n % 10
  let out = h > 0 ? `${DIGITS[h]}百` : ''
  if (t > 0) out += `${h === 0 && t === 1 ? '' : DIGITS[t]}十`
  else if (h > 0 && u > 0) out += '零'
  if (u > 0) out += DIGITS[u]
  return out
}
