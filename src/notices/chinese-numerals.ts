/** Chinese numerals for notices: 大写 amounts in 元, Chinese-numeral dates, ordinals. Pure functions. */
import { XingquanError } from '../errors/xingquan-error.js'

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const
const CAPITAL_UNITS = ['', '拾', '佰', '仟'] as const
const SECTIONS = ['', '万', '亿', '万亿'] as const
const DATE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const
const SMALL_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const

function badAmount(amount: unknown): XingquanError {
  return new XingquanError({
    code: 'NOTICE_AMOUNT_INVALID',
    zh: `金额应为不小于 0、不超过万亿、至多两位小数的数，收到 ${String(amount)}`,
    en: `an amount must be a number from 0 below one quadrillion with at most two decimals, got ${String(amount)}`,
  })
}

/** Amount in 分 (cents), refusing what is not a money amount. */
function toFen(amount: number): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) throw badAmount(amount)
  const fen = Math.round(amount * 100)
  if (Math.abs(fen - amount * 100) > 1e-6 || fen >= 1e17) throw badAmount(amount)
  return fen
}

/** 0 < group < 10000 in capitals, with 零 for inner zeros: 1010 → 壹仟零壹拾. */
function groupCapital(group: number): string {
  let out = ''
  let zero = false
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(group / 10 ** pos) % 10
    if (d === 0) {
      if (out !== '') zero = true
      continue
    }
    if (zero) out += '零'
    zero = false
    out += CAPITAL_DIGITS[d]! + CAPITAL_UNITS[pos]!
  }
  return out
}

/** A whole number of 元 in capitals, without the unit: 12000 → 壹万贰仟. */
function integerCapital(n: number): string {
  if (n === 0) return '零'
  const groups: number[] = []
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000)
  let out = ''
  let zero = false
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!
    if (g === 0) {
      zero = out !== ''
      continue
    }
    if (out !== '' && (zero || g < 1000)) out += '零'
    zero = false
    out += groupCapital(g) + SECTIONS[i]!
  }
  return out
}

/**
 * An amount in 元 written in capitals (大写) as on a 罚款决定书 or a 票据: 整 when there are no 分.
 * @example yuanCapital(12000) // '壹万贰仟元整'; yuanCapital(1005.5) // '壹仟零伍元伍角整'
 */
export function yuanCapital(amount: number): string {
  const fen = toFen(amount)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cent = fen % 10
  if (jiao === 0 && cent === 0) return `${integerCapital(yuan)}元整`
  let out = yuan > 0 ? `${integerCapital(yuan)}元` : ''
  if (jiao > 0) out += `${CAPITAL_DIGITS[jiao]!}角`
  else if (yuan > 0) out += '零'
  return cent > 0 ? `${out}${CAPITAL_DIGITS[cent]!}分` : `${out}整`
}

/**
 * An amount in 元 in Arabic numerals with thousands separators and two decimals.
 * @example yuan(12000) // '12,000.00元'
 */
export function yuan(amount: number): string {
  const fen = toFen(amount)
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${whole}.${String(fen % 100).padStart(2, '0')}元`
}

/**
 * A number from 0 to 99 in Chinese numerals, as in dates and ordinals: 11 → 十一, 20 → 二十, 31 → 三十一.
 * @example chineseNumber(26) // '二十六'
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99)
    throw new XingquanError({
      code: 'ARGUMENT_INVALID',
      zh: `只能写 0 到 99 的整数，收到 ${n}`,
      en: `only integers 0 to 99 can be written, got ${n}`,
    })
  if (n < 10) return SMALL_DIGITS[n]!
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : SMALL_DIGITS[tens]!}十${ones === 0 ? '' : SMALL_DIGITS[ones]!}`
}

/**
 * A date in Arabic numerals, the GB/T 9704-2012 成文日期 (months and days not zero-padded).
 * @example arabicDate('2026-11-06') // '2026年11月6日'
 */
export function arabicDate(date: string): string {
  const [y, m, d] = splitDate(date)
  return `${y}年${m}月${d}日`
}

/**
 * A date in Chinese numerals, 〇 for zero in the year.
 * @example chineseDate('2026-11-26') // '二〇二六年十一月二十六日'
 */
export function chineseDate(date: string): string {
  const [y, m, d] = splitDate(date)
  const year = String(y)
    .split('')
    .map((c) => DATE_DIGITS[Number(c)]!)
    .join('')
  return `${year}年${chineseNumber(m)}月${chineseNumber(d)}日`
}

function splitDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m)
    throw new XingquanError({
      code: 'NOTICE_DATE_INVALID',
      zh: `日期应为 YYYY-MM-DD，收到“${date}”`,
      en: `a date must be YYYY-MM-DD, got "${date}"`,
    })
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}
