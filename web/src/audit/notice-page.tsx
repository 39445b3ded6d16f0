/** One notice on its own, as printed; "as of" a moment before it was issued, it says the notice did not exist yet. */
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Descriptions, Space, Spin, Typography } from 'antd'
import { Link, useParams, useSearchParams } from 'react-router'
import { api, must } from '../api/client'
import { formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'
import { issuedBy } from './notices-view'

const m = defineMessages({
  zh: {
    back: '返回办件',
    number: '文号',
    unnumbered: '（未编号）',
    issued: '发出时刻',
    evaluation: '发出它的评估',
    rule: '规则',
    hash: '内容哈希',
    html: '打印版',
    pdf: '下载 PDF',
    notYet: '所看时刻该文书尚未发出',
    notYetDetail: '所看时刻为 {at}，该文书发出于 {issued}（第 {seq} 号评估）。按所看时刻，它还不存在。',
    now: '查看现在',
    notFound: '没有这件文书，或不在您的范围内',
  },
  en: {
    back: 'Back to the case',
    number: 'Number',
    unnumbered: '(no number)',
    issued: 'Issued',
    evaluation: 'Issued by evaluation',
    rule: 'Rule',
    hash: 'Content hash',
    html: 'Printable',
    pdf: 'PDF',
    notYet: 'This notice had not been issued at the moment read',
    notYetDetail:
      'The moment read is {at}; the notice was issued at {issued} (evaluation #{seq}). As of then it did not exist.',
    now: 'See it now',
    notFound: 'No such notice, or not in your scope',
  },
})

export function NoticePage() {
  const t = useMessages(m)
  const { language } = useLanguage()
  const { caseId = '', seq = '0' } = useParams()
  const [params] = useSearchParams()
  const at = params.get('at')
  const notice = useQuery({
    queryKey: ['notice', caseId, Number(seq)],
    queryFn: () => must(api.GET('/cases/{caseId}/notices/{seq}', { params: { path: { caseId, seq: Number(seq) } } })),
  })
  const evaluationSeq = notice.data?.evaluationSeq ?? 0
  const evaluation = useQuery({
    queryKey: ['case', caseId, 'evaluation', evaluationSeq],
    enabled: evaluationSeq > 0,
    queryFn: () =>
      must(api.GET('/cases/{caseId}/evaluations/{seq}', { params: { path: { caseId, seq: evaluationSeq } } })),
  })
  useTitle(notice.data ? `${notice.data.number ?? ''}${notice.data.title}` : t.number)
  if (notice.isError)
    return <Alert type="error" showIcon title={t.notFound} description={notice.error.message} role="alert" />
  if (!notice.data || !evaluation.data) return <Spin />
  const n = notice.data
  const issued = issuedBy(evaluation.data.at, n.storedAt)
  const caseLink = `/audit/cases/${encodeURIComponent(caseId)}${at ? `?at=${encodeURIComponent(at)}` : ''}`
  const back = (
    <Space className="xq-no-print" style={{ marginBottom: 8 }}>
      <Link to={caseLink}>← {t.back}</Link>
    </Space>
  )
  if (at && Date.parse(issued) > Date.parse(at)) {
    return (
      <>
        {back}
        <Alert
          type="warning"
          showIcon
          role="status"
          title={t.notYet}
          description={
            <>
              {t.notYetDetail
                .replace('{at}', formatMoment(at, language))
                .replace('{issued}', formatMoment(issued, language))
                .replace('{seq}', String(evaluationSeq))}{' '}
              <Link to={`/audit/cases/${encodeURIComponent(caseId)}/notices/${seq}`}>{t.now}</Link>
            </>
          }
        />
      </>
    )
  }
  const base = `/cases/${encodeURIComponent(caseId)}/notices/${seq}`
  return (
    <>
      {back}
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {n.title}
      </Typography.Title>
      <Space className="xq-no-print" style={{ marginBottom: 8 }}>
        <a href={`${base}?format=html`} target="_blank" rel="noreferrer">
          {t.html}
        </a>
        <a href={`${base}?format=pdf`}>{t.pdf}</a>
      </Space>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'n', label: t.number, children: n.number ?? t.unnumbered },
          { key: 'i', label: t.issued, children: formatMoment(issued, language) },
          {
            key: 'e',
            label: t.evaluation,
            children: (
              <Link to={`/audit/cases/${encodeURIComponent(caseId)}?evaluation=${evaluationSeq}`}>
                #{evaluationSeq}
              </Link>
            ),
          },
          { key: 'r', label: t.rule, children: <code>{n.ruleId}</code> },
          { key: 'h', label: t.hash, children: <code>{n.hash.slice(0, 23)}…</code> },
        ]}
      />
      <Card size="small" style={{ marginTop: 12 }}>
        <iframe
          title={n.title}
          srcDoc={n.html}
          sandbox=""
          style={{ width: '100%', height: 'calc(100vh - 220px)', minHeight: 600, border: 0, background: '#fff' }}
        />
      </Card>
    </>
  )
}
