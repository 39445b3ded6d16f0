/** A complaint and its reply on the case's time line: what was complained of, and which event answered it and how. */
import { Tag } from 'antd'
import type { Schemas } from '../api/client'
import { useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'

const m = defineMessages({
  zh: {
    complaint: '投诉',
    report: '举报',
    realName: '实名',
    answeredBy: '已答复：第',
    answeredByEnd: '号事件',
    unanswered: '未答复',
    answers: '答复第',
    answersEnd: '号事件的投诉',
    unknown: '（投诉不在所列事件中）',
    handling: '处理情况：',
  },
  en: {
    complaint: 'complaint',
    report: 'report',
    realName: 'real name',
    answeredBy: 'answered by event',
    answeredByEnd: '',
    unanswered: 'not answered',
    answers: 'answers the complaint of event',
    answersEnd: '',
    unknown: '(the complaint is not among the events listed)',
    handling: 'Handling: ',
  },
})

type Listed = Schemas['CaseEventList']['events'][number]

/**
 * The lines under a complaint or a reply in the time line; nothing for other events. `listed` are the events shown
 * (as of the moment read), so a reply recorded later does not show as one.
 */
export function ComplaintDetail({ listed, item }: { listed: readonly Listed[]; item: Listed }) {
  const t = useMessages(m)
  const ev = item.event
  if (ev.type === 'complaintReceived') {
    const reply = listed.find((x) => x.event.type === 'complaintAnswered' && x.event.complaintId === ev.id)
    return (
      <div style={{ fontSize: 12 }} data-testid={`complaint-${ev.id}`}>
        <Tag>{ev.kind === 'report' ? t.report : t.complaint}</Tag>
        {ev.realName && <Tag>{t.realName}</Tag>}
        {ev.content}
        <div>
          {reply ? (
            <Tag color="green">
              {t.answeredBy} {reply.sequence} {t.answeredByEnd}
            </Tag>
          ) : (
            <Tag color="orange">{t.unanswered}</Tag>
          )}
        </div>
      </div>
    )
  }
  if (ev.type === 'complaintAnswered') {
    const complaint = listed.find((x) => x.event.id === ev.complaintId)
    return (
      <div style={{ fontSize: 12 }} data-testid={`reply-${ev.complaintId}`}>
        {complaint ? `${t.answers} ${complaint.sequence} ${t.answersEnd}` : t.unknown}
        <div>
          {t.handling}
          {ev.handling}
        </div>
      </div>
    )
  }
  return null
}
