/** Bearer tokens: issued once and shown once; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import type { Principal, Role } from './principal.js'

export interface TokenSpec {
  readonly subject: string
  readonly role: Role
  readonly jurisdiction: string
  readonly department?: string | null
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Issues a token; the plain token is returned once and never stored.
 * @example const { token } = await issueToken(db, { subject: 'wang', role: 'officer', jurisdiction: '513222', department: 'lx-scjgj' }, 'admin')
 */
export async function issueToken(db: Kysely<Database>, spec: TokenSpec, by: string): Promise<{ token: string; principal: Principal }> {
  const token = `xq_${randomBytes(24).toString('base64url')}`
  const id = `tok_${randomBytes(6).toString('hex')}`
  const department = spec.role === 'departmentAdmin' || spec.role === 'officer' ? (spec.department ?? null) : null
  await db
    .insertInto('access_tokens')
    .values({ id, token_hash: hashOf(token), subject: spec.subject, role: spec.role, jurisdiction: spec.jurisdiction, department_code: department, created_by: by, created_at: new Date() })
    .execute()
  return { token, principal: { tokenId: id, subject: spec.subject, role: spec.role, jurisdiction: spec.jurisdiction, department } }
}

/**
 * The principal of a presented token, or undefined. Found principals are cached by hash (tokens never change).
 * @example const who = await principalOf(db, 'xq_…')
 */
export async function principalOf(db: Kysely<Database>, token: string, cache?: Map<string, Principal>): Promise<Principal | undefined> {
  const hash = hashOf(token)
  const known = cache?.get(hash)
  if (known) return known
  const row = await db.selectFrom('access_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst()
  if (!row) return undefined
  const principal: Principal = { tokenId: row.id, subject: row.subject, role: row.role as Role, jurisdiction: row.jurisdiction, department: row.department_code }
  cache?.set(hash, principal)
  return principal
}

/** How many tokens exist (to know whether to make the first one). */
export async function tokenCount(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('access_tokens').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
