/** The one error of the HTTP surface: problems with code, zh and en, and the status they map to. */
import { XingquanError, type Problem } from '../errors/xingquan-error.js'

/**
 * An expected failure of a request, with its HTTP status.
 * @example throw new ServiceError(404, { code: 'CASE_NOT_FOUND', zh: '没有该办件', en: 'no such case' })
 */
export class ServiceError extends XingquanError {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 415 | 422 | 503,
    problem: Problem | readonly Problem[],
  ) {
    super(problem)
    this.name = 'ServiceError'
  }
}

export const notFound = (what: string, zh: string, en: string): ServiceError =>
  new ServiceError(404, { code: `${what}_NOT_FOUND`, zh, en })

export const forbidden = (zh: string, en: string): ServiceError => new ServiceError(403, { code: 'FORBIDDEN', zh, en })
