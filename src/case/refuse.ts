/** Refuses an event: the one way the fold says no, with the event named in both languages. */
import { EventRefused } from '../errors/event-refused.js'
import type { CaseEvent } from '../types/generated.js'

/**
 * Throws EventRefused naming the event.
 * @example refuse(event, 'CASE_CLOSED', '办件已办结', 'the case is closed')
 */
export function refuse(event: CaseEvent, code: string, zh: string, en: string): never {
  throw new EventRefused({
    code,
    zh: `事件 ${event.id}（${event.type}）被拒绝：${zh}`,
    en: `event ${event.id} (${event.type}) refused: ${en}`,
    pointer: `/events/${event.id}`,
  })
}
