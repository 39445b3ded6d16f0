/** Signing in: checks the password, slows repeated failures for a user name, and records every attempt. */
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import { readAccounts, type StoredAccount } from './accounts.js'
import { decoyHash, verifyPassword } from './password-hash.js'
import { ServiceError } from './service-error.js'

/** Failures within this window count towards the delay. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000

/**
 * How long to wait before answering, after `failures` recent failures: none for the first two, then doubling from
 * 0.5 s up to 8 s.
 * @example signInDelayMs(2) // 0; signInDelayMs(3) // 500; signInDelayMs(10) // 8000
 */
export const signInDelayMs = (failures: number): number =>
  failures < 3 ? 0 : Math.min(500 * 2 ** (failures - 3), 8000)

const failed = () =>
  new ServiceError(401, {
    code: 'SIGN_IN_FAILED',
    zh: '用户名或密码不正确，或账号已停用',
    en: 'wrong user name or password, or the account is disabled',
  })

export interface SignInOptions {
  readonly address: string | null
  readonly now: Date
  /** Waits (a test may make it record instead). */
  readonly sleep?: (ms: number) => Promise<void>
}

/**
 * The account whose password matches, or a 401 SIGN_IN_FAILED that does not say which part was wrong. Each attempt
 * is recorded; after repeated failures for the name the answer is delayed.
 * @example const account = await checkSignIn(db, 'wang', 'secret…', { address: '127.0.0.1', now: new Date() })
 */
export async function checkSignIn(
  db: Kysely<Database>,
  userName: string,
  password: string,
  options: SignInOptions,
): Promise<StoredAccount> {
  const since = new Date(options.now.getTime() - FAILURE_WINDOW_MS)
  const recent = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_name', '=', userName)
    .where('succeeded', '=', false)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow()
  const delay = signInDelayMs(Number(recent.n))
  if (delay > 0) await (options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))))(delay)
  const [account] = await readAccounts(db, userName)
  const matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()))
  const reason = !account ? 'unknown user' : !matches ? 'wrong password' : !account.enabled ? 'account disabled' : null
  await db
    .insertInto('sign_in_attempts')
    .values({ user_name: userName, succeeded: reason === null, reason, address: options.address, at: options.now })
    .execute()
  if (reason !== null || !account) throw failed()
  return account
}
