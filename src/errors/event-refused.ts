/** The error of an event the case cannot take (out of order, over a cap, on a closed case): the event is refused, nothing is recorded. */
import { XingquanError, type Problem } from './xingquan-error.js'

/**
 * Thrown by the fold when an event cannot be admitted; other XingquanErrors (a missing calendar year) are faults of the setup.
 * @example throw new EventRefused({ code: 'CASE_CLOSED', zh: '办件已办结', en: 'the case is closed' })
 */
export class EventRefused extends XingquanError {
  constructor(problem: Problem | readonly Problem[]) {
    super(problem)
    this.name = 'EventRefused'
  }
}
