/** Sign-in: user name and password; the server answers with an HttpOnly session cookie. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { Navigate, useSearchParams } from 'react-router'
import { usePerson, useSignIn } from '../api/session'
import { useMessages } from '../i18n/language'
import { shellMessages } from '../i18n/messages'
import { LanguageSwitch } from '../shell/app-layout'
import { useTitle } from '../shell/use-title'

export function SignInPage() {
  const t = useMessages(shellMessages)
  useTitle(t.signIn)
  const [params] = useSearchParams()
  const next = params.get('next')
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/'
  const person = usePerson()
  const signIn = useSignIn()
  if (person.data) return <Navigate to={target} replace />
  return (
    <main id="main" style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#1f4e8c' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={1} style={{ fontSize: 22 }}>
            {t.signInTitle}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t.productLong}</Typography.Paragraph>
        {signIn.isError && (
          <Alert
            type="error"
            showIcon
            title={t.signInFailed}
            description={signIn.error.message}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(v: { userName: string; password: string }) => signIn.mutate(v)}
        >
          <Form.Item label={t.userName} name="userName" rules={[{ required: true }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t.password} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t.signIn}
          </Button>
        </Form>
      </Card>
    </main>
  )
}
