/** The service follows its calendar: a year's notice added to rules/calendar/ is loaded and the cases it moves re-evaluated. */
import { existsSync, watch } from 'node:fs'
import { join } from 'node:path'
import { recalendar, type RecalendarReport } from './recalendar.js'
import type { Runtime } from './runtime.js'

/**
 * Watches `<rulesDir>/calendar` (and its local layers and measures); after a change settles (`settleMs`), reloads the
 * calendar and re-evaluates the open cases whose due dates move. A file that does not load keeps the calendar in
 * force and is reported to `onError`. Returns a function that stops watching and waits for a run under way.
 * @example const stop = watchCalendar(rt, (r) => console.log(r.moved.length), console.error)
 */
export function watchCalendar(
  rt: Runtime,
  onReport: (report: RecalendarReport) => void,
  onError: (err: unknown) => void,
  settleMs = 1000,
): () => Promise<void> {
  const dir = join(rt.rulesDir, 'calendar')
  if (!existsSync(dir)) return async () => {}
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const run = () => {
    running = running.then(async () => {
      try {
        rt.reloadCalendar()
        onReport(await recalendar(rt))
      } catch (err) {
        onError(err)
      }
    })
  }
  const watcher = watch(dir, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(run, settleMs)
  })
  return async () => {
    clearTimeout(timer)
    watcher.close()
    await running
  }
}
