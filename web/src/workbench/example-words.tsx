/** An example's expectations in words, as a legal officer checks them: the rules that fire, those that stay silent, the values. */
import { Descriptions, Tag } from 'antd'
import { formatDate } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { useFacts, type DraftExample } from './workbench-api'
import { LEVEL_NAMES } from './workbench-messages'

type Expect = NonNullable<DraftExample['example']>['expect']

/** The example's value names that are a fact's under a shorter name (schemas/example.schema.json, ExampleValues). */
const VALUE_FACT: Readonly<Record<string, string>> = {
  statutoryDue: 'statutoryDueDate',
  promisedDue: 'promisedDueDate',
  acceptedOn: 'acceptedOnByLaw',
}

const m = defineMessages({
  zh: {
    fires: '应触发',
    silent: '始终不触发',
    firesAt: '该时刻触发',
    silentAt: '该时刻不触发',
    values: '该时刻的值',
    level: '级别',
    json: 'JSON',
  },
  en: {
    fires: 'fires',
    silent: 'never fires',
    firesAt: 'fires at the moment',
    silentAt: 'silent at the moment',
    values: 'values at the moment',
    level: 'level',
    json: 'JSON',
  },
})

/**
 * The expectations with each rule by its title and each value by its fact's label, dates as 2025年10月30日; the JSON
 * folded below for those who want it.
 */
export function ExpectWords({ expect, titleOf }: { expect: Expect; titleOf: (ruleId: string) => string | undefined }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const facts = useFacts().data?.facts ?? []
  const label = (name: string) => {
    if (name === 'level') return t.level
    const f = facts.find((x) => x.name === (VALUE_FACT[name] ?? name))
    return f ? (language === 'zh' ? f.label : f.en) : name
  }
  const rules = (ids: readonly string[] | undefined) =>
    (ids ?? []).map((id) => (
      <Tag key={id} title={id}>
        {titleOf(id) ?? id}
      </Tag>
    ))
  const valueWords = (name: string, v: unknown): string => {
    if (name === 'level' && typeof v === 'string') return LEVEL_NAMES[language][v as 'red'] ?? v
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(v, language)
    if (typeof v === 'boolean') return language === 'zh' ? (v ? '是' : '否') : String(v)
    return typeof v === 'object' ? JSON.stringify(v) : String(v)
  }
  const lists = (['fires', 'silent', 'firesAt', 'silentAt'] as const).filter((k) => (expect[k] ?? []).length > 0)
  const values = Object.entries((expect.values ?? {}) as Record<string, unknown>)
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        {lists.map((k) => (
          <Descriptions.Item key={k} label={t[k]}>
            {rules(expect[k])}
          </Descriptions.Item>
        ))}
        {values.length > 0 && (
          <Descriptions.Item label={t.values}>
            {values.map(([k, v]) => (
              <Tag key={k} title={k}>{`${label(k)}：${valueWords(k, v)}`}</Tag>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
      <details style={{ marginTop: 4 }}>
        <summary>{t.json}</summary>
        <code style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(expect)}</code>
      </details>
    </>
  )
}
