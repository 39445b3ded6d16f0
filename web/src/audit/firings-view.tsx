/** What an evaluation found: each firing with its article, text, rule version and trace; the findings and their relief. */
import { Card, Empty, Space, Table, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import type { Schemas } from '../api/client'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { FINDING_STATUS, KIND_NAMES, levelColor, LEVEL_NAMES, nameOf } from './labels'
import { TraceTable } from './trace-table'

type Firing = Schemas['Evaluation_firing']
type Finding = Schemas['Evaluation_finding']

const m = defineMessages({
  zh: {
    none: '本次评估没有规则触发',
    rule: '规则',
    version: '版本',
    pack: '规则包版本',
    asRead: '查看该版本中的规则原文',
    basis: '依据',
    findings: '责任追究认定',
    status: '结果',
    against: '对象',
    relief: '免责、从轻',
    trigger: '触发规则',
    noRelief: '无',
  },
  en: {
    none: 'No rule fired in this evaluation',
    rule: 'Rule',
    version: 'version',
    pack: 'Pack version',
    asRead: 'the rule as this version read',
    basis: 'Basis',
    findings: 'Accountability findings',
    status: 'Outcome',
    against: 'Against',
    relief: 'Exemption, mitigation',
    trigger: 'Rule',
    noRelief: 'none',
  },
})

/** The link to a rule as a pack version read (the content hash names the version). */
export const ruleLink = (f: { pack: { id: string; version: string }; ruleId: string }) =>
  `/audit/rules/${encodeURIComponent(f.pack.id)}/${encodeURIComponent(f.pack.version)}/${encodeURIComponent(f.ruleId)}`

export function FiringCard({ f, facts }: { f: Firing; facts?: Readonly<Record<string, unknown>> }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const c = f.citation
  return (
    <Card
      size="small"
      role="region"
      aria-label={f.title}
      title={
        <Space wrap>
          <Tag color={levelColor(f.level)}>{nameOf(LEVEL_NAMES, f.level, language)}</Tag>
          <Tag>{nameOf(KIND_NAMES, f.kind, language)}</Tag>
          <span>{f.title}</span>
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t.basis}：{c.document} {c.article}
        {c.item ?? ''}
      </Typography.Paragraph>
      {c.text && (
        <blockquote
          style={{ margin: '4px 0 8px', padding: '4px 12px', borderLeft: '3px solid #1f4e8c', background: '#f6f8fb' }}
        >
          {c.text}
        </blockquote>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t.rule} <code>{f.ruleId}</code> {t.version} {f.ruleVersion} · {t.pack} <code>{f.pack.id}</code>{' '}
        <Link to={ruleLink(f)} title={t.asRead}>
          <code>{f.pack.version.slice(0, 19)}…</code>
        </Link>
      </Typography.Paragraph>
      <TraceTable trace={f.trace} label={f.title} {...(facts ? { facts } : {})} />
    </Card>
  )
}

export function FiringsView({
  firings,
  findings,
  facts,
}: {
  firings: readonly Firing[]
  findings?: readonly Finding[] | undefined
  facts?: Readonly<Record<string, unknown>>
}) {
  const t = useMessages(m)
  const { language } = useLanguage()
  return (
    <>
      {firings.length === 0 ? (
        <Empty description={t.none} />
      ) : (
        firings.map((f) => <FiringCard key={f.ruleId} f={f} {...(facts ? { facts } : {})} />)
      )}
      {findings && findings.length > 0 && (
        <>
          <Typography.Title level={4}>{t.findings}</Typography.Title>
          <Table<Finding>
            size="small"
            rowKey={(x) => `${x.ruleId}-${x.department.code ?? ''}`}
            pagination={false}
            dataSource={[...findings]}
            columns={[
              {
                title: t.trigger,
                key: 'r',
                render: (_: unknown, x) => `${x.title}（${x.citation.article}${x.item ?? x.citation.item ?? ''}）`,
              },
              {
                title: t.against,
                key: 'd',
                render: (_: unknown, x) =>
                  `${x.department.name ?? x.department.code ?? ''}${x.responsible ? ` · ${x.responsible.name}` : ''}`,
              },
              {
                title: t.status,
                dataIndex: 'status',
                render: (s: string) => (
                  <Tag color={s === 'open' ? 'red' : s === 'cleared' ? 'green' : 'gold'}>
                    {nameOf(FINDING_STATUS, s, language)}
                  </Tag>
                ),
              },
              {
                title: t.relief,
                key: 'relief',
                render: (_: unknown, x) =>
                  x.relief.length === 0
                    ? t.noRelief
                    : x.relief.map((r) => (
                        <div key={r.ruleId}>{`${r.title}（${r.citation.article}${r.citation.item ?? ''}）`}</div>
                      )),
              },
            ]}
          />
        </>
      )}
    </>
  )
}
