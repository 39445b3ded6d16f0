/** Dates as people read them on screen (2026年12月1日), ISO in data; China Standard Time. */
import type { Language } from '../i18n/messages'

const ZONE = 'Asia/Shanghai'

const parts = (iso: string) => {
  const d = new Date(iso)
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  const get = (type: string) => f.formatToParts(d).find((p) => p.type === type)?.value ?? ''
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') }
}

/**
 * A date: 2026年12月1日 (or 1 Dec 2026 in English).
 * @example formatDate('2026-12-01T09:00:00+08:00') // '2026年12月1日'
 */
export function formatDate(iso: string, language: Language = 'zh'): string {
  if (language === 'en')
    return new Date(iso.length === 10 ? `${iso}T12:00:00+08:00` : iso).toLocaleDateString('en-GB', {
      timeZone: ZONE,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    })
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-').map(Number)
    return `${y}年${m}月${d}日`
  }
  const p = parts(iso)
  return `${p.y}年${Number(p.m)}月${Number(p.d)}日`
}

/**
 * A moment: 2026年12月1日 09:00.
 * @example formatMoment('2026-12-01T09:00:00+08:00') // '2026年12月1日 09:00'
 */
export function formatMoment(iso: string, language: Language = 'zh'): string {
  const p = parts(iso)
  return `${formatDate(iso, language)} ${p.hh}:${p.mm}`
}

/**
 * A time of day with seconds, China Standard Time: 09:00:05.
 * @example formatClock('2026-12-01T01:00:05Z') // '09:00:05'
 */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { timeZone: ZONE, hour12: false })
}
