/** The home page: who is signed in, and where to go from here. */
import { Card, Col, Row, Typography } from 'antd'
import { Link } from 'react-router'
import { usePerson } from '../api/session'
import { useLanguage, useMessages } from '../i18n/language'
import { shellMessages } from '../i18n/messages'
import { NAV_ITEMS } from '../shell/nav-items'
import { useTitle } from '../shell/use-title'

export function HomePage() {
  const t = useMessages(shellMessages)
  const { language } = useLanguage()
  const me = usePerson().data
  useTitle(t.home)
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t.welcome}
        {me?.displayName}
      </Typography.Title>
      <Typography.Paragraph>{t.homeIntro}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {NAV_ITEMS.filter((i) => i.path !== '/' && (!i.roles || (me && i.roles.includes(me.role)))).map((i) => (
          <Col key={i.path} xs={24} md={8}>
            <Card>
              <Link to={i.path} style={{ fontSize: 18 }}>
                {i.label[language]}
              </Link>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  )
}
