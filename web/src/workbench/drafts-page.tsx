/** The drafts in the person's scope, newest first, and a pack's versions with their change in words. */
import { Alert, Card, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd'
import { Link, useParams } from 'react-router'
import { formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { useTitle } from '../shell/use-title'
import { useDrafts, usePackHistory } from './workbench-api'
import { wbMessages } from './workbench-messages'

export function DraftsPage() {
  const t = useMessages(wbMessages)
  const drafts = useDrafts()
  useTitle(t.drafts)
  if (drafts.isPending) return <Spin />
  if (drafts.isError) return <Alert type="error" title={drafts.error.message} />
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t.drafts}
      </Typography.Title>
      <Table
        rowKey="draftId"
        locale={{ emptyText: <Empty description={t.noDrafts} /> }}
        dataSource={drafts.data.drafts}
        columns={[
          { title: t.title, render: (_, d) => <Link to={`/workbench/drafts/${d.draftId}`}>{d.title}</Link> },
          { title: t.pack, dataIndex: 'packId' },
          { title: t.status, render: (_, d) => <Tag>{t[d.status]}</Tag> },
          { title: t.revision, dataIndex: 'revision' },
          { title: t.proposedBy, render: (_, d) => d.proposedBy ?? '—' },
          { title: t.approvedBy, render: (_, d) => d.approvedBy ?? '—' },
        ]}
      />
    </>
  )
}

export function PackHistoryPage() {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const { packId = '' } = useParams()
  const history = usePackHistory(packId)
  useTitle(`${packId} ${t.history}`)
  if (history.isPending) return <Spin />
  if (history.isError) return <Alert type="error" title={history.error.message} />
  const { versions, inForce } = history.data
  // the version in force as the answering server process applies it (it follows the others' activations); before
  // the service said so, the newest activation
  const current = inForce === undefined ? versions[0]?.version : inForce
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {packId} {t.history}
      </Typography.Title>
      <Typography.Paragraph role="status" aria-label={t.inForceHere}>
        {t.inForceHere}：<code>{current ? `${current.slice(0, 19)}…` : '—'}</code>
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {versions.map((v) => (
          <Card
            key={v.id}
            size="small"
            title={`${v.version === current ? `${t.inForceVersion} · ` : ''}${v.version.slice(0, 19)}…`}
            extra={formatMoment(v.activatedAt, language)}
          >
            {v.words.length > 0 && (
              <List
                size="small"
                dataSource={v.words}
                renderItem={(w) => <List.Item>{language === 'zh' ? w.zh : w.en}</List.Item>}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t.proposedBy}：{v.proposedBy ?? '—'} · {t.approvedBy}：{v.approvedBy ?? '—'} · {t.activatedBy}：
              {v.activatedBy}
              {v.draftId && (
                <>
                  {' · '}
                  <Link to={`/workbench/drafts/${v.draftId}?tab=changes`}>{t.drafts}</Link>
                </>
              )}
            </Typography.Paragraph>
            {v.note && <Typography.Paragraph style={{ marginBottom: 0 }}>{v.note}</Typography.Paragraph>}
          </Card>
        ))}
      </Space>
    </>
  )
}
