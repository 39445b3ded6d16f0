/** The notices of a case waiting in the outbox: numbered by the sweep, not rendered yet or failed, each with its last error. */
import { Alert, Card, Space, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import type { Schemas } from '../api/client'
import { formatMoment } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'

type Waiting = Schemas['NoticeList']['waiting'][number]

const m = defineMessages({
  zh: {
    title: '待生成的文书',
    hint: '期限扫描已为这些文书取号，生成后列入已发文书；生成失败时自动重试。',
    waiting: '待生成',
    evaluation: '评估',
    notTried: '尚未尝试生成',
    failed: '已失败 {n} 次',
    last: '最近一次于',
    stopped: '已不再自动重试，请管理员处理',
  },
  en: {
    title: 'Notices waiting to be rendered',
    hint: 'The sweep numbered these notices; once rendered they are listed as issued. A failed rendering is retried by itself.',
    waiting: 'waiting to be rendered',
    evaluation: 'Evaluation',
    notTried: 'not attempted yet',
    failed: '{n} failed attempt(s)',
    last: 'last',
    stopped: 'no longer retried by itself: for an administrator',
  },
})

/** The waiting notices, one warning each: the rule, its evaluation, the attempts and the last error in both languages. */
export function WaitingNotices({ waiting }: { waiting: readonly Waiting[] }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  if (waiting.length === 0) return null
  const other = language === 'zh' ? 'en' : 'zh'
  return (
    <Card
      size="small"
      title={`${t.title}（${waiting.length}）`}
      style={{ marginTop: 12 }}
      role="region"
      aria-label={t.title}
      data-testid="waiting-notices"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
        {t.hint}
      </Typography.Paragraph>
      {waiting.map((w) => (
        <Alert
          key={`${w.evaluationSeq}-${w.ruleId}`}
          type={w.lastError ? 'error' : 'warning'}
          showIcon
          style={{ marginTop: 8 }}
          title={
            <Space wrap size={4}>
              <Tag color="orange">{t.waiting}</Tag>
              <span>{w.title ?? w.ruleId}</span>
              {w.title && <Typography.Text type="secondary">（{w.ruleId}）</Typography.Text>}
            </Space>
          }
          description={
            <div style={{ fontSize: 13 }}>
              <div>
                <Link to={`?evaluation=${w.evaluationSeq}`}>
                  {t.evaluation} #{w.evaluationSeq}
                </Link>
                {w.evaluatedAt && ` · ${formatMoment(w.evaluatedAt, language)}`}
              </div>
              {w.lastError ? (
                <>
                  <div>
                    {t.failed.replace('{n}', String(w.attempts))} · {t.last} {formatMoment(w.lastError.at, language)} ·{' '}
                    <code style={{ fontSize: 12 }}>{w.lastError.code}</code>
                  </div>
                  <div>{w.lastError[language]}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {w.lastError[other]}
                  </Typography.Text>
                </>
              ) : (
                <div>{t.notTried}</div>
              )}
              {!w.retrying && (
                <div>
                  <Tag color="red">{t.stopped}</Tag>
                </div>
              )}
            </div>
          }
        />
      ))}
    </Card>
  )
}
