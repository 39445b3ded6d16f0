/** The condition-by-condition trace of one firing: fact (its name in the language, and its code), value found, operator, expected, result. */
import { useQuery } from '@tanstack/react-query'
import { Table, Tag } from 'antd'
import { api, must, type Schemas } from '../api/client'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import { valueWords } from '../format/value-words'

type TraceEntry = Schemas['Evaluation_traceEntry']

const m = defineMessages({
  zh: {
    at: '位置',
    fact: '事实',
    found: '实际值',
    operator: '运算符',
    expected: '期望值',
    result: '结论',
    held: '成立',
    failed: '不成立',
    skipped: '未评估',
    trace: '逐条件追溯',
    factOf: '事实',
  },
  en: {
    at: 'Where',
    fact: 'Fact',
    found: 'Value found',
    operator: 'Operator',
    expected: 'Expected',
    result: 'Result',
    held: 'held',
    failed: 'did not hold',
    skipped: 'not evaluated',
    trace: 'Condition trace',
    factOf: 'the fact',
  },
})

/** The engine's operators as a person reads them, in both languages. */
const OPERATORS: Record<string, { zh: string; en: string }> = {
  equal: { zh: '等于 =', en: 'equals =' },
  notEqual: { zh: '不等于 ≠', en: 'not equal ≠' },
  lessThan: { zh: '小于 <', en: 'less than <' },
  lessThanInclusive: { zh: '小于等于 ≤', en: 'at most ≤' },
  greaterThan: { zh: '大于 >', en: 'greater than >' },
  greaterThanInclusive: { zh: '大于等于 ≥', en: 'at least ≥' },
  in: { zh: '属于', en: 'one of' },
  notIn: { zh: '不属于', en: 'none of' },
  contains: { zh: '包含', en: 'contains' },
  doesNotContain: { zh: '不包含', en: 'does not contain' },
  all: { zh: '以下全部成立', en: 'all of these hold' },
  any: { zh: '以下任一成立', en: 'any of these holds' },
  not: { zh: '以下不成立', en: 'this does not hold' },
}

/** The units facts are counted in, in both languages (a clock's days: working unless its limit says calendar). */
const UNITS: Record<string, { zh: string; en: string }> = {
  working: { zh: '个工作日', en: 'working days' },
  calendar: { zh: '日', en: 'calendar days' },
  工作日或日: { zh: '工作日或日', en: 'working or calendar days' },
  日: { zh: '日', en: 'days' },
  小时: { zh: '小时', en: 'hours' },
  元: { zh: '元', en: 'yuan' },
  次: { zh: '次', en: 'times' },
}

/** The trace of a firing; `facts` of its evaluation give the unit a case's clock counts in (statutoryLimitUnit …). */
export function TraceTable({
  trace,
  label,
  facts: known = {},
}: {
  trace: readonly TraceEntry[]
  label: string
  facts?: Readonly<Record<string, unknown>>
}) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const facts = useQuery({
    queryKey: ['wb', 'facts'],
    queryFn: () => must(api.GET('/rule-packs/facts')),
    staleTime: Infinity,
  })
  const show = (v: unknown) => valueWords(v, language)
  const named = new Map((facts.data?.facts ?? []).map((f) => [f.name, language === 'zh' ? f.label : f.en]))
  const fields = new Map((facts.data?.facts ?? []).map((f) => [f.name, f]))
  /** The unit of a fact's value in this evaluation: the clock's own (working or calendar days) where the facts say it. */
  const unitOf = (fact: string | undefined): string => {
    const f = fact ? fields.get(fact) : undefined
    const code = f?.unitFact && typeof known[f.unitFact] === 'string' ? (known[f.unitFact] as string) : f?.unit
    return code ? (UNITS[code]?.[language] ?? code) : ''
  }
  const withUnit = (v: unknown, fact: string | undefined) =>
    typeof v === 'number' && unitOf(fact) ? `${v} ${unitOf(fact)}` : show(v)
  return (
    <Table<TraceEntry>
      size="small"
      aria-label={`${t.trace}：${label}`}
      rowKey="at"
      pagination={false}
      dataSource={[...trace]}
      columns={[
        {
          title: t.at,
          dataIndex: 'at',
          render: (v: string, e) => (
            <code>
              {v}
              {e.condition ? ` (${e.condition})` : ''}
            </code>
          ),
        },
        {
          title: t.fact,
          dataIndex: 'fact',
          render: (v: string | undefined, e) =>
            v ? (
              <span>
                {named.get(v) && named.get(v) !== v && <span>{named.get(v)} </span>}
                <code style={{ fontSize: 12, color: '#555' }}>
                  {v}
                  {e.path ?? ''}
                </code>
              </span>
            ) : (
              '—'
            ),
        },
        {
          title: t.found,
          dataIndex: 'found',
          render: (v: unknown, e) => (e.result === 'not-evaluated' ? '—' : <code>{withUnit(v, e.fact)}</code>),
        },
        { title: t.operator, dataIndex: 'operator', render: (v: string) => OPERATORS[v]?.[language] ?? v },
        {
          title: t.expected,
          dataIndex: 'expected',
          render: (v: unknown, e) =>
            e.expectedFact ? (
              <span>
                {t.factOf} {named.get(e.expectedFact) ?? ''} <code>{e.expectedFact}</code>
              </span>
            ) : (
              <code>{withUnit(v, e.fact)}</code>
            ),
        },
        {
          title: t.result,
          dataIndex: 'result',
          render: (r: TraceEntry['result']) =>
            r === 'not-evaluated' ? (
              <Tag>{t.skipped}</Tag>
            ) : r ? (
              <Tag color="green">✓ {t.held}</Tag>
            ) : (
              <Tag color="red">✗ {t.failed}</Tag>
            ),
        },
      ]}
    />
  )
}
