/** The frame of every signed-in page: header with navigation, the person and the language switch; the page below. */
import { Button, Result, Spin } from 'antd'
import { useEffect } from 'react'
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { ROLE_NAMES } from '../api/roles'
import { usePerson, useSignOut } from '../api/session'
import { useLanguage, useMessages } from '../i18n/language'
import { shellMessages } from '../i18n/messages'
import { NAV_ITEMS } from './nav-items'

/** The language switch: one button, saying the other language in that language. */
export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage()
  const t = useMessages(shellMessages)
  return (
    <Button size="small" aria-label={t.languageLabel} onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
      {t.language}
    </Button>
  )
}

/** Signed-in pages: without a session, the sign-in page (coming back here after). */
export function AppLayout() {
  const t = useMessages(shellMessages)
  const { language } = useLanguage()
  const person = usePerson()
  const signOut = useSignOut()
  const location = useLocation()
  const navigate = useNavigate()
  useEffect(() => {
    if (signOut.isSuccess) navigate('/signin')
  }, [signOut.isSuccess, navigate])
  if (person.isPending) return <Spin fullscreen tip={t.loading} />
  if (person.isError) return <Result status="error" title={t.loadFailed} subTitle={person.error.message} />
  if (!person.data)
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  const me = person.data
  return (
    <>
      <a className="xq-skip" href="#main">
        {t.skip}
      </a>
      <header className="xq-header">
        <NavLink to="/" className="xq-brand">
          {t.product}
          <small>{t.productLong}</small>
        </NavLink>
        <nav className="xq-nav" aria-label={t.mainMenu}>
          {NAV_ITEMS.filter((i) => !i.roles || i.roles.includes(me.role)).map((i) => (
            <NavLink key={i.path} to={i.path} end={i.path === '/'}>
              {i.label[language]}
            </NavLink>
          ))}
        </nav>
        <div className="xq-user">
          <span>
            {me.displayName}（{ROLE_NAMES[me.role][language]} · {me.jurisdiction}
            {me.department ? ` · ${me.department}` : ''}）
          </span>
          <LanguageSwitch />
          <Button size="small" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            {t.signOut}
          </Button>
        </div>
      </header>
      <main id="main" className="xq-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}
