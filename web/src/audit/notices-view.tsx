/** The notices issued on a case, with their numbers, each rendered as printed; PDF from the API; "as of" a moment, those issued by then; now, those waiting to be rendered. */
import { useQuery } from '@tanstack/react-query'
import { Card, Collapse, Empty, Space, Typography } from 'antd'
import { Link } from 'react-router'
import { api, must } from '../api/client'
import { formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { WaitingNotices } from './waiting-notices'

const m = defineMessages({
  zh: {
    title: '已发文书',
    none: '尚未发出文书',
    unnumbered: '（未编号）',
    pdf: '下载 PDF',
    html: '打印版',
    issued: '发出',
    asOf: '截至所看时刻',
    later: '件在所看时刻之后发出，未列出',
    alone: '单独查看',
  },
  en: {
    title: 'Notices issued',
    none: 'No notice issued yet',
    unnumbered: '(no number)',
    pdf: 'PDF',
    html: 'Printable',
    issued: 'issued',
    asOf: 'as of the moment read',
    later: 'issued after the moment read, not listed',
    alone: 'Open',
  },
})

function NoticeBody({ caseId, seq }: { caseId: string; seq: number }) {
  const notice = useQuery({
    queryKey: ['notice', caseId, seq],
    queryFn: () => must(api.GET('/cases/{caseId}/notices/{seq}', { params: { path: { caseId, seq } } })),
  })
  if (!notice.data) return null
  return (
    <iframe
      title={notice.data.title}
      srcDoc={notice.data.html}
      sandbox=""
      style={{ width: '100%', height: 640, border: '1px solid #ddd', background: '#fff' }}
    />
  )
}

/**
 * When a notice was issued: by the evaluation that fired its rule, at that evaluation's moment; without it, when stored.
 * @example issuedBy('2025-10-31T00:00:00+08:00', '2026-12-02T06:00:00Z') // '2025-10-31T00:00:00+08:00'
 */
export const issuedBy = (evaluationAt: string | undefined, storedAt: string): string => evaluationAt ?? storedAt

/**
 * The notices; with `at`, only those issued by then: a notice is issued by the evaluation that fired its rule, at that
 * evaluation's moment (`issuedAt`: evaluation chain position → its moment).
 */
export function NoticesView({
  caseId,
  at,
  issuedAt,
}: {
  caseId: string
  at?: string | null
  issuedAt: ReadonlyMap<number, string>
}) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const list = useQuery({
    queryKey: ['case', caseId, 'notices'],
    queryFn: () => must(api.GET('/cases/{caseId}/notices', { params: { path: { caseId } } })),
  })
  const all = (list.data?.notices ?? []).map((n) => ({
    ...n,
    issued: issuedBy(issuedAt.get(n.evaluationSeq), n.storedAt),
  }))
  const notices = at ? all.filter((n) => Date.parse(n.issued) <= Date.parse(at)) : all
  const hidden = all.length - notices.length
  const base = `/cases/${encodeURIComponent(caseId)}/notices`
  return (
    <>
      {/* waiting is what stands now: not shown as of a past moment */}
      {!at && <WaitingNotices waiting={list.data?.waiting ?? []} />}
      <Card
        size="small"
        title={at ? `${t.title}（${t.asOf}）` : t.title}
        style={{ marginTop: 12 }}
        data-testid="notices"
      >
        {hidden > 0 && (
          <Typography.Paragraph type="secondary">
            {hidden} {t.later}
          </Typography.Paragraph>
        )}
        {notices.length === 0 ? (
          hidden === 0 && <Empty description={t.none} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Collapse
            items={notices.map((n) => ({
              key: String(n.chainSeq),
              label: `${n.number ?? t.unnumbered} ${n.title} · ${t.issued} ${formatMoment(n.issued, language)}`,
              extra: (
                <Space onClick={(e) => e.stopPropagation()}>
                  <Link
                    to={`/audit/cases/${encodeURIComponent(caseId)}/notices/${n.chainSeq}${at ? `?at=${encodeURIComponent(at)}` : ''}`}
                  >
                    {t.alone}
                  </Link>
                  <a href={`${base}/${n.chainSeq}?format=html`} target="_blank" rel="noreferrer">
                    {t.html}
                  </a>
                  <a href={`${base}/${n.chainSeq}?format=pdf`}>{t.pdf}</a>
                </Space>
              ),
              children: <NoticeBody caseId={caseId} seq={n.chainSeq} />,
            }))}
          />
        )}
      </Card>
    </>
  )
}
