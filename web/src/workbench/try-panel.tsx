/** Try: a stored case (or one typed in a form) as of a moment under the draft and under the rules in force, condition by condition; make it an example; preview its notice. */
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { api, must } from '../api/client'
import { useLanguage, useMessages } from '../i18n/language'
import type { Working } from './local-draft'
import { caseFileOf, TYPED_CASE_START, TypedCaseForm, type TypedCase } from './typed-case-form'
import { OPERATORS } from './condition-tree'
import {
  useEvaluate,
  useExampleFromCase,
  useFacts,
  useNoticePreview,
  type Draft,
  type TryResult,
} from './workbench-api'
import { LEVEL_NAMES, wbMessages } from './workbench-messages'
import { valueWords } from '../format/value-words'

type Evaluation = NonNullable<TryResult['draft']>

/** The cases the signed-in person may read, for the picker. */
function useCaseIds() {
  return useQuery({
    queryKey: ['wb', 'case-ids'],
    queryFn: async () =>
      (
        (await must(api.GET('/cases', { params: { query: { limit: 1000 } } }))) as unknown as {
          cases: { caseId: string; name: string }[]
        }
      ).cases,
  })
}

export function TryPanel({ draft, working, update }: { draft: Draft; working: Working; update: (w: Working) => void }) {
  const t = useMessages(wbMessages)
  const [search, setSearch] = useSearchParams()
  const cases = useCaseIds()
  const [at, setAt] = useState(search.get('at') ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'))
  const caseId = search.get('case') ?? undefined
  const typing = search.get('source') === 'form'
  const [typed, setTyped] = useState<TypedCase>(TYPED_CASE_START)
  const evaluate = useEvaluate(draft.draftId)
  const makeExample = useExampleFromCase(draft.draftId)
  const preview = useNoticePreview(draft.draftId)
  const pack = working.pack as unknown as Record<string, unknown>
  const body = typing ? { case: caseFileOf(typed), at, pack } : caseId ? { caseId, at, pack } : undefined
  const source = (v: string) => {
    const next = new URLSearchParams(search)
    if (v === 'form') next.set('source', 'form')
    else next.delete('source')
    setSearch(next)
  }
  return (
    <>
      <Segmented
        aria-label={t.trySource}
        style={{ marginBottom: 12 }}
        value={typing ? 'form' : 'stored'}
        onChange={(v) => source(String(v))}
        options={[
          { value: 'stored', label: t.storedCase },
          { value: 'form', label: t.typedCase },
        ]}
      />
      {typing && <TypedCaseForm value={typed} onChange={setTyped} />}
      <Space wrap>
        {!typing && (
          <Select
            showSearch
            aria-label={t.caseId}
            placeholder={t.caseId}
            style={{ width: 360 }}
            value={caseId ?? null}
            options={(cases.data ?? []).map((c) => ({ value: c.caseId, label: `${c.caseId} ${c.name}` }))}
            onChange={(v: string) => setSearch({ tab: 'try', case: v, at })}
          />
        )}
        <DatePicker
          aria-label={t.moment}
          showTime={{ format: 'HH:mm' }}
          format="YYYY年M月D日 HH:mm"
          value={dayjs(at)}
          allowClear={false}
          onChange={(d) => d && setAt(d.format('YYYY-MM-DDTHH:mm:00Z'))}
          style={{ width: 220 }}
        />
        <Button
          type="primary"
          disabled={!body}
          loading={evaluate.isPending}
          onClick={() => body && evaluate.mutate(body)}
        >
          {t.evaluate}
        </Button>
        <Button
          disabled={!body || draft.status !== 'editing'}
          loading={makeExample.isPending}
          onClick={async () => {
            if (!body) return
            const ex = await makeExample.mutateAsync(body)
            update({ ...working, examples: [...working.examples.filter((x) => x.file !== ex.file), ex] })
          }}
        >
          {t.makeExample}
        </Button>
        <Button disabled={!body} loading={preview.isPending} onClick={() => body && preview.mutate(body)}>
          {t.previewNotice}
        </Button>
      </Space>
      {(evaluate.error ?? makeExample.error ?? preview.error) && (
        <Alert
          type="error"
          style={{ marginTop: 12 }}
          title={(evaluate.error ?? makeExample.error ?? preview.error)!.message}
        />
      )}
      {makeExample.isSuccess && (
        <Alert type="success" style={{ marginTop: 12 }} title={`${t.exampleAdded}：${makeExample.data.example.name}`} />
      )}
      {evaluate.data && (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={12}>
            <EvaluationCard title={t.underDraft} evaluation={evaluate.data.draft} />
          </Col>
          <Col span={12}>
            <EvaluationCard title={t.underInForce} evaluation={evaluate.data.inForce} />
          </Col>
        </Row>
      )}
      {preview.data && (
        <Card size="small" title={t.previewNotice} style={{ marginTop: 16 }}>
          {preview.data.notices.length === 0 && <Typography.Text>{t.noNotice}</Typography.Text>}
          {preview.data.notices.map((n) => (
            <div key={`${n.ruleId}${n.template}`}>
              <Typography.Paragraph>
                <strong>{n.title}</strong> · {n.number} · {n.ruleId}
              </Typography.Paragraph>
              <iframe
                title={n.title}
                srcDoc={n.html}
                sandbox=""
                style={{ width: '100%', height: 520, border: '1px solid #ddd', background: '#fff' }}
              />
            </div>
          ))}
        </Card>
      )}
    </>
  )
}

function EvaluationCard({ title, evaluation }: { title: string; evaluation: Evaluation | null }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const facts = useFacts().data?.facts ?? []
  const factLabel = (name: string) => {
    const f = facts.find((x) => x.name === name)
    return f ? `${language === 'zh' ? f.label : f.en}（${name}）` : name
  }
  const groups: Record<string, { zh: string; en: string }> = {
    all: { zh: '全部满足', en: 'all of' },
    any: { zh: '任一满足', en: 'any of' },
    not: { zh: '并非', en: 'not' },
  }
  const operatorLabel = (op: string) => {
    const o = OPERATORS.find((x) => x.name === op)
    return o ? (language === 'zh' ? o.label : o.en) : (groups[op]?.[language] ?? op)
  }
  const shown = (v: unknown) => valueWords(v, language)
  if (!evaluation) return <Card title={title}>—</Card>
  return (
    <Card title={title} size="small" aria-label={title}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {evaluation.packs.map((p) => `${p.id} ${p.version.slice(0, 15)}…`).join('；')}
      </Typography.Paragraph>
      {evaluation.firings.length === 0 && <Typography.Text>{t.nothingFired}</Typography.Text>}
      {evaluation.firings.map((f) => (
        <div key={f.ruleId} style={{ marginBottom: 12 }}>
          <Space>
            <Tag color={f.level === 'red' ? 'red' : f.level === 'yellow' ? 'gold' : 'blue'}>
              {LEVEL_NAMES[language][f.level as 'red']}
            </Tag>
            <strong>{f.title}</strong>
            <Typography.Text type="secondary">{f.ruleId}</Typography.Text>
          </Space>
          <div style={{ fontSize: 12 }}>
            {f.citation.document} {f.citation.article}
            {f.citation.item}
          </div>
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={f.trace as Record<string, unknown>[]}
            columns={[
              {
                title: t.fact,
                dataIndex: 'fact',
                render: (v: string | undefined) => (v ? <span title={v}>{factLabel(v)}</span> : ''),
              },
              { title: t.found, dataIndex: 'found', render: (v: unknown) => <code>{shown(v)}</code> },
              { title: t.operator, dataIndex: 'operator', render: (v: string) => operatorLabel(v) },
              { title: t.expected, dataIndex: 'expected', render: (v: unknown) => <code>{shown(v)}</code> },
              {
                title: t.held,
                dataIndex: 'result',
                render: (v: unknown) => (v === true ? '✓' : v === false ? '✗' : '·'),
              },
            ]}
          />
        </div>
      ))}
    </Card>
  )
}
