/** Parameters of a draft's pack: each with its label, unit and dated values; a new value from a date, with its reason. */
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { components } from '../api/openapi'
import { citationWords } from '../format/citation'
import { formatDate } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import type { Working } from './local-draft'
import type { RulePack } from './workbench-api'
import { wbMessages } from './workbench-messages'

type Parameter = components['schemas']['RulePack_parameter']
type ParameterValue = components['schemas']['RulePack_parameterValue']
type ParameterSource = components['schemas']['RulePack_parameterSource']

export const UNIT_WORDS: Record<string, { zh: string; en: string }> = {
  workingDays: { zh: '个工作日', en: 'working days' },
  calendarDays: { zh: '日', en: 'days' },
  hours: { zh: '小时', en: 'hours' },
  times: { zh: '次', en: 'times' },
  platforms: { zh: '个平台', en: 'platforms' },
  yuan: { zh: '元', en: 'yuan' },
  notices: { zh: '次告知', en: 'notices' },
  years: { zh: '年', en: 'years' },
  multiple: { zh: '倍', en: 'times the base amount' },
}

/** The pack's parameters by id (none before the pack declares any). */
const parametersOf = (pack: RulePack): Record<string, Parameter> =>
  Object.fromEntries((pack.parameters ?? []).map((p) => [p.id, p]))

export function ParametersPanel({
  working,
  update,
  editable,
}: {
  working: Working
  update: (w: Working) => void
  editable: boolean
}) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const [changing, setChanging] = useState<string | null>(null)
  const params = parametersOf(working.pack)
  const names = Object.keys(params)
  if (names.length === 0) return <Empty description={t.parameters} />
  const addValue = (name: string, v: ParameterValue) => {
    const p = params[name]!
    const values = [...p.values.filter((x) => x.from !== v.from), v].sort((a, b) => a.from.localeCompare(b.from))
    update({
      ...working,
      pack: {
        ...working.pack,
        parameters: (working.pack.parameters ?? []).map((x) => (x.id === name ? { ...p, values } : x)),
      },
    })
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {names.map((name) => {
        const p = params[name]!
        const unit = UNIT_WORDS[p.unit]?.[language] ?? p.unit
        return (
          <Card
            key={name}
            size="small"
            aria-label={p.label}
            title={
              <span>
                {language === 'en' && p.labelEn ? p.labelEn : p.label}{' '}
                <Typography.Text type="secondary">{name}</Typography.Text>
              </span>
            }
            extra={editable && <Button onClick={() => setChanging(name)}>{t.addValue}</Button>}
          >
            {p.description && <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>}
            <Table
              size="small"
              pagination={false}
              rowKey="from"
              dataSource={[...p.values]}
              columns={[
                {
                  title: t.valueFrom,
                  dataIndex: 'from',
                  width: 140,
                  render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v, language)}</span>,
                },
                { title: t.value, render: (_, v) => <Tag color="blue">{`${v.value} ${unit}`}</Tag> },
                { title: t.citation, render: (_, v) => sourceWords(v.source ?? p.source, language) },
                { title: t.reason, dataIndex: 'note' },
              ]}
            />
          </Card>
        )
      })}
      {changing && (
        <NewValueDialog
          name={changing}
          parameter={params[changing]!}
          onClose={() => setChanging(null)}
          onAdd={(v) => addValue(changing, v)}
        />
      )}
    </Space>
  )
}

/** Where a value comes from, in words: the office's decision (office · reference · date), or the provision. */
const sourceWords = (s: ParameterSource | undefined, language: 'zh' | 'en'): string => {
  if (!s) return ''
  if ('office' in s) return [s.office, s.reference, s.on && formatDate(s.on, language)].filter(Boolean).join(' · ')
  return citationWords(s)
}

function NewValueDialog({
  name,
  parameter,
  onClose,
  onAdd,
}: {
  name: string
  parameter: Parameter
  onClose: () => void
  onAdd: (v: ParameterValue) => void
}) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  const [form] = Form.useForm()
  const last = parameter.values[parameter.values.length - 1]
  const [error, setError] = useState<string | null>(null)
  const ok = async () => {
    const v = (await form.validateFields()) as { from: string; value: number; reason: string; by: string }
    if (last && v.from <= last.from) return setError(`${t.valueFrom} > ${last.from}`)
    // the office decides the new value; the provision that left the number to it (or set the one before) stays cited
    const before = last?.source ?? parameter.source
    const leftOpenBy =
      before && !('office' in before) ? before : before && 'office' in before ? before.leftOpenBy : undefined
    onAdd({
      from: v.from,
      value: v.value,
      note: v.reason,
      source: { office: v.by, reference: v.reason, on: v.from, ...(leftOpenBy ? { leftOpenBy } : {}) },
    })
    onClose()
  }
  return (
    <Modal open title={`${parameter.label}：${t.addValue}`} onCancel={onClose} onOk={ok}>
      <Typography.Paragraph type="secondary">
        {name} · {UNIT_WORDS[parameter.unit]?.[language] ?? parameter.unit}
      </Typography.Paragraph>
      {error && <Alert type="error" title={error} />}
      <Form form={form} layout="vertical" initialValues={{ value: last?.value }}>
        <Form.Item
          name="from"
          label={t.valueFrom}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
        >
          <Input placeholder="2027-01-01" />
        </Form.Item>
        <Form.Item name="value" label={t.value} rules={[{ required: true }]}>
          <InputNumber />
        </Form.Item>
        <Form.Item name="reason" label={t.reason} rules={[{ required: true }]}>
          <Input.TextArea />
        </Form.Item>
        <Form.Item name="by" label={t.issuer} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  )
}
