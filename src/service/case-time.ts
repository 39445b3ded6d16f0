/** Moments as the service writes them: ISO 8601 in China Standard Time, as the rules and the law count days. */

/**
 * A Date as `YYYY-MM-DDTHH:mm:ss+08:00` (milliseconds kept only when present).
 * @example chinaMoment(new Date('2025-10-08T16:00:00Z')) // '2025-10-09T00:00:00+08:00'
 */
export function chinaMoment(date: Date): string {
  const iso = new Date(date.getTime() + 8 * 3600_000).toISOString()
  const ms = iso.slice(19, 23)
  return `${iso.slice(0, 19)}${ms === '.000' ? '' : ms}+08:00`
}
