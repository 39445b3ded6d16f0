/** Calls the API in process as one of a test's named token holders, with a JSON body; the status and the JSON reply. */
import type { createApp } from '../../../src/service/app.js'
import type { Runtime } from '../../../src/service/runtime.js'
import { issueToken } from '../../../src/service/tokens.js'

/**
 * The caller for an app and the tokens a test issued by name.
 * @example const call = apiCaller(() => app, tokens); await call('legal', 'POST', '/rule-packs/drafts', { packId })
 */
export function apiCaller(app: () => ReturnType<typeof createApp>, tokens: Readonly<Record<string, string>>) {
  return async (who: string, method: string, path: string, body?: unknown) => {
    const res = await app().request(path, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: await res.json() }
  }
}

/**
 * Issues a token and keeps it under `name`.
 * @example await issueAs(rt, tokens, 'legal', { subject: 'zhang-fz', role: 'legalOfficer', jurisdiction: '510000' })
 */
export async function issueAs(
  rt: Runtime,
  tokens: Record<string, string>,
  name: string,
  spec: Parameters<typeof issueToken>[1],
) {
  tokens[name] = (await issueToken(rt.db, spec, 'test')).token
}
