/** Any address that is no page. */
import { Result } from 'antd'
import { Link } from 'react-router'
import { useMessages } from '../i18n/language'
import { shellMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'

export function NotFoundPage() {
  const t = useMessages(shellMessages)
  useTitle(t.notFound)
  return <Result status="404" title={t.notFound} extra={<Link to="/">{t.backHome}</Link>} />
}
