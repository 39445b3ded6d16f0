/** A draft: its rules, its change in words and as a diff, its examples, its impact, trying it, and submit → approve. */
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  List,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { usePerson } from '../api/session'
import { formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { useTitle } from '../shell/use-title'
import { LintBadge, ProblemList } from './change-page'
import { forgetWorking, useWorkingDraft, type Working } from './local-draft'
import { DiscretionPanel } from './discretion-panel'
import { ExpectWords } from './example-words'
import { ImpactPanel } from './impact-panel'
import { ParametersPanel } from './parameters-panel'
import { TryPanel } from './try-panel'
import {
  useChanges,
  useDecision,
  useDraft,
  useLint,
  useRunExamples,
  useSaveDraft,
  type Draft,
  type ExampleRun,
} from './workbench-api'
import { LEVEL_NAMES, wbMessages } from './workbench-messages'

const STATUS_COLOR = { editing: 'blue', submitted: 'orange', approved: 'green', withdrawn: 'default' } as const

/** The unsaved-edits notice with Save (and a note) and Discard. */
export function SaveBar({
  draft,
  working,
  dirty,
  discard,
}: {
  draft: Draft
  working: Working
  dirty: boolean
  discard: () => void
}) {
  const t = useMessages(wbMessages)
  const save = useSaveDraft(draft.draftId)
  const [note, setNote] = useState('')
  if (!dirty && !save.isError) return null
  return (
    <Alert
      type={save.isError ? 'error' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={save.isError ? save.error.message : t.unsaved}
      action={
        <Space>
          <Input
            aria-label={t.note}
            placeholder={t.note}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 260 }}
          />
          <Button
            type="primary"
            loading={save.isPending}
            onClick={async () => {
              await save.mutateAsync({
                pack: working.pack as unknown as Record<string, unknown>,
                examples: working.examples as never,
                ...(note ? { note } : {}),
              })
              forgetWorking(draft.draftId)
              setNote('')
            }}
          >
            {t.save}
          </Button>
          <Button onClick={discard}>{t.discard}</Button>
        </Space>
      }
    />
  )
}

export function DraftPage() {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const { draftId = '' } = useParams()
  const [search, setSearch] = useSearchParams()
  const draft = useDraft(draftId)
  const { working, update, dirty, discard } = useWorkingDraft(draft.data)
  const lint = useLint(draftId, working?.pack)
  useTitle(draft.data?.title ?? t.drafts)
  if (draft.isPending || !working) return <Spin />
  if (draft.isError) return <Alert type="error" title={draft.error.message} />
  const d = draft.data
  const tab = search.get('tab') ?? 'rules'
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {d.title}
      </Typography.Title>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag color={STATUS_COLOR[d.status]}>{t[d.status]}</Tag>
        <span>
          {t.pack} <Link to={`/workbench/packs/${d.packId}/history`}>{d.packId}</Link>
        </span>
        <span>
          {t.revision} {d.revision}
        </span>
        <LintBadge valid={lint.data?.valid} pending={lint.isFetching} />
      </Space>
      <SaveBar draft={d} working={working} dirty={dirty} discard={discard} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch({ tab: k })}
        items={[
          {
            key: 'rules',
            label: t.rule,
            children: (
              <>
                <List
                  bordered
                  dataSource={working.pack.rules}
                  renderItem={(r) => (
                    <List.Item
                      actions={
                        d.status === 'editing'
                          ? [
                              <Link key="c" to={`/workbench/drafts/${d.draftId}/rules/${encodeURIComponent(r.id)}`}>
                                {t.change}
                              </Link>,
                            ]
                          : []
                      }
                    >
                      <Space>
                        <Tag color={r.level === 'red' ? 'red' : r.level === 'yellow' ? 'gold' : 'blue'}>
                          {LEVEL_NAMES[language][r.level as 'red']}
                        </Tag>
                        {r.title}
                        <Typography.Text type="secondary">{r.id}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
                <ProblemList
                  problems={(lint.data?.problems ?? []).filter((p) => (p.severity ?? 'error') === 'error')}
                />
              </>
            ),
          },
          {
            key: 'parameters',
            label: t.parameters,
            children: <ParametersPanel working={working} update={update} editable={d.status === 'editing'} />,
          },
          ...((working.pack.discretionStandards ?? []).length > 0
            ? [
                {
                  key: 'discretion',
                  label: t.discretion,
                  children: (
                    <DiscretionPanel
                      working={working}
                      update={update}
                      editable={d.status === 'editing'}
                      problems={(lint.data?.problems ?? []).filter(
                        (p) =>
                          p.file === undefined || p.file === 'pack' || p.file.endsWith(`${working.pack.id}.pack.json`),
                      )}
                    />
                  ),
                },
              ]
            : []),
          { key: 'changes', label: t.changes, children: <ChangesPanel draft={d} /> },
          {
            key: 'examples',
            label: t.examples,
            children: <ExamplesPanel draft={d} working={working} update={update} />,
          },
          { key: 'try', label: t.try, children: <TryPanel draft={d} working={working} update={update} /> },
          { key: 'impact', label: t.impact, children: <ImpactPanel draft={d} /> },
          { key: 'review', label: `${t.submit} / ${t.approve}`, children: <ReviewPanel draft={d} dirty={dirty} /> },
        ]}
      />
    </>
  )
}

function ChangesPanel({ draft }: { draft: Draft }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const changes = useChanges(draft.draftId, draft.revision)
  if (changes.isPending) return <Spin />
  if (changes.isError) return <Alert type="error" title={changes.error.message} />
  return (
    <>
      <Card size="small" title={t.changes}>
        <List
          dataSource={changes.data.words}
          locale={{ emptyText: '—' }}
          renderItem={(w) => (
            <List.Item>
              <span>{language === 'zh' ? w.zh : w.en}</span>
            </List.Item>
          )}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t.proposedBy}：{changes.data.proposedBy ?? '—'} · {t.approvedBy}：{changes.data.approvedBy ?? '—'}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t.diff} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey={(r) => `${r.op}${r.pointer}`}
          pagination={false}
          dataSource={changes.data.diff}
          columns={[
            { title: 'op', dataIndex: 'op', width: 80 },
            { title: 'JSON pointer', dataIndex: 'pointer', render: (v: string) => <code>{v}</code> },
            {
              title: '−',
              dataIndex: 'before',
              render: (v: unknown) =>
                v !== undefined && <code style={{ background: '#fde8e8' }}>{JSON.stringify(v)}</code>,
            },
            {
              title: '+',
              dataIndex: 'after',
              render: (v: unknown) =>
                v !== undefined && <code style={{ background: '#e6f4ea' }}>{JSON.stringify(v)}</code>,
            },
          ]}
        />
      </Card>
    </>
  )
}

function ExamplesPanel({ draft, working, update }: { draft: Draft; working: Working; update: (w: Working) => void }) {
  const t = useMessages(wbMessages)
  const run = useRunExamples(draft.draftId)
  const go = () =>
    run.mutate({ pack: working.pack as unknown as Record<string, unknown>, examples: working.examples as never })
  const adopt = (e: ExampleRun) => {
    if (!e.suggestion) return
    update({
      ...working,
      examples: [...working.examples.filter((x) => x.file !== e.file), { file: e.file, example: e.suggestion }],
    })
    run.mutate({
      pack: working.pack as unknown as Record<string, unknown>,
      examples: [
        ...working.examples.filter((x) => x.file !== e.file),
        { file: e.file, example: e.suggestion },
      ] as never,
    })
  }
  return (
    <>
      <Button type="primary" onClick={go} loading={run.isPending}>
        {t.runExamples}
      </Button>
      {run.isError && <Alert type="error" title={run.error.message} />}
      {run.data && (
        <>
          <Typography.Paragraph style={{ marginTop: 12 }} role="status">
            {t.passed} {run.data.passed} · {t.failed} {run.data.failed}
          </Typography.Paragraph>
          <List
            bordered
            dataSource={[...run.data.examples].sort((a, b) => Number(a.passed) - Number(b.passed))}
            renderItem={(e) => (
              <List.Item aria-label={e.name}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space>
                    <Tag color={e.passed ? 'green' : 'red'}>{e.passed ? t.passed : t.failed}</Tag>
                    <strong>{e.name}</strong>
                    {e.fromDraft && <Tag color="blue">{t.drafts}</Tag>}
                    {e.brokenByDraft && <Tag color="orange">{t.brokenByDraft}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.file}
                  </Typography.Text>
                  {e.failures.map((f) => (
                    <Typography.Text key={f} type="danger">
                      {f}
                    </Typography.Text>
                  ))}
                  {e.suggestion && draft.status === 'editing' && (
                    <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                      <div>
                        <Typography.Text strong>{t.suggestion}</Typography.Text>
                        <ExpectWords
                          expect={e.suggestion.expect}
                          titleOf={(id) => working.pack.rules.find((r) => r.id === id)?.title}
                        />
                      </div>
                      <Button onClick={() => adopt(e)}>{t.useSuggestion}</Button>
                    </Space>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </>
  )
}

function ReviewPanel({ draft, dirty }: { draft: Draft; dirty: boolean }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const me = usePerson().data
  const submit = useDecision(draft.draftId, 'submit')
  const approve = useDecision(draft.draftId, 'approve')
  const reject = useDecision(draft.draftId, 'reject')
  const withdraw = useDecision(draft.draftId, 'withdraw')
  const [text, setText] = useState('')
  const [why, setWhy] = useState('')
  const failed = submit.error ?? approve.error ?? reject.error ?? withdraw.error
  const wrote = draft.history.some((h) => h.person === me?.subject && h.kind !== 'approved' && h.kind !== 'rejected')
  const admin = me?.role === 'regionAdmin' || me?.role === 'departmentAdmin'
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t.status}>{t[draft.status]}</Descriptions.Item>
        <Descriptions.Item label={t.proposedBy}>{draft.proposedBy ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.approvedBy}>{draft.approvedBy ?? '—'}</Descriptions.Item>
        {draft.activatedVersion && <Descriptions.Item label={t.version}>{draft.activatedVersion}</Descriptions.Item>}
      </Descriptions>
      {failed && <Alert type="error" showIcon style={{ marginTop: 12 }} title={failed.message} />}
      {draft.status === 'editing' && (
        <Space style={{ marginTop: 12 }}>
          <Input
            aria-label={t.submitNote}
            placeholder={t.submitNote}
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 360 }}
          />
          <Button
            type="primary"
            disabled={dirty}
            loading={submit.isPending}
            onClick={() => submit.mutate(text ? { note: text } : {})}
          >
            {t.submit}
          </Button>
        </Space>
      )}
      {draft.status === 'submitted' && admin && (
        <Space style={{ marginTop: 12 }}>
          <Input
            aria-label={t.approveReason}
            placeholder={t.approveReason}
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 360 }}
          />
          <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate({ reason: text })}>
            {t.approve}
          </Button>
          <Button danger loading={reject.isPending} onClick={() => reject.mutate({ reason: text })}>
            {t.reject}
          </Button>
        </Space>
      )}
      {(draft.status === 'editing' || draft.status === 'submitted') && (wrote || admin) && (
        <Space style={{ marginTop: 12, display: 'flex' }} role="group" aria-label={t.withdraw}>
          <Input
            aria-label={t.withdrawReason}
            placeholder={t.withdrawReason}
            value={why}
            onChange={(e) => setWhy(e.target.value)}
            style={{ width: 360 }}
          />
          <Button
            danger
            disabled={why.trim() === ''}
            loading={withdraw.isPending}
            onClick={() => withdraw.mutate({ reason: why })}
          >
            {t.withdraw}
          </Button>
          <Typography.Text type="secondary">{t.withdrawHint}</Typography.Text>
        </Space>
      )}
      <Timeline
        style={{ marginTop: 24 }}
        items={draft.history.map((h) => ({
          key: h.seq,
          content: (
            <>
              <strong>{HISTORY_WORDS[language][h.kind]}</strong> · {h.person}（{h.role}）·{' '}
              {formatMoment(h.at, language)}
              {h.note && <div>{h.note}</div>}
            </>
          ),
        }))}
      />
    </>
  )
}

const HISTORY_WORDS = {
  zh: {
    opened: '起草',
    saved: '保存修订',
    submitted: '提交审核',
    approved: '批准生效',
    rejected: '退回修改',
    withdrawn: '撤回',
  },
  en: {
    opened: 'opened',
    saved: 'saved',
    submitted: 'submitted',
    approved: 'approved, in force',
    rejected: 'sent back',
    withdrawn: 'withdrawn',
  },
} as const
