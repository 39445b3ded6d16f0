/** Accounts of the administrator's scope: open one, disable one, see and end its sessions. Every change is recorded. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api, must, type Schemas } from '../api/client'
import { ROLE_NAMES, type Role } from '../api/roles'
import { usePerson } from '../api/session'
import { formatMoment } from '../format/dates'
import { formatRecordedBy } from '../format/recorded-by'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'

type Account = Schemas['Account']

const m = defineMessages({
  zh: {
    title: '账号管理',
    open: '开设账号',
    userName: '用户名',
    displayName: '姓名',
    password: '初始密码',
    role: '角色',
    jurisdiction: '行政区划代码',
    department: '部门代码',
    status: '状态',
    enabled: '在用',
    disabled: '已停用',
    createdBy: '开设人',
    createdAt: '开设时间',
    actions: '操作',
    disable: '停用',
    reason: '理由',
    sessions: '会话',
    end: '结束会话',
    started: '登录时间',
    lastSeen: '最近活动',
    live: '有效',
    over: '已结束',
    confirm: '确定',
    cancel: '取消',
    disableTitle: '停用账号',
    endTitle: '结束会话',
    noRights: '只有地区管理员和部门管理员可以管理账号。',
    hint: '账号只在您的管理范围内开设；停用后其会话立即结束，记录永久保留。',
  },
  en: {
    title: 'Accounts',
    open: 'Open an account',
    userName: 'User name',
    displayName: 'Name',
    password: 'Initial password',
    role: 'Role',
    jurisdiction: 'Division code',
    department: 'Department code',
    status: 'Status',
    enabled: 'Active',
    disabled: 'Disabled',
    createdBy: 'Opened by',
    createdAt: 'Opened at',
    actions: 'Actions',
    disable: 'Disable',
    reason: 'Reason',
    sessions: 'Sessions',
    end: 'End session',
    started: 'Signed in',
    lastSeen: 'Last active',
    live: 'Live',
    over: 'Ended',
    confirm: 'OK',
    cancel: 'Cancel',
    disableTitle: 'Disable the account',
    endTitle: 'End the session',
    noRights: 'Only region and department admins manage accounts.',
    hint: 'Accounts are opened within your scope; disabling one ends its sessions at once, and the records stay.',
  },
})

/** The sessions of one account, each of which can be ended with a reason. */
function Sessions({ userName }: { userName: string }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const client = useQueryClient()
  const detail = useQuery({
    queryKey: ['account', userName],
    queryFn: () => must(api.GET('/accounts/{userName}', { params: { path: { userName } } })),
  })
  const [ending, setEnding] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const end = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/sessions/{sessionId}/end', { params: { path: { sessionId: id } }, body: { reason } })),
    onSuccess: () => {
      setEnding(null)
      void client.invalidateQueries({ queryKey: ['account', userName] })
    },
  })
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={detail.isPending}
        dataSource={detail.data?.sessions ?? []}
        aria-label={`${t.sessions} ${userName}`}
        columns={[
          { title: t.started, dataIndex: 'startedAt', render: (v: string) => formatMoment(v, language) },
          { title: t.lastSeen, dataIndex: 'lastSeenAt', render: (v: string) => formatMoment(v, language) },
          {
            title: t.status,
            dataIndex: 'active',
            render: (v: boolean) => (v ? <Tag color="green">{t.live}</Tag> : <Tag>{t.over}</Tag>),
          },
          {
            title: t.actions,
            key: 'a',
            render: (_: unknown, s: Schemas['Account_session']) =>
              s.active && (
                <Button size="small" onClick={() => setEnding(s.id)}>
                  {t.end}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        title={t.endTitle}
        open={ending !== null}
        okText={t.confirm}
        cancelText={t.cancel}
        okButtonProps={{ disabled: reason === '' }}
        confirmLoading={end.isPending}
        onOk={() => ending && end.mutate(ending)}
        onCancel={() => setEnding(null)}
      >
        <Form layout="vertical">
          <Form.Item label={t.reason} htmlFor="end-session-reason">
            <Input id="end-session-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}

export function PeoplePage() {
  const t = useMessages(m)
  const { language } = useLanguage()
  useTitle(t.title)
  const me = usePerson().data
  const client = useQueryClient()
  const admin = me?.role === 'regionAdmin' || me?.role === 'departmentAdmin'
  const accounts = useQuery({ queryKey: ['accounts'], enabled: admin, queryFn: () => must(api.GET('/accounts')) })
  const [opening, setOpening] = useState(false)
  const [disabling, setDisabling] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [form] = Form.useForm<Schemas['AccountRequest']>()
  const refresh = () => client.invalidateQueries({ queryKey: ['accounts'] })
  const open = useMutation({
    mutationFn: (body: Schemas['AccountRequest']) => must(api.POST('/accounts', { body })),
    onSuccess: () => {
      setOpening(false)
      form.resetFields()
      void refresh()
    },
  })
  const disable = useMutation({
    mutationFn: (userName: string) =>
      must(api.POST('/accounts/{userName}/disable', { params: { path: { userName } }, body: { reason } })),
    onSuccess: () => {
      setDisabling(null)
      setReason('')
      void refresh()
    },
  })
  if (!admin) return <Alert type="info" showIcon title={t.noRights} />
  const roles: Role[] =
    me.role === 'regionAdmin'
      ? ['regionAdmin', 'departmentAdmin', 'officer', 'supervisor', 'auditor', 'legalOfficer']
      : ['departmentAdmin', 'officer']
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t.title}
        </Typography.Title>
        <Button type="primary" onClick={() => setOpening(true)}>
          {t.open}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      <Table<Account>
        rowKey="userName"
        loading={accounts.isPending}
        dataSource={accounts.data?.accounts ?? []}
        expandable={{ expandedRowRender: (a) => <Sessions userName={a.userName} /> }}
        columns={[
          { title: t.userName, dataIndex: 'userName' },
          { title: t.displayName, dataIndex: 'displayName' },
          { title: t.role, dataIndex: 'role', render: (r: Role) => ROLE_NAMES[r][language] },
          {
            title: t.jurisdiction,
            dataIndex: 'jurisdiction',
            render: (j: string, a) => (a.department ? `${j} · ${a.department}` : j),
          },
          {
            title: t.status,
            dataIndex: 'enabled',
            render: (e: boolean, a) =>
              e ? <Tag color="green">{t.enabled}</Tag> : <Tag title={a.disabled?.reason}>{t.disabled}</Tag>,
          },
          {
            title: t.createdBy,
            dataIndex: 'createdBy',
            render: (v: string) => <span title={v}>{formatRecordedBy(v, language)}</span>,
          },
          { title: t.createdAt, dataIndex: 'createdAt', render: (v: string) => formatMoment(v, language) },
          {
            title: t.actions,
            key: 'a',
            render: (_: unknown, a) =>
              a.enabled &&
              a.userName !== me.subject && (
                <Button size="small" danger onClick={() => setDisabling(a.userName)}>
                  {t.disable}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        title={t.open}
        open={opening}
        okText={t.confirm}
        cancelText={t.cancel}
        confirmLoading={open.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpening(false)}
      >
        {open.isError && (
          <Alert type="error" showIcon title={open.error.message} style={{ marginBottom: 12 }} role="alert" />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            role: roles[0],
            jurisdiction: me.jurisdiction,
            ...(me.department ? { department: me.department } : {}),
          }}
          onFinish={(v) => open.mutate(v)}
        >
          <Form.Item label={t.userName} name="userName" rules={[{ required: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={t.displayName} name="displayName" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t.password} name="password" rules={[{ required: true, min: 10 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label={t.role} name="role">
            <Select options={roles.map((r) => ({ value: r, label: ROLE_NAMES[r][language] }))} />
          </Form.Item>
          <Form.Item label={t.jurisdiction} name="jurisdiction" rules={[{ required: true, pattern: /^[0-9]{6}$/ }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t.department} name="department">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={t.disableTitle}
        open={disabling !== null}
        okText={t.confirm}
        cancelText={t.cancel}
        okButtonProps={{ danger: true, disabled: reason === '' }}
        confirmLoading={disable.isPending}
        onOk={() => disabling && disable.mutate(disabling)}
        onCancel={() => setDisabling(null)}
      >
        <Typography.Paragraph>{disabling}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t.reason} htmlFor="disable-reason">
            <Input id="disable-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
