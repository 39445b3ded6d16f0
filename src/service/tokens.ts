/** Bearer tokens: issued once and shown once with a lifetime; only their SHA-256 is stored; revoked by a record. */
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import type { Principal, Role } from './principal.js'

export interface TokenSpec {
  readonly subject: string
  readonly role: Role
  readonly jurisdiction: string
  readonly department?: string | null
  /** Days the token is accepted (default DEFAULT_TOKEN_DAYS). */
  readonly lifetimeDays?: number
}

/** A token for a person lasts 90 days unless its issuer or the configuration says otherwise. */
export const DEFAULT_TOKEN_DAYS = 90

/** How long a process trusts what it knows of a token before it asks the database again: well inside one second. */
export const TOKEN_RECHECK_MS = 500

const DAY_MS = 86_400_000
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

export interface IssuedToken {
  readonly token: string
  readonly principal: Principal
  readonly expiresAt: string
}

/**
 * Issues a token with a lifetime; the plain token is returned once and never stored.
 * @example const { token } = await issueToken(db, { subject: 'wang', role: 'officer', jurisdiction: '513222', department: 'lx-scjgj' }, 'admin')
 */
export async function issueToken(
  db: Kysely<Database>,
  spec: TokenSpec,
  by: string,
  now: Date = new Date(),
): Promise<IssuedToken> {
  const token = `xq_${randomBytes(24).toString('base64url')}`
  const id = `tok_${randomBytes(6).toString('hex')}`
  const department = spec.role === 'departmentAdmin' || spec.role === 'officer' ? (spec.department ?? null) : null
  const expiresAt = new Date(now.getTime() + (spec.lifetimeDays ?? DEFAULT_TOKEN_DAYS) * DAY_MS)
  await db
    .insertInto('access_tokens')
    .values({
      id,
      token_hash: hashOf(token),
      subject: spec.subject,
      role: spec.role,
      jurisdiction: spec.jurisdiction,
      department_code: department,
      created_by: by,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute()
  return {
    token,
    principal: { tokenId: id, subject: spec.subject, role: spec.role, jurisdiction: spec.jurisdiction, department },
    expiresAt: expiresAt.toISOString(),
  }
}

/** A stored token by hash, with its revocation's moment (null when not revoked). */
const tokenRow = (db: Kysely<Database>, hash: string) =>
  db
    .selectFrom('access_tokens')
    .leftJoin('token_revocations', 'token_revocations.token_id', 'access_tokens.id')
    .select(['id', 'subject', 'role', 'jurisdiction', 'department_code', 'expires_at', 'token_revocations.revoked_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst()

interface Known {
  readonly principal: Principal
  readonly expiresAt: number
  readonly checkedAt: number
}

/**
 * What a process knows of the tokens presented to it, by hash. An entry is trusted for TOKEN_RECHECK_MS, then the
 * database is asked again, so a token revoked (or removed) by any process stops working here within a second. Once
 * every revocation reaches this process as it is recorded (`trustUntilRevoked`: PostgreSQL's LISTEN/NOTIFY, or an
 * embedded database no other process opens), an entry is trusted until its token expires, it is revoked, or the
 * notifications were interrupted (`clear`): an append then asks nothing of the database about its token.
 * @example const cache = new TokenCache(); await principalOf(db, token, cache)
 */
export class TokenCache {
  private readonly known = new Map<string, Known>()
  private recheckMs = TOKEN_RECHECK_MS
  get(hash: string, now: number): Known | undefined {
    const k = this.known.get(hash)
    return k && now - k.checkedAt < this.recheckMs && now < k.expiresAt ? k : undefined
  }
  set(hash: string, known: Known): void {
    this.known.set(hash, known)
  }
  delete(hash: string): void {
    this.known.delete(hash)
  }
  /** Forgets a token by its id (after this process revoked it, or another announced that it did). */
  forget(tokenId: string): void {
    for (const [hash, k] of this.known) if (k.principal.tokenId === tokenId) this.known.delete(hash)
  }
  /** Every revocation is now announced to this process: what it knows of a token needs no recheck. */
  trustUntilRevoked(): void {
    this.recheckMs = Number.POSITIVE_INFINITY
  }
  /** Forgets every token (the notifications were interrupted: a revocation may have been missed). */
  clear(): void {
    this.known.clear()
  }
}

/**
 * The principal of a presented token, or undefined when it is unknown, expired or revoked.
 * @example const who = await principalOf(db, 'xq_…', cache)
 */
export async function principalOf(
  db: Kysely<Database>,
  token: string,
  cache?: TokenCache,
  now: Date = new Date(),
): Promise<Principal | undefined> {
  const hash = hashOf(token)
  const at = now.getTime()
  const known = cache?.get(hash, at)
  if (known) return known.principal
  const row = await tokenRow(db, hash)
  const expiresAt = row?.expires_at ? row.expires_at.getTime() : Number.POSITIVE_INFINITY
  if (!row || row.revoked_at !== null || at >= expiresAt) {
    cache?.delete(hash)
    return undefined
  }
  const principal: Principal = {
    tokenId: row.id,
    subject: row.subject,
    role: row.role as Role,
    jurisdiction: row.jurisdiction,
    department: row.department_code,
  }
  cache?.set(hash, { principal, expiresAt, checkedAt: at })
  return principal
}

export interface Revocation {
  readonly tokenId: string
  readonly revokedBy: string
  readonly revokedAt: string
  readonly reason: string | null
}

/**
 * Records a token's revocation (once: a second call returns the first record), or undefined when no such token.
 * @example await revokeToken(db, 'tok_1a2b…', 'admin (regionAdmin, tok_…)', '离岗')
 */
export async function revokeToken(
  db: Kysely<Database>,
  tokenId: string,
  by: string,
  reason: string | null,
  now: Date = new Date(),
): Promise<Revocation | undefined> {
  const token = await db.selectFrom('access_tokens').select('id').where('id', '=', tokenId).executeTakeFirst()
  if (!token) return undefined
  await db
    .insertInto('token_revocations')
    .values({ token_id: tokenId, revoked_by: by, revoked_at: now, reason })
    .onConflict((oc) => oc.column('token_id').doNothing())
    .execute()
  const r = await db
    .selectFrom('token_revocations')
    .selectAll()
    .where('token_id', '=', tokenId)
    .executeTakeFirstOrThrow()
  return { tokenId: r.token_id, revokedBy: r.revoked_by, revokedAt: r.revoked_at.toISOString(), reason: r.reason }
}

/**
 * A token's scope, to decide who may revoke it; undefined when there is no such token.
 * @example const t = await tokenScope(db, 'tok_…')
 */
export async function tokenScope(
  db: Kysely<Database>,
  tokenId: string,
): Promise<{ jurisdiction: string; role: Role } | undefined> {
  const row = await db
    .selectFrom('access_tokens')
    .select(['jurisdiction', 'role'])
    .where('id', '=', tokenId)
    .executeTakeFirst()
  return row ? { jurisdiction: row.jurisdiction, role: row.role as Role } : undefined
}

/**
 * Whether a presented token is valid, expired, revoked or unknown (without a cache).
 * @example await tokenState(db, 'xq_…') // 'expired'
 */
export async function tokenState(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<'valid' | 'expired' | 'revoked' | 'unknown'> {
  const row = await tokenRow(db, hashOf(token))
  if (!row) return 'unknown'
  if (row.revoked_at !== null) return 'revoked'
  return row.expires_at && now.getTime() >= row.expires_at.getTime() ? 'expired' : 'valid'
}

/** How many tokens exist (to know whether to make the first one). */
export async function tokenCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('access_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
