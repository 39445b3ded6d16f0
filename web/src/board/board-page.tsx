/** The alarm board: red and yellow cases in the person's scope, refreshed every 5 s; a row opens the case; notices waiting to be rendered. */
import { useQuery } from '@tanstack/react-query'
import { Alert, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, must, type Schemas } from '../api/client'
import { levelColor, LEVEL_NAMES, nameOf } from '../audit/labels'
import { formatClock, formatDate, formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'

type Alarm = Schemas['AlarmBoard_alarm']

/** How often the board asks again (the issue asks for ≤ 10 s). */
export const BOARD_REFRESH_MS = 5000

const m = defineMessages({
  zh: {
    title: '预警看板',
    all: '全部',
    red: '红灯报警',
    yellow: '黄灯预警',
    department: '部门',
    article: '条款',
    allDepartments: '全部部门',
    allArticles: '全部条款',
    byCase: '按办件',
    byDepartment: '按部门',
    byArticle: '按条款',
    level: '等级',
    case: '办件',
    rules: '触发规则及依据',
    turned: '亮灯时间',
    statutory: '法定时限届满',
    promised: '承诺时限届满',
    passed: '已超过',
    updated: '更新于',
    empty: '范围内没有红灯或黄灯',
    redCount: '红灯',
    yellowCount: '黄灯',
    cases: '办件数',
    document: '文件',
    hint: '每 5 秒自动刷新；点击一行打开该办件。',
    filters: '筛选',
    waiting: '{n} 份文书生成失败，尚未发出',
    waitingCases: '涉及 {n} 件办件（不论是否亮灯），打开办件可见每份文书的生成错误：',
  },
  en: {
    title: 'Alarm board',
    all: 'All',
    red: 'Red alarm',
    yellow: 'Yellow warning',
    department: 'Department',
    article: 'Article',
    allDepartments: 'All departments',
    allArticles: 'All articles',
    byCase: 'By case',
    byDepartment: 'By department',
    byArticle: 'By article',
    level: 'Level',
    case: 'Case',
    rules: 'Rules fired and their basis',
    turned: 'Turned at',
    statutory: 'Statutory limit ends',
    promised: 'Promised limit ends',
    passed: 'passed',
    updated: 'Updated',
    empty: 'No red or yellow light in your scope',
    redCount: 'Red',
    yellowCount: 'Yellow',
    cases: 'Cases',
    document: 'Document',
    hint: 'Refreshes every 5 s; click a row to open the case.',
    filters: 'Filters',
    waiting: '{n} notice(s) failed to render, not issued yet',
    waitingCases: 'in {n} case(s), lit or not; open a case to see why each was not rendered:',
  },
})

/** The article after a rule's title, in brackets, unless the title already names it (（三） and (三) alike). */
const citedIn = (title: string, article: string): string => {
  const plain = (x: string) => x.replace(/（/g, '(').replace(/）/g, ')')
  return plain(title).includes(plain(article)) ? '' : `（${article}）`
}

export function BoardPage() {
  const t = useMessages(m)
  const { language } = useLanguage()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const level = params.get('level') as 'red' | 'yellow' | null
  const department = params.get('department')
  const article = params.get('article')
  const query = { ...(level ? { level } : {}), ...(department ? { department } : {}), ...(article ? { article } : {}) }
  const board = useQuery({
    queryKey: ['board', query],
    queryFn: () => must(api.GET('/alerts/board', { params: { query } })),
    refetchInterval: BOARD_REFRESH_MS,
  })
  const all = useQuery({
    queryKey: ['board', {}],
    queryFn: () => must(api.GET('/alerts/board', { params: { query: {} } })),
    refetchInterval: BOARD_REFRESH_MS,
  })
  const count = board.data?.count
  const waiting = board.data?.waiting
  const waitingOf = new Map((waiting?.cases ?? []).map((w) => [w.caseId, w.notices]))
  useTitle(count ? `${t.title}（${t.redCount} ${count.red} · ${t.yellowCount} ${count.yellow}）` : t.title)
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }
  const limit = (l: Schemas['AlarmBoard_limitState']) =>
    l.dueDate ? (
      <span>
        {formatDate(l.dueDate, language)} {l.overdue && <Tag color="red">{t.passed}</Tag>}
      </span>
    ) : (
      '—'
    )
  const open = (caseId: string) => navigate(`/audit/cases/${encodeURIComponent(caseId)}`)
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t.title}
        {count && (
          <Space style={{ marginLeft: 16 }}>
            <Tag color="red">
              {t.redCount} {count.red}
            </Tag>
            <Tag color="gold">
              {t.yellowCount} {count.yellow}
            </Tag>
          </Space>
        )}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t.hint} {board.data && `${t.updated} ${formatDate(board.data.asOf, language)} ${formatClock(board.data.asOf)}`}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }} role="group" aria-label={t.filters}>
        <Segmented
          aria-label={t.level}
          value={level ?? 'all'}
          onChange={(v) => set('level', v === 'all' ? null : String(v))}
          options={[
            { value: 'all', label: t.all },
            { value: 'red', label: t.red },
            { value: 'yellow', label: t.yellow },
          ]}
        />
        <Select
          aria-label={t.department}
          style={{ minWidth: 220 }}
          value={department ?? ''}
          onChange={(v) => set('department', v || null)}
          options={[
            { value: '', label: t.allDepartments },
            ...(all.data?.byDepartment ?? []).map((d) => ({ value: d.department.code, label: d.department.name })),
          ]}
        />
        <Select
          aria-label={t.article}
          style={{ minWidth: 320 }}
          value={article ?? ''}
          onChange={(v) => set('article', v || null)}
          options={[
            { value: '', label: t.allArticles },
            ...[...new Set((all.data?.byArticle ?? []).map((a) => a.article))].map((a) => ({ value: a, label: a })),
          ]}
        />
      </Space>
      {board.isError && <Alert type="error" showIcon title={board.error.message} role="alert" />}
      {waiting && waiting.notices > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="board-waiting"
          title={t.waiting.replace('{n}', String(waiting.notices))}
          description={
            <>
              {t.waitingCases.replace('{n}', String(waiting.cases.length))}{' '}
              {waiting.cases.map((w, i) => (
                <span key={w.caseId}>
                  {i > 0 && '；'}
                  <Link to={`/audit/cases/${encodeURIComponent(w.caseId)}`}>{w.name}</Link>（{w.notices}）
                </span>
              ))}
            </>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'cases',
            label: t.byCase,
            children: (
              <Table<Alarm>
                rowKey="caseId"
                loading={board.isPending}
                dataSource={board.data?.alarms ?? []}
                locale={{ emptyText: t.empty }}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                onRow={(a) => ({ onClick: () => open(a.caseId), style: { cursor: 'pointer' } })}
                columns={[
                  {
                    title: t.level,
                    dataIndex: 'level',
                    width: 110,
                    render: (l: string) => <Tag color={levelColor(l)}>{nameOf(LEVEL_NAMES, l, language)}</Tag>,
                  },
                  {
                    title: t.case,
                    key: 'case',
                    render: (_: unknown, a) => (
                      <>
                        <Link to={`/audit/cases/${encodeURIComponent(a.caseId)}`} onClick={(e) => e.stopPropagation()}>
                          {a.name}
                        </Link>
                        <div style={{ color: '#666', fontSize: 12 }}>{a.serialNumber}</div>
                        {waitingOf.has(a.caseId) && (
                          <Tag color="orange" style={{ marginTop: 4 }}>
                            {t.waiting.replace('{n}', String(waitingOf.get(a.caseId)))}
                          </Tag>
                        )}
                      </>
                    ),
                  },
                  { title: t.department, key: 'dept', render: (_: unknown, a) => a.department.name },
                  {
                    title: t.rules,
                    key: 'rules',
                    render: (_: unknown, a) =>
                      a.firings.map((f) => (
                        <div key={f.ruleId}>
                          <span className={`xq-level-${f.level}`}>●</span> {f.title}
                          {citedIn(f.title, `${f.citation.article}${f.citation.item ?? ''}`)}
                        </div>
                      )),
                  },
                  {
                    title: t.turned,
                    dataIndex: 'turnedAt',
                    render: (v: string | null) => (v ? formatMoment(v, language) : '—'),
                  },
                  { title: t.statutory, key: 'st', render: (_: unknown, a) => limit(a.statutory) },
                  { title: t.promised, key: 'pr', render: (_: unknown, a) => limit(a.promised) },
                ]}
              />
            ),
          },
          {
            key: 'departments',
            label: t.byDepartment,
            children: (
              <Table
                rowKey={(d) => d.department.code}
                dataSource={board.data?.byDepartment ?? []}
                pagination={false}
                onRow={(d) => ({ onClick: () => set('department', d.department.code), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t.department, key: 'd', render: (_: unknown, d) => d.department.name },
                  { title: t.redCount, dataIndex: 'red' },
                  { title: t.yellowCount, dataIndex: 'yellow' },
                ]}
              />
            ),
          },
          {
            key: 'articles',
            label: t.byArticle,
            children: (
              <Table
                rowKey={(a) => `${a.document}|${a.article}`}
                dataSource={board.data?.byArticle ?? []}
                pagination={false}
                onRow={(a) => ({ onClick: () => set('article', a.article), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t.document, dataIndex: 'document' },
                  { title: t.article, dataIndex: 'article' },
                  { title: t.redCount, dataIndex: 'red' },
                  { title: t.yellowCount, dataIndex: 'yellow' },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  )
}
