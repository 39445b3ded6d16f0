/** Routes for people: sign in and out, the signed-in person, accounts and their sessions (administrators). */
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { accountsInScope, createAccount, disableAccount, publicAccount, readAccounts } from '../accounts.js'
import { readJson, type Env } from '../http-context.js'
import { checkBody } from '../input-validator.js'
import { mayIssue, recordedBy } from '../principal.js'
import { notFound } from '../service-error.js'
import { overHttps, SESSION_COOKIE, signedInOrBearer } from '../session-auth.js'
import { endSession, IDLE_LIMIT_MS, sessionsOf, startSession } from '../sessions.js'
import { checkSignIn } from '../sign-in.js'
import type { AccountChange, AccountRequest, SignIn } from '../../types/generated.js'

export const sessionRoutes = new Hono<Env>()

const addressOf = (c: Context<Env>): string | null =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? null

/** The signed-in person as the pages show them. */
async function person(c: Context<Env>) {
  const p = c.get('principal')
  const [account] = await readAccounts(c.get('runtime').db, p.subject)
  return {
    ...p,
    displayName: account && p.tokenId.startsWith('ses_') ? account.displayName : p.subject,
    session: p.tokenId.startsWith('ses_'),
  }
}

sessionRoutes.post('/session', async (c) => {
  const rt = c.get('runtime')
  const body = checkBody<SignIn>('sign-in', await readJson(c))
  const now = rt.clock()
  const account = await checkSignIn(rt.db, body.userName, body.password, { address: addressOf(c), now })
  const { secret, principal } = await startSession(rt.db, account, addressOf(c), now)
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: overHttps(c),
    path: '/',
    maxAge: Math.floor(IDLE_LIMIT_MS / 1000),
  })
  return c.json({ ...principal, displayName: account.displayName, session: true })
})

sessionRoutes.get('/session', signedInOrBearer, async (c) => c.json(await person(c)))
sessionRoutes.delete('/session', signedInOrBearer, async (c) => {
  const p = c.get('principal')
  if (getCookie(c, SESSION_COOKIE) !== undefined && p.tokenId.startsWith('ses_'))
    await endSession(c.get('runtime').db, p.tokenId, '退出登录 / signed out', recordedBy(p), c.get('runtime').clock())
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overHttps(c) })
  return c.body(null, 204)
})

for (const path of ['/accounts', '/accounts/*', '/sessions/*']) sessionRoutes.use(path, signedInOrBearer)

sessionRoutes.get('/accounts', async (c) =>
  c.json({ accounts: await accountsInScope(c.get('runtime').db, c.get('principal')) }),
)

sessionRoutes.post('/accounts', async (c) => {
  const p = c.get('principal')
  const spec = checkBody<AccountRequest>('account-request', await readJson(c))
  return c.json(await createAccount(c.get('runtime').db, p, spec, recordedBy(p)), 201)
})

/** The account if the caller administers it, else 404 (as for anything out of scope). */
async function administered(c: Context<Env>) {
  const name = c.req.param('userName') ?? ''
  const [account] = await readAccounts(c.get('runtime').db, name)
  if (
    !account ||
    !mayIssue(c.get('principal'), {
      role: account.role,
      jurisdiction: account.jurisdiction,
      department: account.department,
    })
  ) {
    throw notFound('ACCOUNT', `没有账号“${name}”，或不在您的管理范围内`, `no account "${name}" in your scope`)
  }
  return account
}

sessionRoutes.get('/accounts/:userName', async (c) => {
  const account = await administered(c)
  return c.json({
    ...publicAccount(account),
    sessions: await sessionsOf(c.get('runtime').db, account.userName, c.get('runtime').clock()),
  })
})

sessionRoutes.post('/accounts/:userName/disable', async (c) => {
  const p = c.get('principal')
  const { reason } = checkBody<AccountChange>('account-change', await readJson(c))
  return c.json(await disableAccount(c.get('runtime').db, p, c.req.param('userName'), reason, recordedBy(p)))
})

sessionRoutes.post('/sessions/:sessionId/end', async (c) => {
  const p = c.get('principal')
  const rt = c.get('runtime')
  const { reason } = checkBody<AccountChange>('account-change', await readJson(c))
  const id = c.req.param('sessionId')
  const row = await rt.db.selectFrom('sessions').select('user_name').where('id', '=', id).executeTakeFirst()
  const [account] = row ? await readAccounts(rt.db, row.user_name) : []
  const own = row?.user_name === p.subject && p.tokenId.startsWith('ses_')
  if (
    !account ||
    (!own && !mayIssue(p, { role: account.role, jurisdiction: account.jurisdiction, department: account.department }))
  ) {
    throw notFound('SESSION', `没有会话“${id}”，或不在您的管理范围内`, `no session "${id}" in your scope`)
  }
  const ended = await endSession(rt.db, id, reason, recordedBy(p), rt.clock())
  return c.json({ id, ended: true, already: !ended })
})
