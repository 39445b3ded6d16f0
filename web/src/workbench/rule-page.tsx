/** A rule in force: what it says, its basis, its conditions in words; from here a legal officer drafts a change. */
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Spin, Tag, Typography } from 'antd'
import { Link, useNavigate, useParams } from 'react-router'
import { api, must } from '../api/client'
import { useLanguage, useMessages } from '../i18n/language'
import { useTitle } from '../shell/use-title'
import { OPERATORS } from './condition-tree'
import { useBrowse, useFacts, useOpenDraft, type FactField, type Rule } from './workbench-api'
import { LEVEL_NAMES, wbMessages } from './workbench-messages'

/** A condition tree as indented lines a legal officer reads. */
export function ConditionWords({
  node,
  facts,
  depth = 0,
}: {
  node: unknown
  facts: readonly FactField[]
  depth?: number
}) {
  const { language } = useLanguage()
  const c = node as Record<string, unknown>
  const pad = { paddingLeft: depth * 20 }
  if (Array.isArray(c.all) || Array.isArray(c.any)) {
    const key = Array.isArray(c.all) ? 'all' : 'any'
    return (
      <div style={pad}>
        <div>
          {key === 'all'
            ? language === 'zh'
              ? '以下全部满足：'
              : 'all of:'
            : language === 'zh'
              ? '以下任一满足：'
              : 'any of:'}
        </div>
        {(c[key] as unknown[]).map((x) => (
          <ConditionWords key={JSON.stringify(x)} node={x} facts={facts} depth={depth + 1} />
        ))}
      </div>
    )
  }
  if (c.not)
    return (
      <div style={pad}>
        {language === 'zh' ? '并非：' : 'not:'}
        <ConditionWords node={c.not} facts={facts} depth={depth + 1} />
      </div>
    )
  const fact = facts.find((f) => f.name === c.fact)
  const op = OPERATORS.find((o) => o.name === c.operator)
  return (
    <div style={pad}>
      · {language === 'zh' ? (fact?.label ?? String(c.fact)) : (fact?.en ?? String(c.fact))}{' '}
      <Typography.Text type="secondary">({String(c.fact)})</Typography.Text> {language === 'zh' ? op?.label : op?.en}{' '}
      <code>{JSON.stringify(c.value)}</code>
    </div>
  )
}

export function RulePage() {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const { packId = '', ruleId = '' } = useParams()
  const browse = useBrowse()
  const facts = useFacts()
  const open = useOpenDraft()
  const navigate = useNavigate()
  useTitle(ruleId)
  if (browse.isPending || facts.isPending) return <Spin />
  if (browse.isError) return <Alert type="error" title={browse.error.message} />
  const found = browse.data.layers
    .flatMap((l) =>
      l.documents.flatMap((d) =>
        d.articles.flatMap((a) => a.items.flatMap((i) => i.encodedBy.map((e) => ({ l, d, a, i, e })))),
      ),
    )
    .find((x) => x.e.packId === packId && x.e.id === ruleId)
  const draftIt = async () => {
    const draft = await open.mutateAsync({ packId })
    navigate(`/workbench/drafts/${draft.draftId}/rules/${encodeURIComponent(ruleId)}`)
  }
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {found?.e.title ?? ruleId}
      </Typography.Title>
      {open.isError && <Alert type="error" title={open.error.message} style={{ marginBottom: 12 }} />}
      <Card
        extra={
          <Button type="primary" onClick={draftIt} loading={open.isPending}>
            {t.changeRule}
          </Button>
        }
        title={`${t.rule} ${ruleId}`}
      >
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t.pack}>
            <Link to={`/workbench/packs/${packId}/history`}>{packId}</Link>
          </Descriptions.Item>
          {found && (
            <Descriptions.Item label={t.citation}>
              <Link
                to={`/workbench/layers/${found.l.code}/documents/${found.l.documents.indexOf(found.d)}#a-${found.a.article}${found.i.item}`}
              >
                {found.d.title} {found.a.article}
                {found.i.item}
              </Link>
              <div>{found.i.text}</div>
            </Descriptions.Item>
          )}
          {found?.e.level && (
            <Descriptions.Item label={t.level}>
              <Tag color={found.e.level === 'red' ? 'red' : 'gold'}>
                {LEVEL_NAMES[language][found.e.level as 'red']}
              </Tag>
            </Descriptions.Item>
          )}
        </Descriptions>
        <RuleConditions packId={packId} ruleId={ruleId} facts={facts.data?.facts ?? []} />
      </Card>
    </>
  )
}

/** The rule's conditions as the version in force has them. */
function RuleConditions({ packId, ruleId, facts }: { packId: string; ruleId: string; facts: readonly FactField[] }) {
  const t = useMessages(wbMessages)
  const shown = usePackRule(packId, ruleId)
  if (!shown) return null
  return (
    <section style={{ marginTop: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t.conditions}
      </Typography.Title>
      <Typography.Paragraph>{shown.description}</Typography.Paragraph>
      <ConditionWords node={shown.conditions} facts={facts} />
    </section>
  )
}

/** The rule as the version in force of its pack has it. */
function usePackRule(packId: string, ruleId: string): Rule | undefined {
  const pack = useQuery({
    queryKey: ['wb', 'pack-in-force', packId],
    queryFn: async () => {
      const info = (await must(api.GET('/rule-packs/{packId}', { params: { path: { packId } } }))) as {
        inForce?: string | null
      }
      if (!info.inForce) return undefined
      return (await must(
        api.GET('/rule-packs/{packId}/versions/{version}', { params: { path: { packId, version: info.inForce } } }),
      )) as unknown as { rules: Rule[] }
    },
  })
  return pack.data?.rules.find((r) => r.id === ruleId)
}
