/** The condition-by-condition trace of one firing: fact, value found, operator, expected, result. */
import { Table, Tag } from 'antd'
import type { Schemas } from '../api/client'
import { useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'

type TraceEntry = Schemas['Evaluation_traceEntry']

const m = defineMessages({
  zh: { at: '位置', fact: '事实', found: '实际值', operator: '运算符', expected: '期望值', result: '结论', held: '成立', failed: '不成立', skipped: '未评估', trace: '逐条件追溯' },
  en: { at: 'Where', fact: 'Fact', found: 'Value found', operator: 'Operator', expected: 'Expected', result: 'Result', held: 'held', failed: 'did not hold', skipped: 'not evaluated', trace: 'Condition trace' },
})

const OPERATORS: Record<string, string> = {
  equal: '等于 =', notEqual: '不等于 ≠', lessThan: '小于 <', lessThanInclusive: '小于等于 ≤', greaterThan: '大于 >', greaterThanInclusive: '大于等于 ≥',
  in: '属于', notIn: '不属于', contains: '包含', doesNotContain: '不包含', all: '以下全部成立', any: '以下任一成立', not: '以下不成立',
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v))

export function TraceTable({ trace, label }: { trace: readonly TraceEntry[]; label: string }) {
  const t = useMessages(m)
  return (
    <Table<TraceEntry>
      size="small"
      aria-label={`${t.trace}：${label}`}
      rowKey="at"
      pagination={false}
      dataSource={[...trace]}
      columns={[
        { title: t.at, dataIndex: 'at', render: (v: string, e) => <code>{v}{e.condition ? ` (${e.condition})` : ''}</code> },
        { title: t.fact, dataIndex: 'fact', render: (v: string | undefined, e) => <code>{v ?? '—'}{e.path ?? ''}</code> },
        { title: t.found, dataIndex: 'found', render: (v: unknown, e) => (e.result === 'not-evaluated' ? '—' : <code>{show(v)}</code>) },
        { title: t.operator, dataIndex: 'operator', render: (v: string) => OPERATORS[v] ?? v },
        { title: t.expected, dataIndex: 'expected', render: (v: unknown, e) => <code>{e.expectedFact ? `{fact: ${e.expectedFact}}` : show(v)}</code> },
        {
          title: t.result,
          dataIndex: 'result',
          render: (r: TraceEntry['result']) => (r === 'not-evaluated' ? <Tag>{t.skipped}</Tag> : r ? <Tag color="green">✓ {t.held}</Tag> : <Tag color="red">✗ {t.failed}</Tag>),
        },
      ]}
    />
  )
}
