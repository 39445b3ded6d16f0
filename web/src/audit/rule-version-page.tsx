/** A rule as a pack version read it: addressed by the pack's content hash, so a firing links to its own text. */
import { useQuery } from '@tanstack/react-query'
import { Alert, Descriptions, Spin, Typography } from 'antd'
import { useParams } from 'react-router'
import { api, must } from '../api/client'
import { citationWords, resolvedCitation } from '../format/citation'
import { formatDate } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useTitle } from '../shell/use-title'
import { KIND_NAMES, LEVEL_NAMES, nameOf } from './labels'

const m = defineMessages({
  zh: {
    pack: '规则包',
    version: '版本（内容哈希）',
    rule: '规则',
    kind: '种类',
    level: '等级',
    basis: '依据',
    from: '生效',
    until: '失效',
    conditions: '条件（JSON，与引擎运行的相同）',
    missing: '该版本中没有这条规则',
    ruleVersion: '规则版本',
  },
  en: {
    pack: 'Rule pack',
    version: 'Version (content hash)',
    rule: 'Rule',
    kind: 'Kind',
    level: 'Level',
    basis: 'Basis',
    from: 'In force from',
    until: 'Until',
    conditions: 'Conditions (JSON, as the engine runs them)',
    missing: 'This version has no such rule',
    ruleVersion: 'Rule version',
  },
})

export function RuleVersionPage() {
  const t = useMessages(m)
  const { language } = useLanguage()
  const { packId = '', version = '', ruleId = '' } = useParams()
  useTitle(`${ruleId} · ${version.slice(0, 19)}`)
  const pack = useQuery({
    queryKey: ['pack', packId, version],
    queryFn: () => must(api.GET('/rule-packs/{packId}/versions/{version}', { params: { path: { packId, version } } })),
  })
  if (pack.isPending) return <Spin />
  if (pack.isError) return <Alert type="error" showIcon title={pack.error.message} role="alert" />
  const p = pack.data
  const rule = p.rules.find((r) => r.id === ruleId)
  if (!rule) return <Alert type="warning" showIcon title={t.missing} />
  const c = resolvedCitation(rule.citation)
  const from = rule.effectiveFrom ?? p.effectiveFrom
  const until = rule.effectiveUntil ?? p.effectiveUntil
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {rule.title}
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'p', label: t.pack, children: `${p.title ?? p.id}（${p.id}）` },
          { key: 'v', label: t.version, children: <code>{version}</code> },
          { key: 'r', label: t.rule, children: <code>{rule.id}</code> },
          { key: 'rv', label: t.ruleVersion, children: rule.version },
          { key: 'k', label: t.kind, children: nameOf(KIND_NAMES, rule.kind, language) },
          { key: 'l', label: t.level, children: nameOf(LEVEL_NAMES, rule.level, language) },
          {
            key: 'b',
            label: t.basis,
            children: (
              <>
                {citationWords(rule.citation)}
                {c?.text && <blockquote style={{ margin: '6px 0 0' }}>{c.text}</blockquote>}
              </>
            ),
          },
          ...(from ? [{ key: 'f', label: t.from, children: formatDate(from, language) }] : []),
          ...(until ? [{ key: 'u', label: t.until, children: formatDate(until, language) }] : []),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
        {t.conditions}
      </Typography.Title>
      <pre style={{ background: '#fff', padding: 12, border: '1px solid #ddd', overflow: 'auto' }}>
        {JSON.stringify(rule.conditions, null, 2)}
      </pre>
    </>
  )
}
