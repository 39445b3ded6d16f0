/** People's accounts as append-only records: created by an administrator within their scope, later disabled. */
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import type { Account, AccountRequest } from '../types/generated.js'
import { hashPassword } from './password-hash.js'
import { mayIssue, scopeOf, type Principal, type Role } from './principal.js'
import { forbidden, notFound, ServiceError } from './service-error.js'

export type { Account }

/** An account with the hash to check a password against (never leaves the service). */
export interface StoredAccount extends Account {
  readonly passwordHash: string
}

const departmentOf = (role: Role, department: string | undefined | null): string | null =>
  role === 'departmentAdmin' || role === 'officer' ? (department ?? null) : null

/**
 * The accounts folded from their records; with `userName`, that one only.
 * @example const [wang] = await readAccounts(db, 'wang')
 */
export async function readAccounts(db: Kysely<Database>, userName?: string): Promise<StoredAccount[]> {
  let q = db.selectFrom('account_records').selectAll().orderBy('id')
  if (userName !== undefined) q = q.where('user_name', '=', userName)
  const byName = new Map<string, StoredAccount>()
  for (const r of await q.execute()) {
    const known = byName.get(r.user_name)
    if (r.change === 'created') {
      byName.set(r.user_name, {
        userName: r.user_name,
        displayName: r.display_name ?? r.user_name,
        role: r.role as Role,
        jurisdiction: r.jurisdiction ?? '',
        department: r.department_code,
        enabled: true,
        createdBy: r.recorded_by,
        createdAt: r.stored_at.toISOString(),
        passwordHash: r.password_hash ?? '',
      })
    } else if (known) {
      byName.set(r.user_name, {
        ...known,
        enabled: false,
        disabled: { by: r.recorded_by, at: r.stored_at.toISOString(), reason: r.reason ?? '' },
      })
    }
  }
  return [...byName.values()]
}

/** The account without its hash. */
export const publicAccount = ({ passwordHash: _hash, ...account }: StoredAccount): Account => account

/**
 * Accounts the principal administers: a region admin's territory, a department admin's department.
 * @example const list = await accountsInScope(db, admin)
 */
export async function accountsInScope(db: Kysely<Database>, p: Principal): Promise<Account[]> {
  if (p.role !== 'regionAdmin' && p.role !== 'departmentAdmin')
    throw forbidden('只有地区管理员和部门管理员可以管理账号', 'only region and department admins manage accounts')
  const scope = scopeOf(p)
  return (await readAccounts(db))
    .filter(
      (a) =>
        a.jurisdiction.startsWith(scope.prefix) && (scope.department === null || a.department === scope.department),
    )
    .map(publicAccount)
}

/**
 * Opens an account; its password is stored only as a scrypt hash. 403 outside the creator's scope, 409 for a name taken.
 * @example await createAccount(db, admin, { userName: 'wang', displayName: '王芳', password: '…', role: 'officer', jurisdiction: '513222', department: 'lx-scjgj' }, 'admin (regionAdmin, ses_…)')
 */
export async function createAccount(
  db: Kysely<Database>,
  p: Principal | null,
  spec: AccountRequest,
  by: string,
): Promise<Account> {
  const department = departmentOf(spec.role, spec.department)
  if (p && !mayIssue(p, { role: spec.role, jurisdiction: spec.jurisdiction, department })) {
    throw forbidden('无权为该角色或范围开设账号', `this caller may not open a ${spec.role} account for that scope`)
  }
  const passwordHash = await hashPassword(spec.password)
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('account_records')
      .select('id')
      .where('user_name', '=', spec.userName)
      .executeTakeFirst()
    if (taken)
      throw new ServiceError(409, {
        code: 'ACCOUNT_EXISTS',
        zh: `用户名“${spec.userName}”已被使用（停用的账号也不再复用）`,
        en: `the user name "${spec.userName}" is taken (a disabled account's name is not reused)`,
        pointer: '/userName',
      })
    await trx
      .insertInto('account_records')
      .values({
        user_name: spec.userName,
        change: 'created',
        display_name: spec.displayName,
        role: spec.role,
        jurisdiction: spec.jurisdiction,
        department_code: department,
        password_hash: passwordHash,
        reason: null,
        recorded_by: by,
        stored_at: new Date(),
      })
      .execute()
    const [created] = await readAccounts(trx, spec.userName)
    return publicAccount(created!)
  })
}

/**
 * Disables an account (a new record) and ends its open sessions; 404 outside the caller's scope.
 * @example await disableAccount(db, admin, 'wang', '调离', 'admin (regionAdmin, ses_…)')
 */
export async function disableAccount(
  db: Kysely<Database>,
  p: Principal,
  userName: string,
  reason: string,
  by: string,
): Promise<Account> {
  return db.transaction().execute(async (trx) => {
    const [account] = await readAccounts(trx, userName)
    if (
      !account ||
      !mayIssue(p, { role: account.role, jurisdiction: account.jurisdiction, department: account.department })
    ) {
      throw notFound('ACCOUNT', `没有账号“${userName}”，或不在您的管理范围内`, `no account "${userName}" in your scope`)
    }
    if (!account.enabled) return publicAccount(account)
    const now = new Date()
    await trx
      .insertInto('account_records')
      .values({
        user_name: userName,
        change: 'disabled',
        display_name: null,
        role: null,
        jurisdiction: null,
        department_code: null,
        password_hash: null,
        reason,
        recorded_by: by,
        stored_at: now,
      })
      .execute()
    const open = await trx
      .selectFrom('sessions')
      .select('id')
      .where('user_name', '=', userName)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('session_records')
              .select('id')
              .whereRef('session_records.session_id', '=', 'sessions.id')
              .where('kind', '=', 'ended'),
          ),
        ),
      )
      .execute()
    if (open.length > 0)
      await trx
        .insertInto('session_records')
        .values(
          open.map((s) => ({
            session_id: s.id,
            kind: 'ended' as const,
            reason: `账号停用 / account disabled: ${reason}`,
            recorded_by: by,
            at: now,
          })),
        )
        .execute()
    const [disabled] = await readAccounts(trx, userName)
    return publicAccount(disabled!)
  })
}

/** How many accounts exist (to know whether to open the first one). */
export async function accountCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('account_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('change', '=', 'created')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
