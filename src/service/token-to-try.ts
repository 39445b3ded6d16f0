/** The token `xingquan serve` prints to try with: issued on an empty database, kept with PGlite, never stale. */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { SYSTEM, type Runtime } from './runtime.js'
import { issueToken, tokenCount, tokenState } from './tokens.js'

/**
 * The token to try with, made when the database has none. With PGlite it is kept in the data directory's
 * `admin-token` (and shown only while the database still accepts it: a stale file is removed); with PostgreSQL it is
 * printed once, on the start that made it, and never written to a file.
 * @example const { token, note } = await tokenToTry(rt, './data')
 */
export async function tokenToTry(rt: Runtime, dataDir?: string): Promise<{ token?: string; note: string }> {
  const kept = rt.dialect === 'pglite' && dataDir !== 'memory'
  const file = kept ? join(resolve(dataDir ?? './data'), 'admin-token') : undefined
  const keptToken = file && existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined
  // an expired kept token is made again (never a revoked one: a revocation stands)
  const expired = keptToken !== undefined && (await tokenState(rt.db, keptToken)) === 'expired'
  if ((await tokenCount(rt.db)) === 0 || expired) {
    const spec = {
      subject: 'admin',
      role: 'regionAdmin',
      jurisdiction: '510000',
      lifetimeDays: rt.tokenLifetimeDays,
    } as const
    const { token } = await issueToken(rt.db, spec, SYSTEM)
    if (!file) return { token, note: '只显示这一次，请保存 / shown this once only: keep it' }
    writeFileSync(file, `${token}\n`)
    chmodSync(file, 0o600)
    return { token, note: `保存在 / kept in ${file}` }
  }
  const again =
    '令牌已签发过；请用首次启动时显示的令牌，或由管理员 POST /tokens 签发 / ' +
    'tokens were issued before: use the one shown on the first start, or have an admin POST /tokens'
  if (!file || keptToken === undefined) return { note: again }
  if ((await tokenState(rt.db, keptToken)) === 'valid') return { token: keptToken, note: `保存在 / kept in ${file}` }
  rmSync(file)
  return { note: `${file} 中的令牌已失效，已删除 / the token in ${file} is no longer valid and was removed. ${again}` }
}
