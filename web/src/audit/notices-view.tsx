/** The notices issued on a case, with their numbers, each rendered as printed; PDF from the API. */
import { useQuery } from '@tanstack/react-query'
import { Card, Collapse, Empty, Space } from 'antd'
import { api, must } from '../api/client'
import { formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'

const m = defineMessages({
  zh: { title: '已发文书', none: '尚未发出文书', unnumbered: '（未编号）', pdf: '下载 PDF', html: '打印版' },
  en: { title: 'Notices issued', none: 'No notice issued yet', unnumbered: '(no number)', pdf: 'PDF', html: 'Printable' },
})

function NoticeBody({ caseId, seq }: { caseId: string; seq: number }) {
  const notice = useQuery({ queryKey: ['notice', caseId, seq], queryFn: () => must(api.GET('/cases/{caseId}/notices/{seq}', { params: { path: { caseId, seq } } })) })
  if (!notice.data) return null
  return <iframe title={notice.data.title} srcDoc={notice.data.html} sandbox="" style={{ width: '100%', height: 640, border: '1px solid #ddd', background: '#fff' }} />
}

export function NoticesView({ caseId }: { caseId: string }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const list = useQuery({ queryKey: ['case', caseId, 'notices'], queryFn: () => must(api.GET('/cases/{caseId}/notices', { params: { path: { caseId } } })) })
  const notices = list.data?.notices ?? []
  const base = `/cases/${encodeURIComponent(caseId)}/notices`
  return (
    <Card size="small" title={t.title} style={{ marginTop: 12 }}>
      {notices.length === 0 ? (
        <Empty description={t.none} />
      ) : (
        <Collapse
          items={notices.map((n) => ({
            key: String(n.chainSeq),
            label: `${n.number ?? t.unnumbered} ${n.title} · ${formatMoment(n.storedAt, language)}`,
            extra: (
              <Space onClick={(e) => e.stopPropagation()}>
                <a href={`${base}/${n.chainSeq}?format=html`} target="_blank" rel="noreferrer">{t.html}</a>
                <a href={`${base}/${n.chainSeq}?format=pdf`}>{t.pdf}</a>
              </Space>
            ),
            children: <NoticeBody caseId={caseId} seq={n.chainSeq} />,
          }))}
        />
      )}
    </Card>
  )
}
