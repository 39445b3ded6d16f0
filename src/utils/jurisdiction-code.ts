/** Six-digit administrative division codes (行政区划代码): their level, their territory, the codes above them. */

/**
 * The digits of a jurisdiction code that its territory shares: 510000 → 51, 513200 → 5132, 513222 → 513222.
 * @example '513222'.startsWith(jurisdictionPrefix('513200')) // true: 理县 is in 阿坝州
 */
export function jurisdictionPrefix(code: string): string {
  return code.replace(/(00)+$/, '')
}

/**
 * The codes of a jurisdiction and those above it: 513222 → 510000, 513200, 513222.
 * @example jurisdictionChain('513222') // ['510000', '513200', '513222']
 */
export function jurisdictionChain(code: string): string[] {
  return [...new Set([2, 4, 6].map((n) => code.slice(0, n).padEnd(6, '0')))]
}

/**
 * The level of a six-digit division code: 510000 province, 513200 prefecture, 513222 county.
 * @example jurisdictionLevel('513200') // 'prefecture'
 */
export function jurisdictionLevel(code: string): 'province' | 'prefecture' | 'county' {
  return code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county'
}
