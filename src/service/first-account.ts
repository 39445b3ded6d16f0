/** The first person's account, opened on the first start when there is none, as the first token is. */
import { randomBytes } from 'node:crypto'
import { chmodSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { accountCount, createAccount } from './accounts.js'
import { SYSTEM, type Runtime } from './runtime.js'

export interface FirstAccount {
  readonly userName: string
  readonly password: string
  /** Where it was also written (PGlite's data directory), if anywhere. */
  readonly file?: string
}

/**
 * Opens `admin`, region admin of 四川省 (510000), with a random password, when no account exists; the password is
 * returned once (to print) and, with PGlite, written to `data/admin-account` (mode 600). Otherwise undefined.
 * @example const first = await openFirstAccount(rt, './data'); if (first) console.log(first.password)
 */
export async function openFirstAccount(rt: Runtime, dataDir: string | undefined): Promise<FirstAccount | undefined> {
  if ((await accountCount(rt.db)) > 0) return undefined
  const password = randomBytes(12).toString('base64url')
  const userName = 'admin'
  await createAccount(
    rt.db,
    null,
    { userName, displayName: '系统管理员', password, role: 'regionAdmin', jurisdiction: '510000' },
    SYSTEM,
  )
  if (rt.dialect !== 'pglite' || dataDir === 'memory') return { userName, password }
  const file = join(resolve(dataDir ?? './data'), 'admin-account')
  writeFileSync(file, `用户名 / user name: ${userName}\n密码 / password: ${password}\n`)
  chmodSync(file, 0o600)
  return { userName, password, file }
}
