/** The API client, typed from the OpenAPI document (openapi-typescript at build time, openapi-fetch at run time). */
import createClient from 'openapi-fetch'
import type { components, paths } from './openapi'

/** Same origin: the session cookie goes with every call; no token is ever held in the page. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })

export type Schemas = components['schemas']
export type Problem = Schemas['Problems']['problems'][number]

/** A failed call: its problems, with the status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problems: readonly Problem[],
  ) {
    super(problems.map((p) => p.zh).join('；') || `HTTP ${status}`)
  }
}

/**
 * The data of a call, or throws ApiError (for TanStack Query's error state).
 * @example const person = await must(api.GET('/session'))
 */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call
  if (error !== undefined || !response.ok) {
    const problems = (error as { problems?: Problem[] } | undefined)?.problems ?? []
    throw new ApiError(response.status, problems)
  }
  return data as T
}
