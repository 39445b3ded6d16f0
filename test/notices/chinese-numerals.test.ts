import { describe, expect, it } from 'vitest'
import { arabicDate, chineseDate, chineseNumber, yuan, yuanCapital } from '../../src/notices/chinese-numerals.js'

describe('amounts in 元', () => {
  it.each([
    [12000, '壹万贰仟元整'],
    [0, '零元整'],
    [10, '壹拾元整'],
    [110000, '壹拾壹万元整'],
    [1010, '壹仟零壹拾元整'],
    [1005.5, '壹仟零伍元伍角整'],
    [203.07, '贰佰零叁元零柒分'],
    [0.5, '伍角整'],
    [100010000, '壹亿零壹万元整'],
    [10000010, '壹仟万零壹拾元整'],
    [200000, '贰拾万元整'],
  ])('%d in capitals is %s', (n, capital) => {
    expect(yuanCapital(n)).toBe(capital)
  })

  it('writes Arabic amounts with separators and two decimals', () => {
    expect(yuan(12000)).toBe('12,000.00元')
    expect(yuan(1234567.8)).toBe('1,234,567.80元')
    expect(yuan(0.05)).toBe('0.05元')
  })

  it('refuses what is not an amount of money', () => {
    expect(() => yuanCapital(-1)).toThrow(/NOTICE_AMOUNT_INVALID/)
    expect(() => yuanCapital(1.005)).toThrow(/NOTICE_AMOUNT_INVALID/)
    expect(() => yuan(Number.NaN)).toThrow(/NOTICE_AMOUNT_INVALID/)
  })
})

describe('dates', () => {
  it('writes the 成文日期 in Arabic numerals without padding (GB/T 9704-2012)', () => {
    expect(arabicDate('2026-11-26')).toBe('2026年11月26日')
    expect(arabicDate('2026-01-06')).toBe('2026年1月6日')
  })
  it('writes Chinese-numeral dates with 〇', () => {
    expect(chineseDate('2026-11-26')).toBe('二〇二六年十一月二十六日')
    expect(chineseDate('2020-10-10')).toBe('二〇二〇年十月十日')
    expect(chineseDate('2025-01-31')).toBe('二〇二五年一月三十一日')
  })
  it('numbers ordinals', () => {
    expect([1, 10, 11, 20, 21, 99].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十一', '九十九'])
  })
})
