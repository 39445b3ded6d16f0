/** Browse: layers (国家 → 四川省 → 阿坝州 → 理县), their documents, each article's text and what encodes it; lapses; overrides. */
import { Alert, Button, Card, Empty, Form, Input, Modal, Space, Spin, Table, Tabs, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router'
import { citationWords } from '../format/citation'
import { formatDate } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { useTitle } from '../shell/use-title'
import { useBrowse, useOpenDraft, type BrowsedDocument, type Browse } from './workbench-api'
import { LEVEL_NAMES, wbMessages } from './workbench-messages'

const anchor = (article: string, item: string) => `a-${article}${item}`

export function BrowsePage() {
  const t = useMessages(wbMessages)
  const { code, doc } = useParams()
  const browse = useBrowse()
  const navigate = useNavigate()
  useTitle(t.browse)
  if (browse.isPending) return <Spin />
  if (browse.isError) return <Alert type="error" title={browse.error.message} />
  const layers = browse.data.layers
  if (!code) return <Navigate to={`/workbench/layers/${layers[0]?.code ?? ''}`} replace />
  const layer = layers.find((l) => l.code === code)
  const index = doc === undefined ? 0 : Number(doc)
  const document = layer?.documents[index]
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t.browse}
      </Typography.Title>
      <Tabs
        activeKey={code}
        onChange={(key) => navigate(`/workbench/layers/${key}`)}
        items={layers.map((l) => ({ key: l.code, label: `${l.name}（${l.code}）` }))}
      />
      {layer && (
        <div style={{ display: 'grid', gridTemplateColumns: '320px minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
          <nav aria-label={t.documents}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {layer.documents.map((d, i) => (
                <Card key={d.title} size="small" style={i === index ? { borderColor: '#1f4e8c', borderWidth: 2 } : {}}>
                  <Link to={`/workbench/layers/${layer.code}/documents/${i}`}>{d.title}</Link>
                  <div style={{ marginTop: 4 }}>
                    <DocumentStatus document={d} />
                  </div>
                </Card>
              ))}
            </Space>
          </nav>
          <section aria-label={t.articles}>{document ? <DocumentView document={document} /> : <Empty />}</section>
        </div>
      )}
      {layer && <Overrides browse={browse.data} layerName={layer.name} />}
    </>
  )
}

function DocumentStatus({ document: d }: { document: BrowsedDocument }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  return d.lapsed ? (
    <Tag color="default">
      {t.lapsed} · {t.lapsedSince.replace('{date}', formatDate(d.effectiveUntil!, language))}
    </Tag>
  ) : (
    <Tag color="green">
      {t.inForce} · {formatDate(d.effectiveFrom, language)}
    </Tag>
  )
}

function DocumentView({ document: d }: { document: BrowsedDocument }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const [renewing, setRenewing] = useState(false)
  const { hash } = useLocation()
  useEffect(() => {
    // a link to an article (…#a-第十条(二)3) shows it, marked, and takes the keyboard focus there
    const el = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null
    if (!el) return
    el.scrollIntoView({ block: 'center' })
    el.classList.add('xq-target')
    el.focus()
    // the document (d) is what the anchor is looked up in again when it changes
  }, [hash])
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {d.title}
        </Typography.Title>
      }
      extra={<DocumentStatus document={d} />}
    >
      <Typography.Paragraph type="secondary">
        {[d.issuer, d.issuedOn && formatDate(d.issuedOn, language)].filter(Boolean).join(' · ')} · {t.pack}：
        {d.packs.map((p) => (
          <Link key={p.id} to={`/workbench/packs/${p.id}/history`} style={{ marginLeft: 8 }}>
            {p.id}
          </Link>
        ))}
      </Typography.Paragraph>
      {d.lapse && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t.appliesInstead}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{language === 'zh' ? d.lapse.zh : d.lapse.en}</div>}
          action={
            <Button onClick={() => setRenewing(true)} type="primary">
              {t.renew}
            </Button>
          }
        />
      )}
      {d.articles.map((a) => (
        <article key={a.article} style={{ marginBottom: 16 }}>
          <Typography.Title level={3} style={{ fontSize: 17 }}>
            {a.article}
          </Typography.Title>
          {a.items.map((i) => (
            <div
              key={i.item}
              id={anchor(a.article, i.item)}
              tabIndex={-1}
              style={{ borderLeft: '3px solid #d6e0ee', paddingLeft: 12, marginBottom: 12 }}
            >
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {i.item && (
                  <strong>
                    {a.article}
                    {i.item}{' '}
                  </strong>
                )}
                {i.text}
              </Typography.Paragraph>
              <section aria-label={`${a.article}${i.item} ${t.encodedBy}`}>
                {i.encodedBy.length === 0 && <Typography.Text type="secondary">{t.notEncoded}</Typography.Text>}
                {i.encodedBy.map((e) =>
                  e.kind === 'rule' ? (
                    <Link
                      key={`${e.packId}${e.pointer}`}
                      to={`/workbench/rules/${e.packId}/${e.id}`}
                      style={{ marginRight: 8 }}
                    >
                      <Tag
                        color={e.level === 'red' ? 'red' : e.level === 'yellow' ? 'gold' : 'blue'}
                        style={{ whiteSpace: 'normal' }}
                      >
                        {e.title}（{e.id}）
                      </Tag>
                    </Link>
                  ) : (
                    <Tag
                      key={`${e.packId}${e.pointer}`}
                      style={{ whiteSpace: 'normal' }}
                    >{`${e.kind === 'deadline' ? '期限' : e.kind === 'discretion' ? '裁量基准' : e.kind === 'parameter' ? '参数' : ''} ${e.title}`}</Tag>
                  ),
                )}
              </section>
            </div>
          ))}
        </article>
      ))}
      {renewing && <RenewDialog document={d} onClose={() => setRenewing(false)} />}
    </Card>
  )
}

function RenewDialog({ document: d, onClose }: { document: BrowsedDocument; onClose: () => void }) {
  const t = useMessages(wbMessages)
  const open = useOpenDraft()
  const navigate = useNavigate()
  const [form] = Form.useForm()
  const pack = d.packs[0]!
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, string>
    const draft = await open.mutateAsync({
      packId: pack.id,
      renew: {
        packId: v.packId!,
        document: {
          title: v.title!,
          issuedOn: v.issuedOn!,
          ...(v.number ? { number: v.number } : {}),
          ...(v.issuer ? { issuer: v.issuer } : {}),
        },
        effectiveFrom: v.effectiveFrom!,
        ...(v.effectiveUntil ? { effectiveUntil: v.effectiveUntil } : {}),
      },
    })
    navigate(`/workbench/drafts/${draft.draftId}`)
  }
  const date = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }
  return (
    <Modal open title={t.renewTitle} onCancel={onClose} onOk={submit} confirmLoading={open.isPending}>
      <Typography.Paragraph type="secondary">{t.renewHint}</Typography.Paragraph>
      {open.isError && <Alert type="error" title={open.error.message} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          packId: `${pack.id}-renewed`,
          title: d.title.replace(/[（(]试行[)）]$/, ''),
          issuer: d.issuer ?? '',
        }}
      >
        <Form.Item name="packId" label={t.newPackId} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t.documentTitle} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="number" label={t.documentNumber}>
          <Input />
        </Form.Item>
        <Form.Item name="issuer" label={t.issuer}>
          <Input />
        </Form.Item>
        <Form.Item name="issuedOn" label={t.issuedOn} rules={[{ required: true }, date]}>
          <Input placeholder="2026-12-20" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t.effectiveFrom} rules={[{ required: true }, date]}>
          <Input placeholder="2027-01-01" />
        </Form.Item>
        <Form.Item name="effectiveUntil" label={t.effectiveUntil} rules={[date]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function Overrides({ browse, layerName }: { browse: Browse; layerName: string }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const rows = browse.overrides.filter((o) => o.lower.layer === layerName || o.upper.layer === layerName)
  if (rows.length === 0) return null
  const cite = (r: (typeof rows)[number]['upper']) => citationWords(r.rule.citation)
  return (
    <Card title={t.overrides} style={{ marginTop: 16 }}>
      <Table
        rowKey={(r) => `${r.ruleId}-${r.upper.packId}-${r.lower.packId}`}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t.rule, dataIndex: 'ruleId' },
          {
            title: t.upperLayer,
            render: (_, r) => (
              <>
                <div>
                  {r.upper.layer}：{r.upper.rule.title}
                </div>
                <Typography.Text type="secondary">{cite(r.upper)}</Typography.Text>
              </>
            ),
          },
          {
            title: t.lowerLayer,
            render: (_, r) => (
              <>
                <div>
                  {r.lower.layer}：{r.lower.rule.title} <Tag>{LEVEL_NAMES[language][r.lower.rule.level as 'red']}</Tag>
                </div>
                <Typography.Text type="secondary">{cite(r.lower)}</Typography.Text>
              </>
            ),
          },
          { title: t.changes, dataIndex: 'detail' },
        ]}
      />
    </Card>
  )
}
