/** Browser sessions of signed-in people: only the cookie's SHA-256 is kept; they end after a working day idle. */
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import type { StoredAccount } from './accounts.js'
import type { Principal, Role } from './principal.js'
import type { AccountSession } from '../types/generated.js'

/** A session unused for a working day (8 hours) has ended. */
export const IDLE_LIMIT_MS = 8 * 60 * 60 * 1000
/** Activity is recorded at most this often per session (an append-only `seen` record). */
export const SEEN_EVERY_MS = 5 * 60 * 1000

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex')

/**
 * Starts a session for an account; the returned secret goes into the cookie and is never stored.
 * @example const { secret, principal } = await startSession(db, account, '127.0.0.1', new Date())
 */
export async function startSession(
  db: Kysely<Database>,
  account: StoredAccount,
  address: string | null,
  now: Date,
): Promise<{ secret: string; principal: Principal }> {
  const secret = randomBytes(32).toString('base64url')
  const id = `ses_${randomBytes(8).toString('hex')}`
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: hashOf(secret),
      user_name: account.userName,
      role: account.role,
      jurisdiction: account.jurisdiction,
      department_code: account.department,
      address,
      started_at: now,
    })
    .execute()
  return {
    secret,
    principal: {
      tokenId: id,
      subject: account.userName,
      role: account.role,
      jurisdiction: account.jurisdiction,
      department: account.department,
    },
  }
}

/** When each session was last recorded as seen, by this process. */
const lastSeenWritten = new Map<string, number>()

/**
 * The principal of a live session's secret, or undefined (unknown, ended, or idle a working day). Records activity.
 * @example const who = await sessionPrincipal(db, getCookie(c, 'xq_session'), new Date())
 */
export async function sessionPrincipal(
  db: Kysely<Database>,
  secret: string,
  now: Date,
): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .select((eb) => [
      's.id',
      's.user_name',
      's.role',
      's.jurisdiction',
      's.department_code',
      's.started_at',
      eb
        .selectFrom('session_records as r')
        .select((r) => r.fn.max('r.at').as('m'))
        .whereRef('r.session_id', '=', 's.id')
        .where('r.kind', '=', 'seen')
        .as('last_seen'),
      eb
        .exists(
          eb
            .selectFrom('session_records as e')
            .select('e.id')
            .whereRef('e.session_id', '=', 's.id')
            .where('e.kind', '=', 'ended'),
        )
        .as('ended'),
    ])
    .where('s.token_hash', '=', hashOf(secret))
    .executeTakeFirst()
  if (!row || row.ended) return undefined
  const lastSeen = Math.max(
    new Date(row.started_at).getTime(),
    row.last_seen ? new Date(row.last_seen as Date | string).getTime() : 0,
  )
  if (now.getTime() - lastSeen > IDLE_LIMIT_MS) return undefined
  const written = lastSeenWritten.get(row.id) ?? lastSeen
  if (now.getTime() - written >= SEEN_EVERY_MS) {
    lastSeenWritten.set(row.id, now.getTime())
    await db
      .insertInto('session_records')
      .values({ session_id: row.id, kind: 'seen', reason: null, recorded_by: row.user_name, at: now })
      .execute()
  }
  return {
    tokenId: row.id,
    subject: row.user_name,
    role: row.role as Role,
    jurisdiction: row.jurisdiction,
    department: row.department_code,
  }
}

/**
 * Ends a session (sign-out, or an administrator ending it); ending one already ended writes nothing.
 * @example await endSession(db, 'ses_…', '退出登录', 'wang (officer, ses_…)', new Date())
 */
export async function endSession(
  db: Kysely<Database>,
  sessionId: string,
  reason: string,
  by: string,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .selectFrom('session_records')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('kind', '=', 'ended')
      .executeTakeFirst()
    if (ended) return false
    await trx
      .insertInto('session_records')
      .values({ session_id: sessionId, kind: 'ended', reason, recorded_by: by, at: now })
      .execute()
    return true
  })
}

/**
 * The sessions of one person, newest first, with whether each is still live.
 * @example const list = await sessionsOf(db, 'wang', new Date())
 */
export async function sessionsOf(db: Kysely<Database>, userName: string, now: Date): Promise<AccountSession[]> {
  const sessions = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_name', '=', userName)
    .orderBy('started_at', 'desc')
    .execute()
  if (sessions.length === 0) return []
  const records = await db
    .selectFrom('session_records')
    .selectAll()
    .where(
      'session_id',
      'in',
      sessions.map((s) => s.id),
    )
    .orderBy('id')
    .execute()
  return sessions.map((s) => {
    const mine = records.filter((r) => r.session_id === s.id)
    const seen = mine.filter((r) => r.kind === 'seen').map((r) => r.at.getTime())
    const lastSeen = new Date(Math.max(s.started_at.getTime(), ...seen))
    const end = mine.find((r) => r.kind === 'ended')
    return {
      id: s.id,
      userName: s.user_name,
      startedAt: s.started_at.toISOString(),
      lastSeenAt: lastSeen.toISOString(),
      address: s.address,
      ...(end ? { ended: { at: end.at.toISOString(), by: end.recorded_by, reason: end.reason ?? '' } } : {}),
      active: !end && now.getTime() - lastSeen.getTime() <= IDLE_LIMIT_MS,
    }
  })
}
