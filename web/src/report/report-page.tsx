/** The monthly, quarterly and annual supervision report (电子监察工作月报/季报/年报): choose an organ and a period, read, print, PDF. */
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, DatePicker, Form, Segmented, Select, Space, Spin, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { api, must, type Schemas } from '../api/client'
import { formatDate } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'
import { figureValues } from '../../../src/report/figure-values'
import { reportCharts } from '../../../src/report/report-charts'
import { EChart } from './echart'

type Report = Schemas['SupervisionReport']

const m = defineMessages({
  zh: {
    title: '电子监察工作报告',
    organ: '监察机关',
    kind: '报告类型',
    month: '月报',
    quarter: '季报',
    year: '年报',
    period: '报告期',
    make: '生成报告',
    print: '打印版（A4）',
    pdf: '下载 PDF',
    figures: '主要数据',
    notes: '说明',
    department: '部门',
    yellow: '黄灯预警',
    red: '红灯报警',
    document: '文件',
    article: '条款',
    value: '数值',
    name: '项目',
    scope: '范围',
    generated: '生成于',
    distribution: '预警和报警的分布',
    none: '本期没有黄灯预警或红灯报警。',
  },
  en: {
    title: 'Supervision report',
    organ: 'Supervisory organ',
    kind: 'Kind',
    month: 'Monthly',
    quarter: 'Quarterly',
    year: 'Annual',
    period: 'Period',
    make: 'Make the report',
    print: 'Printable (A4)',
    pdf: 'Download PDF',
    figures: 'Figures',
    notes: 'Notes',
    department: 'Department',
    yellow: 'Yellow',
    red: 'Red',
    document: 'Document',
    article: 'Article',
    value: 'Value',
    name: 'Figure',
    scope: 'Scope',
    generated: 'Made',
    distribution: 'Where the lights were',
    none: 'No yellow or red light in the period.',
  },
})

function ReportView({ report }: { report: Report }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const v = figureValues(report, language)
  // the page's charts follow its language; the print keeps the report's own (Chinese) charts, as an official document
  const charts = useMemo(
    () => (language === 'zh' ? report.charts : reportCharts(report.figures, language)),
    [report, language],
  )
  const q = `organ=${encodeURIComponent(report.organ.id)}&period=${encodeURIComponent(report.period.id)}`
  return (
    <Card>
      <Typography.Title level={2} style={{ fontSize: 22, textAlign: 'center' }}>
        {report.title}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {t.scope}：{report.scope.name}（{report.scope.code}） · {t.generated} {formatDate(report.generatedAt, language)}
      </Typography.Paragraph>
      <Space className="xq-no-print" style={{ marginBottom: 12 }}>
        <Button href={`/reports/supervision?${q}&format=html`} target="_blank">
          {t.print}
        </Button>
        <Button type="primary" href={`/reports/supervision?${q}&format=pdf`}>
          {t.pdf}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {t.figures}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        aria-label={t.figures}
        dataSource={report.definitions}
        columns={[
          { title: t.name, key: 'n', render: (_: unknown, d) => (language === 'zh' ? d.zh : d.en) },
          { title: t.value, key: 'v', render: (_: unknown, d) => v[d.id] },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 18, marginTop: 16 }}>
        {t.distribution}
      </Typography.Title>
      {charts.length === 0 && <Typography.Paragraph>{t.none}</Typography.Paragraph>}
      {charts.map((c) => (
        <EChart
          key={c.id}
          option={c.option}
          label={c.title}
          height={
            c.id === 'satisfaction'
              ? 260
              : Math.max(220, 80 + 36 * report.figures[c.id === 'byDepartment' ? 'byDepartment' : 'byArticle'].length)
          }
        />
      ))}
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={report.figures.byDepartment}
        columns={[
          { title: t.department, dataIndex: 'name' },
          { title: t.yellow, dataIndex: 'yellow' },
          { title: t.red, dataIndex: 'red' },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey={(a) => `${a.document}${a.article}`}
        dataSource={report.figures.byArticle}
        style={{ marginTop: 12 }}
        columns={[
          { title: t.document, dataIndex: 'document' },
          { title: t.article, dataIndex: 'article' },
          { title: t.yellow, dataIndex: 'yellow' },
          { title: t.red, dataIndex: 'red' },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 18, marginTop: 16 }}>
        {t.notes}
      </Typography.Title>
      <ol>
        {report.definitions.map((d) => (
          <li key={d.id}>
            <b>{language === 'zh' ? d.zh : d.en}</b>
            {language === 'zh' ? '：' : ': '}
            {language === 'zh' ? d.meaningZh : d.meaningEn}
          </li>
        ))}
      </ol>
    </Card>
  )
}

type Kind = 'month' | 'quarter' | 'year'
const FORMATS: Record<Kind, string> = { month: 'YYYY年M月', quarter: 'YYYY年第Q季度', year: 'YYYY年' }
/** The kind of a period id: 2026-11, 2026-Q4, 2026. */
const kindOf = (period: string | undefined): Kind =>
  period?.includes('Q') ? 'quarter' : period && /^\d{4}$/.test(period) ? 'year' : 'month'
/** The first day of a period id. */
const firstDay = (period: string): Dayjs =>
  dayjs(
    kindOf(period) === 'quarter'
      ? `${period.slice(0, 4)}-${String(Number(period.slice(6)) * 3 - 2).padStart(2, '0')}-01`
      : kindOf(period) === 'year'
        ? `${period}-01-01`
        : `${period}-01`,
  )

export function ReportPage() {
  const t = useMessages(m)
  const navigate = useNavigate()
  const { organ, period } = useParams()
  const organs = useQuery({ queryKey: ['report-organs'], queryFn: () => must(api.GET('/reports/organs')) })
  const report = useQuery({
    queryKey: ['report', organ, period],
    enabled: !!organ && !!period,
    queryFn: () => must(api.GET('/reports/supervision', { params: { query: { organ: organ!, period: period! } } })),
  })
  useTitle(report.data?.title ?? t.title)
  const [kind, setKind] = useState<Kind>(kindOf(period))
  const [chosenOrgan, setOrgan] = useState<string | undefined>(organ)
  const [when, setWhen] = useState<Dayjs | null>(period ? firstDay(period) : dayjs().subtract(1, 'month'))
  const periodId = when
    ? kind === 'month'
      ? when.format('YYYY-MM')
      : kind === 'quarter'
        ? `${when.format('YYYY')}-Q${Math.floor(when.month() / 3) + 1}`
        : when.format('YYYY')
    : null
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t.title}
      </Typography.Title>
      <Card size="small" className="xq-no-print" style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={() => chosenOrgan && periodId && navigate(`/report/${encodeURIComponent(chosenOrgan)}/${periodId}`)}
        >
          <Form.Item label={t.organ} htmlFor="report-organ">
            <Select
              id="report-organ"
              style={{ minWidth: 220 }}
              value={chosenOrgan}
              onChange={setOrgan}
              loading={organs.isPending}
              options={(organs.data?.organs ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
          <Form.Item label={t.kind}>
            <Segmented
              aria-label={t.kind}
              value={kind}
              onChange={(k) => setKind(k as Kind)}
              options={[
                { value: 'month', label: t.month },
                { value: 'quarter', label: t.quarter },
                { value: 'year', label: t.year },
              ]}
            />
          </Form.Item>
          <Form.Item label={t.period} htmlFor="report-period">
            <DatePicker
              id="report-period"
              picker={kind}
              value={when}
              onChange={setWhen}
              format={FORMATS[kind]}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!chosenOrgan || !periodId}>
            {t.make}
          </Button>
        </Form>
      </Card>
      {report.isError && <Alert type="error" showIcon title={report.error.message} role="alert" />}
      {report.isFetching && <Spin />}
      {report.data && <ReportView report={report.data} />}
    </>
  )
}
