/** A case typed in a form, to try the draft on: what it is, who handles it, when it was accepted, its limits, its step. */
import { DatePicker, Form, Input, InputNumber, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'

const m = defineMessages({
  zh: {
    name: '办件名称',
    powerItem: '权力事项',
    powerType: '权力类型',
    department: '行权部门',
    departmentCode: '部门编码',
    jurisdiction: '行政区划',
    accepted: '受理时刻',
    statutory: '法定时限',
    promised: '承诺时限',
    step: '正在办理的环节',
    stepStarted: '环节开始时刻',
    stepLimit: '环节时限',
    working: '工作日',
    calendar: '日',
    none: '无',
    form: '录入的办件',
  },
  en: {
    name: 'Case name',
    powerItem: 'Power item',
    powerType: 'Power type',
    department: 'Acting department',
    departmentCode: 'Department code',
    jurisdiction: 'Division',
    accepted: 'Accepted at',
    statutory: 'Statutory limit',
    promised: 'Promised limit',
    step: 'Step in hand',
    stepStarted: 'Step started at',
    stepLimit: 'Step limit',
    working: 'working days',
    calendar: 'calendar days',
    none: 'none',
    form: 'The case typed in',
  },
})

const POWER_TYPES: Record<string, { zh: string; en: string }> = {
  licensing: { zh: '行政许可', en: 'Licensing' },
  penalty: { zh: '行政处罚', en: 'Penalty' },
  levy: { zh: '行政征收', en: 'Levy' },
  enforcement: { zh: '行政强制', en: 'Enforcement' },
  confirmation: { zh: '行政确认', en: 'Confirmation' },
  adjudication: { zh: '行政裁决', en: 'Adjudication' },
  benefit: { zh: '行政给付', en: 'Benefit' },
  inspection: { zh: '行政检查', en: 'Inspection' },
  reward: { zh: '行政奖励', en: 'Reward' },
  other: { zh: '其他', en: 'Other' },
}

/** What the form holds. */
export interface TypedCase {
  readonly name: string
  readonly powerItemCode: string
  readonly powerItemName: string
  readonly powerType: string
  readonly departmentCode: string
  readonly departmentName: string
  readonly jurisdiction: string
  readonly acceptedAt: string
  readonly statutoryDays: number
  readonly statutoryUnit: 'working' | 'calendar'
  readonly promisedDays: number
  readonly promisedUnit: 'working' | 'calendar'
  readonly stepStartedAt: string | null
  readonly stepDays: number
}

/** A food licence of 理县 to start from, accepted on 2025年9月26日 (the shipped stalled example's). */
export const TYPED_CASE_START: TypedCase = {
  name: '录入的食品经营许可',
  powerItemCode: 'SC-XK-0001',
  powerItemName: '食品经营许可',
  powerType: 'licensing',
  departmentCode: 'lx-scjgj',
  departmentName: '理县市场监督管理局',
  jurisdiction: '513222',
  acceptedAt: '2025-09-26T09:30:00+08:00',
  statutoryDays: 20,
  statutoryUnit: 'working',
  promisedDays: 15,
  promisedUnit: 'working',
  stepStartedAt: '2025-09-29T16:10:00+08:00',
  stepDays: 5,
}

/**
 * The case file the form describes: its accepted event with one step (and, once it started, the step started), recorded as
 * it occurred.
 * @example caseFileOf(TYPED_CASE_START).events.map((e) => e.type) // ['accepted', 'stepStarted']
 */
export function caseFileOf(c: TypedCase): { caseId: string; events: Record<string, unknown>[] } {
  const actor = { id: 'workbench', name: '规则工作台试算' }
  const at = (moment: string) => ({ occurredAt: moment, recordedAt: moment, actor })
  const limit = (days: number, unit: string) => ({ days, unit })
  const accepted = {
    id: 'typed-1',
    type: 'accepted',
    ...at(c.acceptedAt),
    case: {
      serialNumber: 'TRY-0001',
      name: c.name,
      applicant: { name: '试算申请人', kind: 'organization' },
      powerItem: { code: c.powerItemCode, name: c.powerItemName, type: c.powerType },
      department: { code: c.departmentCode, name: c.departmentName, jurisdiction: c.jurisdiction },
      statutoryLimit: limit(c.statutoryDays, c.statutoryUnit),
      promisedLimit: limit(c.promisedDays, c.promisedUnit),
      steps: [{ id: 'step-1', name: '办理', post: '承办岗', limit: limit(c.stepDays, 'working') }],
    },
  }
  const step = c.stepStartedAt ? [{ id: 'typed-2', type: 'stepStarted', ...at(c.stepStartedAt), stepId: 'step-1' }] : []
  return { caseId: 'typed-case', events: [accepted, ...step] }
}

const moment = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DDTHH:mm:00+08:00') : null)

/** The form; every change gives the whole case again. */
export function TypedCaseForm({ value, onChange }: { value: TypedCase; onChange: (c: TypedCase) => void }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const set = (changes: Partial<TypedCase>) => onChange({ ...value, ...changes })
  const units = [
    { value: 'working', label: t.working },
    { value: 'calendar', label: t.calendar },
  ]
  return (
    <Form layout="vertical" aria-label={t.form} style={{ maxWidth: 900 }}>
      <Space wrap align="start">
        <Form.Item label={t.name} htmlFor="typed-name">
          <Input
            id="typed-name"
            value={value.name}
            onChange={(e) => set({ name: e.target.value })}
            style={{ width: 280 }}
          />
        </Form.Item>
        <Form.Item label={t.powerItem} htmlFor="typed-item">
          <Input
            id="typed-item"
            value={value.powerItemName}
            onChange={(e) => set({ powerItemName: e.target.value })}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item label={t.powerType} htmlFor="typed-type">
          <Select
            id="typed-type"
            value={value.powerType}
            onChange={(v) => set({ powerType: v })}
            style={{ width: 140 }}
            options={Object.entries(POWER_TYPES).map(([k, n]) => ({ value: k, label: n[language] }))}
          />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item label={t.department} htmlFor="typed-department">
          <Input
            id="typed-department"
            value={value.departmentName}
            onChange={(e) => set({ departmentName: e.target.value })}
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item label={t.departmentCode} htmlFor="typed-department-code">
          <Input
            id="typed-department-code"
            value={value.departmentCode}
            onChange={(e) => set({ departmentCode: e.target.value })}
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item label={t.jurisdiction} htmlFor="typed-jurisdiction">
          <Input
            id="typed-jurisdiction"
            value={value.jurisdiction}
            onChange={(e) => set({ jurisdiction: e.target.value })}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item label={t.accepted} htmlFor="typed-accepted">
          <DatePicker
            id="typed-accepted"
            showTime={{ format: 'HH:mm' }}
            format="YYYY年M月D日 HH:mm"
            value={dayjs(value.acceptedAt)}
            onChange={(d) => d && set({ acceptedAt: moment(d)! })}
            style={{ width: 220 }}
          />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item label={t.statutory} htmlFor="typed-statutory">
          <Space.Compact>
            <InputNumber
              id="typed-statutory"
              min={1}
              max={3650}
              value={value.statutoryDays}
              onChange={(v) => v !== null && set({ statutoryDays: v })}
              style={{ width: 90 }}
            />
            <Select
              aria-label={`${t.statutory}：${t.working}/${t.calendar}`}
              value={value.statutoryUnit}
              onChange={(v) => set({ statutoryUnit: v })}
              options={units}
              style={{ width: 110 }}
            />
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t.promised} htmlFor="typed-promised">
          <Space.Compact>
            <InputNumber
              id="typed-promised"
              min={1}
              max={3650}
              value={value.promisedDays}
              onChange={(v) => v !== null && set({ promisedDays: v })}
              style={{ width: 90 }}
            />
            <Select
              aria-label={`${t.promised}：${t.working}/${t.calendar}`}
              value={value.promisedUnit}
              onChange={(v) => set({ promisedUnit: v })}
              options={units}
              style={{ width: 110 }}
            />
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t.stepStarted} htmlFor="typed-step">
          <DatePicker
            id="typed-step"
            showTime={{ format: 'HH:mm' }}
            format="YYYY年M月D日 HH:mm"
            value={value.stepStartedAt ? dayjs(value.stepStartedAt) : null}
            onChange={(d) => set({ stepStartedAt: moment(d) })}
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item label={`${t.stepLimit}（${t.working}）`} htmlFor="typed-step-limit">
          <InputNumber
            id="typed-step-limit"
            min={1}
            max={3650}
            value={value.stepDays}
            onChange={(v) => v !== null && set({ stepDays: v })}
            style={{ width: 90 }}
          />
        </Form.Item>
      </Space>
    </Form>
  )
}
