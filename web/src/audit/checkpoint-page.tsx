/** A signed checkpoint on its own: its document, its signature checked with the platform's public key, and the records verified against it. */
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Empty, Input, Space, Spin, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api, must, type Schemas } from '../api/client'
import type { paths } from '../api/openapi'
import { formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'

const m = defineMessages({
  zh: {
    title: '签名检查点',
    intro:
      '检查点是全部办件链头及其他只增记录的默克尔树根，以平台私钥签名。这里用平台公钥核验签名，并对照检查点核验现在的记录：检查点之后改动过的记录会列出。',
    list: '已取的检查点',
    id: '编号',
    takenAt: '取点时刻',
    takenBy: '取点人',
    cases: '办件数',
    leaves: '叶子数',
    root: '默克尔根',
    keyId: '签名公钥',
    signature: '签名',
    signatureState: '签名',
    signatureValid: '✓ 签名成立',
    signatureInvalid: '✗ 签名不成立',
    records: '记录',
    intact: '✓ 与检查点相符',
    broken: '✗ 与检查点不符',
    brokenRows: '不符之处',
    table: '表',
    caseId: '办件',
    problem: '说明',
    code: '代码',
    none: '尚未取检查点',
    paste: '核验带走的检查点文件',
    pasteHint: '粘贴检查点 JSON（从本页或 GET /checkpoints/{id} 复制带走的）',
    check: '核验',
    pasted: '所粘贴的检查点',
    verifiedCases: '核验办件',
    verifiedRows: '核验行数',
  },
  en: {
    title: 'Signed checkpoint',
    intro:
      "A checkpoint is the Merkle root over every case's chain head and the other append-only rows, signed with the platform's private key. Here its signature is checked with the public key, and today's records are verified against it: any record changed after it is listed.",
    list: 'Checkpoints taken',
    id: 'Id',
    takenAt: 'Taken at',
    takenBy: 'Taken by',
    cases: 'Cases',
    leaves: 'Leaves',
    root: 'Merkle root',
    keyId: 'Signing key',
    signature: 'Signature',
    signatureState: 'Signature',
    signatureValid: '✓ signature holds',
    signatureInvalid: '✗ signature does not hold',
    records: 'Records',
    intact: '✓ match the checkpoint',
    broken: '✗ do not match the checkpoint',
    brokenRows: 'What does not match',
    table: 'Table',
    caseId: 'Case',
    problem: 'Problem',
    code: 'Code',
    none: 'No checkpoint taken yet',
    paste: 'Verify a checkpoint file carried away',
    pasteHint: 'Paste a checkpoint as JSON (copied from this page or GET /checkpoints/{id})',
    check: 'Verify',
    pasted: 'The pasted checkpoint',
    verifiedCases: 'Cases verified',
    verifiedRows: 'Rows verified',
  },
})

type Checkpoint = Schemas['Checkpoint']
type Report = paths['/verify']['get']['responses'][200]['content']['application/json']
type Texts = Record<keyof (typeof m)['zh'], string>

/** The verification of one checkpoint (by id or as its document): signature, then the records against it. */
function VerificationView({ checkpoint, t }: { checkpoint: string; t: Texts }) {
  const { language } = useLanguage()
  const report = useQuery({
    queryKey: ['verify', checkpoint],
    queryFn: () => must(api.GET('/verify', { params: { query: { checkpoint } } })),
  })
  if (report.isPending) return <Spin />
  if (report.isError) return <Alert type="error" showIcon title={report.error.message} role="alert" />
  const r: Report = report.data
  return (
    <div data-testid="checkpoint-verification">
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{t.signatureState}</span>
        <Tag color={r.signatureValid ? 'green' : 'red'}>{r.signatureValid ? t.signatureValid : t.signatureInvalid}</Tag>
        <span>{t.records}</span>
        <Tag color={r.intact ? 'green' : 'red'}>{r.intact ? t.intact : t.broken}</Tag>
        <Typography.Text type="secondary">
          {t.verifiedCases} {r.cases} · {t.verifiedRows} {r.rows}
        </Typography.Text>
      </Space>
      {r.broken.length > 0 && (
        <Table
          size="small"
          pagination={false}
          aria-label={t.brokenRows}
          rowKey={(b) => `${b.caseId}|${b.table}|${b.chainSeq ?? ''}|${b.code}`}
          dataSource={r.broken}
          columns={[
            {
              title: t.caseId,
              dataIndex: 'caseId',
              render: (v: string) => (v ? <Link to={`/audit/cases/${encodeURIComponent(v)}`}>{v}</Link> : '—'),
            },
            { title: t.table, dataIndex: 'table' },
            { title: t.code, dataIndex: 'code', render: (v: string) => <code>{v}</code> },
            { title: t.problem, key: 'p', render: (_: unknown, b) => (language === 'zh' ? b.zh : b.en) },
          ]}
        />
      )}
    </div>
  )
}

function CheckpointDocument({ cp, t }: { cp: Checkpoint; t: Texts }) {
  const { language } = useLanguage()
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'id', label: t.id, children: <code>{cp.id}</code> },
        { key: 'at', label: t.takenAt, children: formatMoment(cp.takenAt, language) },
        { key: 'by', label: t.takenBy, children: cp.takenBy },
        { key: 'n', label: `${t.cases} / ${t.leaves}`, children: `${cp.cases} / ${cp.leaves}` },
        { key: 'root', label: t.root, children: <code style={{ wordBreak: 'break-all' }}>{cp.root}</code> },
        { key: 'key', label: t.keyId, children: <code>{cp.keyId}</code> },
        {
          key: 'sig',
          label: t.signature,
          children: <code style={{ wordBreak: 'break-all', fontSize: 12 }}>{cp.signature}</code>,
        },
      ]}
    />
  )
}

export function CheckpointPage() {
  const t = useMessages(m)
  const { language } = useLanguage()
  useTitle(t.title)
  const [params, setParams] = useSearchParams()
  const [pasted, setPasted] = useState('')
  const [checking, setChecking] = useState<string | null>(null)
  const list = useQuery({ queryKey: ['checkpoints'], queryFn: () => must(api.GET('/checkpoints', {})) })
  if (list.isPending) return <Spin />
  if (list.isError) return <Alert type="error" showIcon title={list.error.message} role="alert" />
  const id = params.get('id') ?? list.data[0]?.id
  const selected = list.data.find((c) => c.id === id)
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {selected ? (
        <Card size="small" title={<code>{selected.id}</code>} style={{ marginBottom: 12 }}>
          <CheckpointDocument cp={selected} t={t} />
          <div style={{ marginTop: 12 }}>
            <VerificationView checkpoint={selected.id} t={t} />
          </div>
        </Card>
      ) : (
        <Empty description={t.none} />
      )}
      <Card size="small" title={t.paste} style={{ marginBottom: 12 }}>
        <Input.TextArea
          aria-label={t.paste}
          placeholder={t.pasteHint}
          rows={4}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
        />
        <Button style={{ marginTop: 8 }} onClick={() => setChecking(pasted.trim())} disabled={!pasted.trim()}>
          {t.check}
        </Button>
        {checking && (
          <div style={{ marginTop: 12 }} data-testid="pasted-verification">
            <Typography.Text strong>{t.pasted}</Typography.Text>
            <VerificationView checkpoint={checking} t={t} />
          </div>
        )}
      </Card>
      {list.data.length > 0 && (
        <Card size="small" title={t.list}>
          <Table<Checkpoint>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={list.data}
            rowClassName={(r) => (r.id === id ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => setParams({ id: r.id }), style: { cursor: 'pointer' } })}
            columns={[
              { title: t.id, dataIndex: 'id', render: (v: string) => <code>{v}</code> },
              { title: t.takenAt, dataIndex: 'takenAt', render: (v: string) => formatMoment(v, language) },
              { title: t.takenBy, dataIndex: 'takenBy' },
              { title: t.cases, dataIndex: 'cases' },
              { title: t.leaves, dataIndex: 'leaves' },
            ]}
          />
        </Card>
      )}
    </>
  )
}
