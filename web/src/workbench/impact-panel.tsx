/**
 * A draft's impact on the stored cases: the moment picked as a date, a job run (kept by the server, so a reload or
 * another server process sees it: its id is in the address), its progress, then the report's summary — level changes
 * by department, firings gained and lost by rule, due dates moved, notices gained and lost, cases that failed — and
 * then case by case.
 */
import { Alert, Button, Card, Col, DatePicker, Descriptions, Progress, Row, Space, Statistic, Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { Link, useSearchParams } from 'react-router'
import { formatDate, formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { useFacts, useImpactJob, useStartImpact, type Draft } from './workbench-api'
import { LEVEL_NAMES, wbMessages } from './workbench-messages'

/** The words src/impact writes for the levels in a department's changes, and their English. */
const LEVEL_WORDS_EN: readonly [string, string][] = [
  ['无预警', 'none'],
  ['提示', 'info'],
  ['黄灯', 'yellow'],
  ['红灯', 'red'],
  ['（级别不变，触发有变）', ' (same level, other firings)'],
]
const changeWords = (key: string, language: 'zh' | 'en') =>
  language === 'zh' ? key : LEVEL_WORDS_EN.reduce((s, [zh, en]) => s.replaceAll(zh, en), key)

const nowIso = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z')

export function ImpactPanel({ draft }: { draft: Draft }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const [search, setSearch] = useSearchParams()
  const jobId = search.get('job') ?? undefined
  const put = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search)
    next.set('tab', 'impact')
    for (const [k, v] of Object.entries(changes)) v === undefined ? next.delete(k) : next.set(k, v)
    setSearch(next)
  }
  const start = useStartImpact(draft.draftId)
  const job = useImpactJob(draft.draftId, jobId)
  const data = job.data
  // the moment picked, else the job's (an address naming only the job), else now
  const at = search.get('at') ?? data?.at ?? nowIso()
  const facts = useFacts().data?.facts ?? []
  const factLabel = (name: string) => {
    const f = facts.find((x) => x.name === name)
    return f ? `${language === 'zh' ? f.label : f.en}（${name}）` : name
  }
  const ruleTitle = (id: string) => draft.pack.rules.find((r) => r.id === id)?.title
  const percent =
    data?.status === 'done' ? 100 : data && data.total > 0 ? Math.floor((100 * data.done) / data.total) : 0
  const report = data?.report
  const summary = report?.summary
  return (
    <>
      <Space wrap>
        <DatePicker
          aria-label={`${t.impact}：${t.impactAt}`}
          showTime={{ format: 'HH:mm' }}
          format={language === 'zh' ? 'YYYY年M月D日 HH:mm' : 'D MMM YYYY HH:mm'}
          value={dayjs(at)}
          allowClear={false}
          onChange={(d) => d && put({ at: d.format('YYYY-MM-DDTHH:mm:00Z') })}
          style={{ width: 220 }}
        />
        <Button
          type="primary"
          loading={start.isPending}
          onClick={async () => put({ job: (await start.mutateAsync(at)).id, at })}
        >
          {t.runImpact}
        </Button>
      </Space>
      {start.isError && <Alert type="error" title={start.error.message} style={{ marginTop: 12 }} />}
      {job.isError && <Alert type="error" title={job.error.message} style={{ marginTop: 12 }} />}
      {data && (
        <Progress
          percent={percent}
          status={
            data.status === 'failed' || data.status === 'lost'
              ? 'exception'
              : data.status === 'done'
                ? 'success'
                : 'active'
          }
          format={() => `${data.done} / ${data.total}`}
          aria-label={t.impactProgress}
          style={{ marginTop: 12 }}
        />
      )}
      {data?.status === 'lost' && <Alert type="error" showIcon role="alert" title={t.impactLost} />}
      {data?.status === 'failed' && (
        <Alert type="error" showIcon role="alert" title={t.impactFailed} description={data.error} />
      )}
      {data && (
        <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
          {data.startedBy && <Descriptions.Item label={t.impactStartedBy}>{data.startedBy}</Descriptions.Item>}
          {data.startedAt && (
            <Descriptions.Item label={t.impactStartedAt}>{formatMoment(data.startedAt, language)}</Descriptions.Item>
          )}
          {data.process && <Descriptions.Item label={t.impactProcess}>{data.process}</Descriptions.Item>}
          {data.status !== 'done' && data.lastSeenAt && (
            <Descriptions.Item label={t.impactLastSeen}>{formatMoment(data.lastSeenAt, language)}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      {report && summary && (
        <section aria-label={t.impactSummary} style={{ marginTop: 12 }}>
          <Row gutter={16} role="status">
            <Col>
              <Statistic title={t.impactAt} value={formatMoment(report.at, language)} />
            </Col>
            <Col>
              <Statistic title={t.cases} value={report.cases} />
            </Col>
            <Col>
              <Statistic title={t.impactEvents} value={summary.events} />
            </Col>
            <Col>
              <Statistic title={t.changedCases} value={report.changed} />
            </Col>
            <Col>
              <Statistic title={t.levelChanges} value={summary.levelChanges} />
            </Col>
          </Row>
          {report.changed === 0 && summary.failed.length === 0 && (
            <Alert type="success" showIcon title={t.noImpact} style={{ marginTop: 12 }} />
          )}
          {report.changed === 0 && summary.failed.length > 0 && (
            <Alert type="warning" showIcon title={t.noImpactButFailed} style={{ marginTop: 12 }} />
          )}
          <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
            {report.byDepartment.length > 0 && (
              <Col xs={24} xl={12}>
                <Card size="small" title={t.byDepartment}>
                  <Table
                    size="small"
                    rowKey="department"
                    pagination={false}
                    dataSource={report.byDepartment}
                    columns={[
                      { title: t.department, render: (_, r) => `${r.name}（${r.department}）` },
                      {
                        title: t.levelChange,
                        render: (_, r) =>
                          Object.entries(r.changes).map(([k, n]) => (
                            <Tag key={k}>{`${changeWords(k, language)}${language === 'zh' ? '：' : ': '}${n}`}</Tag>
                          )),
                      },
                    ]}
                  />
                </Card>
              </Col>
            )}
            {summary.firings.length > 0 && (
              <Col xs={24} xl={12}>
                <Card size="small" title={t.firingsByRule}>
                  <Table
                    size="small"
                    rowKey="ruleId"
                    pagination={false}
                    dataSource={summary.firings}
                    columns={[
                      {
                        title: t.rule,
                        render: (_, r) => (
                          <>
                            {ruleTitle(r.ruleId) ?? ''} <code>{r.ruleId}</code>
                          </>
                        ),
                      },
                      { title: t.appear, dataIndex: 'appear' },
                      { title: t.disappear, dataIndex: 'disappear' },
                    ]}
                  />
                </Card>
              </Col>
            )}
            {summary.dueMoves.length > 0 && (
              <Col xs={24} xl={12}>
                <Card size="small" title={t.dueMoves}>
                  <Table
                    size="small"
                    rowKey="fact"
                    pagination={false}
                    dataSource={summary.dueMoves}
                    columns={[
                      { title: t.fact, render: (_, r) => factLabel(r.fact) },
                      { title: t.cases, dataIndex: 'cases' },
                    ]}
                  />
                </Card>
              </Col>
            )}
            {(summary.notices.appear > 0 || summary.notices.disappear > 0) && (
              <Col xs={24} xl={12}>
                <Card size="small" title={t.noticesChange}>
                  <Space size="large">
                    <Statistic title={t.noticesAppear} value={summary.notices.appear} />
                    <Statistic title={t.noticesDisappear} value={summary.notices.disappear} />
                  </Space>
                </Card>
              </Col>
            )}
            {summary.failed.length > 0 && (
              <Col xs={24}>
                <Card size="small" title={t.failedCases}>
                  <Table
                    size="small"
                    rowKey="caseId"
                    pagination={false}
                    dataSource={summary.failed}
                    columns={[
                      { title: t.caseId, dataIndex: 'caseId' },
                      { title: t.reason, render: (_, r) => (language === 'zh' ? r.zh : r.en) },
                    ]}
                  />
                </Card>
              </Col>
            )}
          </Row>
          {report.details.length > 0 && (
            <Card size="small" title={t.caseByCase} style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey="caseId"
                dataSource={report.details}
                columns={[
                  {
                    title: t.caseId,
                    dataIndex: 'caseId',
                    render: (v: string) => (
                      <Link
                        to={`/workbench/drafts/${draft.draftId}?tab=try&case=${encodeURIComponent(v)}&at=${encodeURIComponent(report.at)}`}
                      >
                        {v}
                      </Link>
                    ),
                  },
                  { title: t.department, render: (_, r) => r.department.name },
                  {
                    title: t.level,
                    render: (_, r) =>
                      `${LEVEL_NAMES[language][r.level.inForce as 'red']} → ${LEVEL_NAMES[language][r.level.draft as 'red']}`,
                  },
                  { title: t.appear, render: (_, r) => r.appear.join('、') },
                  { title: t.disappear, render: (_, r) => r.disappear.join('、') },
                  {
                    title: t.dueMoves,
                    render: (_, r) =>
                      r.due.map((m) => (
                        <div key={m.fact}>
                          {factLabel(m.fact)}：{dueWords(m.inForce, language)} → {dueWords(m.draft, language)}
                        </div>
                      )),
                  },
                ]}
              />
            </Card>
          )}
        </section>
      )}
    </>
  )
}

/** A due date as people read it, or — when there is none. */
function dueWords(v: unknown, language: 'zh' | 'en'): string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? formatDate(v, language) : v == null ? '—' : String(v)
}
