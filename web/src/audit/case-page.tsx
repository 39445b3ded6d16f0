/** A case for an auditor: events, evaluations with their trace, findings, notices, clocks, "as of" and the chain. */
import { useQuery } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { Link, useParams, useSearchParams } from 'react-router'
import { api, must, type Schemas } from '../api/client'
import type { paths } from '../api/openapi'
import { formatMoment } from '../format/dates'
import { formatRecordedBy } from '../format/recorded-by'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'
import { ClockLine } from './clock-line'
import { ComplaintDetail } from './complaint-detail'
import { FiringsView } from './firings-view'
import { CAUSE_NAMES, EVENT_NAMES, levelColor, LEVEL_NAMES, nameOf } from './labels'
import { NoticesView } from './notices-view'

const m = defineMessages({
  zh: {
    asOf: '查看时刻',
    now: '现在',
    asOfHint: '只用该时刻以前已录入的事件，按该时刻评估（不记录）。',
    current: '当前',
    events: '事件时间线',
    occurred: '发生',
    recorded: '录入',
    by: '录入人',
    late: '事后录入',
    evaluations: '评估记录',
    seq: '链序',
    cause: '起因',
    at: '评估时刻',
    level: '等级',
    fired: '触发',
    detail: '评估详情',
    pick: '选择一条评估记录查看其触发规则和逐条件追溯。',
    sameAs: '同 #{n}',
    unchanged:
      '期限扫描未改变任何判定：本行只记录变化的天数；触发规则及其逐条件追溯取自第 #{n} 行（追溯中的天数为该行当时的天数）。',
    chain: '哈希链校验',
    intact: '完整',
    broken: '已被篡改',
    rows: '行',
    head: '链头',
    checkpoint: '检查点：尚未建立（只按链本身校验）',
    cpAgainst: '对照检查点',
    cpIntact: '与检查点相符',
    cpBroken: '与检查点不符',
    cpNotIn: '检查点之后受理，不在检查点中',
    cpHeadThen: '检查点时链头为第',
    cpRow: '行',
    cpProof: '包含证明成立',
    cpTaken: '取于',
    export: '导出 JSON',
    print: '打印',
    asOfTitle: '该时刻的评估',
    known: '当时已录入的事件数',
    serial: '办件编号',
    department: '部门',
    status: '状态',
    open: '办理中',
    closed: '已办结',
    back: '返回预警看板',
    notFound: '没有这个办件，或不在您的范围内',
  },
  en: {
    asOf: 'As of',
    now: 'Now',
    asOfHint: 'Only the events recorded by that moment, evaluated at that moment (not recorded).',
    current: 'Current',
    events: 'Events',
    occurred: 'Occurred',
    recorded: 'Recorded',
    by: 'Recorded by',
    late: 'recorded late',
    evaluations: 'Evaluations',
    seq: 'Row',
    cause: 'Cause',
    at: 'Evaluated at',
    level: 'Level',
    fired: 'Fired',
    detail: 'Evaluation',
    pick: 'Pick an evaluation to see its firings and trace.',
    sameAs: '= #{n}',
    unchanged:
      "A sweep that changed no decision: this row records only the day counts; the firings and their condition-by-condition trace are those of row #{n} (the trace shows that row's day counts).",
    chain: 'Hash chain',
    intact: 'intact',
    broken: 'tampered',
    rows: 'rows',
    head: 'head',
    checkpoint: 'Checkpoints: none yet (verified against the chain itself)',
    cpAgainst: 'Against checkpoint',
    cpIntact: 'matches the checkpoint',
    cpBroken: 'does not match the checkpoint',
    cpNotIn: 'opened after the checkpoint, not in it',
    cpHeadThen: 'head at the checkpoint: row',
    cpRow: '',
    cpProof: 'inclusion proof holds',
    cpTaken: 'taken',
    export: 'Export JSON',
    print: 'Print',
    asOfTitle: 'Evaluation at that moment',
    known: 'Events known then',
    serial: 'Serial number',
    department: 'Department',
    status: 'Status',
    open: 'Open',
    closed: 'Closed',
    back: 'Back to the alarm board',
    notFound: 'No such case, or not in your scope',
  },
})

type EvaluationRow = Schemas['EvaluationList']['evaluations'][number]

export function CasePage() {
  const t = useMessages(m)
  const { language } = useLanguage()
  const caseId = useParams().caseId ?? ''
  const [params, setParams] = useSearchParams()
  const at = params.get('at')
  const selected = Number(params.get('evaluation') ?? 0)
  const path = { path: { caseId } }
  const view = useQuery({
    queryKey: ['case', caseId],
    queryFn: () => must(api.GET('/cases/{caseId}', { params: path })),
  })
  const events = useQuery({
    queryKey: ['case', caseId, 'events'],
    queryFn: () => must(api.GET('/cases/{caseId}/events', { params: path })),
  })
  const evaluations = useQuery({
    queryKey: ['case', caseId, 'evaluations'],
    queryFn: () => must(api.GET('/cases/{caseId}/evaluations', { params: path })),
  })
  const verification = useQuery({
    queryKey: ['case', caseId, 'verification'],
    queryFn: () => must(api.GET('/cases/{caseId}/verification', { params: path })),
  })
  const latestSeq = evaluations.data?.evaluations.at(-1)?.chainSeq ?? 0
  const seq = selected || latestSeq
  const detail = useQuery({
    queryKey: ['case', caseId, 'evaluation', seq],
    enabled: seq > 0 && !at,
    queryFn: () => must(api.GET('/cases/{caseId}/evaluations/{seq}', { params: { path: { caseId, seq } } })),
  })
  const moment = at ?? new Date().toISOString()
  const asOf = useQuery({
    queryKey: ['case', caseId, 'as-of', moment.slice(0, 16)],
    queryFn: () => must(api.GET('/cases/{caseId}/as-of', { params: { path: { caseId }, query: { at: moment } } })),
  })
  useTitle(view.data ? `${view.data.name}（${view.data.serialNumber}）` : caseId)
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v)
      else next.delete(k)
    setParams(next)
  }
  if (view.isPending) return <Spin />
  if (view.isError)
    return <Alert type="error" showIcon title={t.notFound} description={view.error.message} role="alert" />
  const c = view.data
  const listed = (events.data?.events ?? []).filter((e) => !at || Date.parse(e.event.recordedAt) <= Date.parse(at))
  const shown = at ? asOf.data?.evaluation : detail.data
  const level = shown?.firings.some((f) => f.level === 'red')
    ? 'red'
    : shown?.firings.some((f) => f.level === 'yellow')
      ? 'yellow'
      : shown
        ? 'none'
        : c.level
  const facts = (shown?.facts ?? {}) as { statutoryDueDate?: string | null; promisedDueDate?: string | null }
  const download = async () => {
    const data = await must(api.GET('/cases/{caseId}/export', { params: path }))
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
    const a = Object.assign(document.createElement('a'), { href: url, download: `${caseId}.json` })
    a.click()
    URL.revokeObjectURL(url)
  }
  return (
    <>
      <Space className="xq-no-print" style={{ marginBottom: 8 }}>
        <Link to="/board">← {t.back}</Link>
      </Space>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {c.name}{' '}
        <Tag color={levelColor(level)} style={{ fontSize: 16, padding: '2px 10px' }} data-testid="case-level">
          {nameOf(LEVEL_NAMES, level, language)}
        </Tag>
      </Typography.Title>
      <Descriptions
        size="small"
        column={4}
        items={[
          { key: 's', label: t.serial, children: c.serialNumber },
          { key: 'd', label: t.department, children: c.department.name },
          { key: 'st', label: t.status, children: c.status === 'open' ? t.open : t.closed },
          {
            key: 'v',
            label: t.chain,
            children: verification.data ? (
              verification.data.intact ? (
                <Tag color="green">
                  ✓ {t.intact}（{verification.data.rows} {t.rows}）
                </Tag>
              ) : (
                <Tag color="red">✗ {t.broken}</Tag>
              )
            ) : (
              <Spin size="small" />
            ),
          },
          ...(verification.data?.checkpoint
            ? [
                {
                  key: 'cp',
                  label: t.cpAgainst,
                  children: verification.data.checkpoint.intact ? (
                    <Tag color={verification.data.checkpoint.included ? 'green' : 'default'}>
                      {verification.data.checkpoint.included ? `✓ ${t.cpIntact}` : t.cpNotIn}
                    </Tag>
                  ) : (
                    <Tag color="red">✗ {t.cpBroken}</Tag>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Card size="small" className="xq-no-print" style={{ margin: '12px 0' }}>
        <Space wrap>
          <label htmlFor="as-of-picker">{t.asOf}</label>
          <DatePicker
            id="as-of-picker"
            style={{ width: 220 }}
            showTime={{ format: 'HH:mm' }}
            format="YYYY年M月D日 HH:mm"
            value={at ? dayjs(at) : null}
            placeholder={t.now}
            onChange={(d) => set({ at: d ? d.format('YYYY-MM-DDTHH:mm:00Z') : null, evaluation: null })}
          />
          <Button onClick={() => set({ at: null })} disabled={!at}>
            {t.now}
          </Button>
          <Typography.Text type="secondary">{t.asOfHint}</Typography.Text>
          <Button onClick={() => void download()}>{t.export}</Button>
          <Button onClick={() => window.print()}>{t.print}</Button>
        </Space>
      </Card>
      {asOf.data?.clocks && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <ClockLine
            clocks={asOf.data.clocks}
            statutoryDue={facts.statutoryDueDate ?? null}
            promisedDue={facts.promisedDueDate ?? null}
            at={moment}
          />
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t.events} style={{ marginBottom: 12 }}>
            <Timeline
              items={listed.map((e) => {
                const ev = e.event
                const late = Date.parse(ev.recordedAt) - Date.parse(ev.occurredAt) > 24 * 3600e3
                return {
                  color: late ? 'orange' : 'blue',
                  content: (
                    <div>
                      <strong>
                        {e.sequence}. {nameOf(EVENT_NAMES, ev.type, language)}
                      </strong>{' '}
                      {'actor' in ev && ev.actor ? `· ${ev.actor.name}` : ''}
                      <div style={{ fontSize: 12 }}>
                        {t.occurred} {formatMoment(ev.occurredAt, language)}
                      </div>
                      <div style={{ fontSize: 12 }}>
                        {t.recorded} {formatMoment(ev.recordedAt, language)}{' '}
                        {late && <Tag color="orange">{t.late}</Tag>}
                      </div>
                      <div style={{ fontSize: 12, color: '#666' }}>
                        {t.by} {formatRecordedBy(e.recordedBy, language)}
                      </div>
                      <ComplaintDetail listed={listed} item={e} />
                    </div>
                  ),
                }
              })}
            />
          </Card>
          <Card size="small" title={t.evaluations}>
            <Table<EvaluationRow>
              size="small"
              rowKey="chainSeq"
              pagination={false}
              dataSource={(evaluations.data?.evaluations ?? []).filter(
                (e) => !at || Date.parse(e.at) <= Date.parse(at),
              )}
              rowClassName={(r) => (!at && r.chainSeq === seq ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({
                onClick: () => set({ evaluation: String(r.chainSeq), at: null }),
                style: { cursor: 'pointer' },
              })}
              columns={[
                {
                  title: t.seq,
                  dataIndex: 'chainSeq',
                  render: (v: number) => (
                    <Button type="link" size="small" onClick={() => set({ evaluation: String(v), at: null })}>
                      #{v}
                    </Button>
                  ),
                },
                { title: t.cause, dataIndex: 'cause', render: (v: string) => nameOf(CAUSE_NAMES, v, language) },
                { title: t.at, dataIndex: 'at', render: (v: string) => formatMoment(v, language) },
                {
                  title: t.level,
                  dataIndex: 'level',
                  render: (v: string, r: EvaluationRow) => (
                    <>
                      <Tag color={levelColor(v)}>{nameOf(LEVEL_NAMES, v, language)}</Tag>
                      {r.sameAs != null ? (
                        <Typography.Text type="secondary">{t.sameAs.replace('{n}', String(r.sameAs))}</Typography.Text>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card
            size="small"
            title={
              at
                ? `${t.asOfTitle}：${formatMoment(at, language)}（${t.known} ${asOf.data?.eventsKnown ?? '…'}）`
                : `${t.detail} #${seq}${detail.data ? ` · ${formatMoment(detail.data.at, language)}` : ''}`
            }
          >
            {!at && detail.data?.sameAs != null ? (
              <Alert
                type="info"
                showIcon
                title={t.unchanged.replace('{n}', String(detail.data.sameAs))}
                style={{ marginBottom: 8 }}
              />
            ) : null}
            {shown ? (
              <FiringsView
                firings={shown.firings}
                findings={shown.findings}
                facts={shown.facts as Record<string, unknown>}
              />
            ) : seq === 0 && !at ? (
              <Empty description={t.pick} />
            ) : (
              <Spin />
            )}
          </Card>
          <NoticesView
            caseId={caseId}
            at={at}
            issuedAt={new Map((evaluations.data?.evaluations ?? []).map((e) => [e.chainSeq, e.at]))}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }} data-testid="checkpoint-state">
            {t.chain}：{t.head} <code>{c.chain.head.slice(0, 23)}…</code> ·{' '}
            <CheckpointState v={verification.data} t={t} language={language} />
          </Typography.Paragraph>
        </Col>
      </Row>
    </>
  )
}

type Verification = paths['/cases/{caseId}/verification']['get']['responses'][200]['content']['application/json']
type CaseMessages = Record<keyof (typeof m)['zh'], string>

/** What the latest signed checkpoint says of the case: none yet, matches (with its head then and proof), or broken. */
function CheckpointState({ v, t, language }: { v: Verification | undefined; t: CaseMessages; language: 'zh' | 'en' }) {
  if (!v) return null
  const cp = v.checkpoint
  if (!cp) return <span>{t.checkpoint}</span>
  const taken = `${t.cpTaken} ${formatMoment(cp.takenAt, language)}`
  if (!cp.intact) {
    return (
      <span>
        <Tag color="red">✗ {t.cpBroken}</Tag> <code>{cp.id.slice(0, 19)}…</code>（{taken}）：
        {cp.broken.map((b) => (language === 'zh' ? b.zh : b.en)).join('；')}
      </span>
    )
  }
  return (
    <span>
      {t.cpAgainst} <code>{cp.id.slice(0, 19)}…</code>（{taken}）：
      {cp.included ? `✓ ${t.cpIntact}，${t.cpHeadThen} ${cp.headThen} ${t.cpRow}，${t.cpProof}` : t.cpNotIn}
    </span>
  )
}
