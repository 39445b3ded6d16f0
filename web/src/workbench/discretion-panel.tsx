/**
 * The discretion standards of a draft's pack as editable tables: each row's circumstances, when it applies (违法情节,
 * 法定情节, 从重), its levels (裁量阶次) and band (档次, as a share of the statutory range with its yuan, or in yuan),
 * its citation; the table lint's findings at the row they point to.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { createContext, type HTMLAttributes, type ReactNode, useContext } from 'react'
import type { components } from '../api/openapi'
import { citationWords } from '../format/citation'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'
import type { Working } from './local-draft'
import type { Problem } from './workbench-api'

type Standard = components['schemas']['RulePack_discretionStandard']
type Row = components['schemas']['RulePack_discretionRow']
type Band = components['schemas']['RulePack_discretionBand']
type Step = components['schemas']['RulePack_discretionStep']
type Relief = components['schemas']['RulePack_discretionRelief']
type Parameter = components['schemas']['RulePack_parameter']
type Amount = components['schemas']['RulePack_lawAmount']

/** An amount of a statutory range as shown: its value on the day, and the parameter it names (none for a number written in a stored pack). */
interface Resolved {
  readonly value: number | undefined
  readonly id?: string
  readonly parameter?: Parameter
}

/**
 * The value of an amount (`{ "param": id }` or a number) from the draft pack's own parameters, as in force on `day`
 * (the value with the latest `from` not after it); undefined when the draft declares no value then.
 */
export function resolveAmount(v: Amount, parameters: readonly Parameter[], day: string): Resolved {
  if (typeof v === 'number') return { value: v }
  const parameter = parameters.find((p) => p.id === v.param)
  let found: { from: string; value: number } | undefined
  for (const x of parameter?.values ?? []) if (x.from <= day && (!found || x.from >= found.from)) found = x
  return { value: found?.value, id: v.param, ...(parameter ? { parameter } : {}) }
}

/** The draft's amounts resolved as in force today (Beijing time): the standard shows what the draft would apply now. */
const AmountsContext = createContext<{ resolve: (v: Amount) => Resolved; day: string }>({
  resolve: (v) => ({ value: typeof v === 'number' ? v : undefined }),
  day: '',
})

const m = defineMessages({
  zh: {
    none: '本规则包没有裁量基准',
    penaltyItem: '处罚事项',
    statutory: '法定幅度',
    tiers: '违法情节分档',
    aggravation: '从重情节',
    hitPolicy: '命中方式',
    unique: '唯一命中（每个案件恰好适用一行）',
    first: '首行命中',
    id: '编号',
    circumstances: '情形',
    tier: '违法情节',
    relief: '法定情节',
    aggravated: '从重',
    levels: '裁量阶次',
    band: '档次',
    citation: '依据',
    findings: '检查结果',
    any: '不论',
    yes: '有',
    no: '无',
    from: '下限',
    to: '上限',
    belowMinimum: '可低于法定最低额',
    addRow: '添加一行',
    removeRow: '删除此行',
    newRow: '新的情形（请填写）',
    tableFindings: '裁量表整体',
    bandFrom: '档次下限',
    bandTo: '档次上限',
    kinds: '处罚种类',
    requiredKinds: '必须并处',
    requiredNone: '无必须并处',
    yuan: '元',
  },
  en: {
    none: 'This pack has no discretion standards',
    penaltyItem: 'penalty item',
    statutory: 'statutory range',
    tiers: 'tiers',
    aggravation: 'aggravating grounds',
    hitPolicy: 'hit policy',
    unique: 'unique (exactly one row applies to each case)',
    first: 'first row that applies',
    id: 'id',
    circumstances: 'circumstances',
    tier: 'tier',
    relief: 'statutory relief',
    aggravated: 'aggravated',
    levels: 'levels',
    band: 'band',
    citation: 'citation',
    findings: 'findings',
    any: 'any',
    yes: 'yes',
    no: 'no',
    from: 'from',
    to: 'to',
    belowMinimum: 'may go below the statutory minimum',
    addRow: 'Add a row',
    removeRow: 'Remove this row',
    newRow: 'new circumstances (to be written)',
    tableFindings: 'the table as a whole',
    bandFrom: 'band from',
    bandTo: 'band to',
    kinds: 'penalty kinds',
    requiredKinds: 'must be imposed together',
    requiredNone: 'none required',
    yuan: 'yuan',
  },
})

const STEP_WORDS: Record<Step, { zh: string; en: string }> = {
  noPenalty: { zh: '不予处罚', en: 'no penalty' },
  reduced: { zh: '减轻', en: 'reduced (减轻)' },
  lighter: { zh: '从轻', en: 'lighter (从轻)' },
  general: { zh: '一般', en: 'general (一般)' },
  heavier: { zh: '从重', en: 'heavier (从重)' },
}

const RELIEF_WORDS: Record<Relief, { zh: string; en: string }> = {
  none: { zh: '无法定从轻、减轻情节', en: 'none' },
  mayWaive: { zh: '可以不予处罚', en: 'may waive' },
  mayMitigate: { zh: '可以从轻或者减轻', en: 'may mitigate' },
  mitigate: { zh: '应当从轻或者减轻', en: 'must mitigate' },
  noPenalty: { zh: '不予处罚', en: 'no penalty' },
}

const KIND_WORDS: Record<string, { zh: string; en: string }> = {
  warning: { zh: '警告', en: 'warning' },
  fine: { zh: '罚款', en: 'fine' },
  confiscation: { zh: '没收违法所得', en: 'confiscation' },
  suspension: { zh: '暂扣许可证件', en: 'suspension' },
  revocation: { zh: '吊销许可证件', en: 'revocation' },
  closure: { zh: '责令停产停业', en: 'closure' },
  detention: { zh: '行政拘留', en: 'detention' },
  other: { zh: '其他', en: 'other' },
}

/** The aggravating grounds the shipped standards name (the case's penalty grounds are open strings; others show as written). */
const GROUND_WORDS: Record<string, { zh: string; en: string }> = {
  repeatWithinYear: { zh: '一年内再犯', en: 'again within a year' },
  refusedCorrection: { zh: '拒不改正', en: 'refused to correct' },
}

/** Typing in a select finds its options by their words, as shown. */
const BY_LABEL = { optionFilterProp: 'label' } as const

const yuan = (n: number, language: 'zh' | 'en' = 'zh') =>
  `${Math.round(n).toLocaleString('zh-CN')} ${language === 'zh' ? '元' : 'yuan'}`
const round = (n: number) => Math.round(n * 1000) / 1000

/** One amount of the law: its value (yuan or times), the parameter's label and id on hover; a parameter without a value on the day says so. */
function AmountWords({ amount, unit }: { amount: Amount; unit: 'yuan' | 'multiple' }) {
  const { resolve, day } = useContext(AmountsContext)
  const { language } = useLanguage()
  const r = resolve(amount)
  const shown = r.value === undefined ? '？' : unit === 'yuan' ? yuan(r.value, language) : String(r.value)
  if (r.id === undefined) return <span>{shown}</span>
  const label = r.parameter ? (language === 'en' && r.parameter.labelEn ? r.parameter.labelEn : r.parameter.label) : ''
  const title = !r.parameter
    ? language === 'zh'
      ? `参数 ${r.id} 不存在`
      : `parameter ${r.id} does not exist`
    : r.value === undefined
      ? language === 'zh'
        ? `${label}（${r.id}）：${day} 没有生效的值`
        : `${label} (${r.id}): no value in force on ${day}`
      : language === 'zh'
        ? `${label}（${r.id}，${day} 现行）`
        : `${label} (${r.id}, in force on ${day})`
  return (
    <Typography.Text
      {...(r.value === undefined ? { type: 'danger' as const } : {})}
      title={title}
      data-param={r.id}
      style={{ textDecoration: 'underline dotted' }}
    >
      {shown}
    </Typography.Text>
  )
}

/** The statutory range in words: each bracket's fine in yuan, or as multiples of the base; each amount names its parameter on hover. */
function StatutoryWords({ standard: s }: { standard: Standard }) {
  const { language } = useLanguage()
  const zh = language === 'zh'
  const parts: ReactNode[] = s.statutory.brackets.map((b, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the brackets have no id; their order is the law's
    <span key={i}>
      {i > 0 && (zh ? '；' : '; ')}
      {b.baseBelow !== undefined && (
        <>
          {zh ? '货值不足 ' : 'base below '}
          <AmountWords amount={b.baseBelow} unit="yuan" />
          {zh ? '：' : ': '}
        </>
      )}
      {b.baseBelow === undefined && b.baseAtLeast !== undefined && (
        <>
          {zh ? '货值 ≥ ' : 'base ≥ '}
          <AmountWords amount={b.baseAtLeast} unit="yuan" />
          {zh ? '：' : ': '}
        </>
      )}
      {b.fine && (
        <>
          <AmountWords amount={b.fine.min} unit="yuan" />—<AmountWords amount={b.fine.max} unit="yuan" />
        </>
      )}
      {!b.fine && b.fineMultiple && (
        <>
          <AmountWords amount={b.fineMultiple.min} unit="multiple" />—
          <AmountWords amount={b.fineMultiple.max} unit="multiple" /> {zh ? '倍' : 'times'}
        </>
      )}
    </span>
  ))
  return <>{parts}</>
}

/** A share of the statutory range in each bracket's terms (min + share × (max − min)), the amounts as in force on the day shown. */
function shareWords(
  s: Standard,
  from: number,
  to: number,
  language: 'zh' | 'en',
  resolve: (v: Amount) => Resolved,
): string {
  return s.statutory.brackets
    .map((b) => {
      const range = b.fine ?? b.fineMultiple
      if (!range) return ''
      const min = resolve(range.min).value
      const max = resolve(range.max).value
      if (min === undefined || max === undefined) return '？'
      if (b.fine) return `${yuan(min + from * (max - min), language)}—${yuan(min + to * (max - min), language)}`
      return `${round(min + from * (max - min))}—${round(min + to * (max - min))} ${language === 'zh' ? '倍' : 'times'}`
    })
    .filter(Boolean)
    .join('；')
}

/** The lint's problems that point into a row of a standard's table (`/discretionStandards/0/table/rows/4/band`). */
const problemsAt = (problems: readonly Problem[], pointer: string) =>
  problems.filter((p) => p.pointer === pointer || p.pointer?.startsWith(`${pointer}/`))

export function DiscretionPanel({
  working,
  update,
  editable,
  problems,
}: {
  working: Working
  update: (w: Working) => void
  editable: boolean
  problems: readonly Problem[]
}) {
  const t = useMessages(m)
  const standards = working.pack.discretionStandards ?? []
  if (standards.length === 0) return <Empty description={t.none} />
  const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  const parameters = working.pack.parameters ?? []
  const amounts = { resolve: (v: Amount) => resolveAmount(v, parameters, day), day }
  const setStandard = (si: number, next: Standard) =>
    update({
      ...working,
      pack: { ...working.pack, discretionStandards: standards.map((s, i) => (i === si ? next : s)) },
    })
  return (
    <AmountsContext.Provider value={amounts}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {standards.map((s, si) => (
          <StandardTable
            key={s.id}
            standard={s}
            index={si}
            editable={editable}
            problems={problems}
            onChange={(next) => setStandard(si, next)}
          />
        ))}
      </Space>
    </AmountsContext.Provider>
  )
}

function StandardTable({
  standard: s,
  index: si,
  editable,
  problems,
  onChange,
}: {
  standard: Standard
  index: number
  editable: boolean
  problems: readonly Problem[]
  onChange: (s: Standard) => void
}) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const base = `/discretionStandards/${si}`
  const rows = s.table.rows
  const setRow = (ri: number, next: Row) =>
    onChange({ ...s, table: { ...s.table, rows: rows.map((r, i) => (i === ri ? next : r)) } })
  const removeRow = (ri: number) => onChange({ ...s, table: { ...s.table, rows: rows.filter((_, i) => i !== ri) } })
  const addRow = () => {
    const id = `row-${rows.length + 1}`
    onChange({
      ...s,
      table: {
        ...s.table,
        rows: [
          ...rows,
          {
            id,
            circumstances: t.newRow,
            when: {},
            levels: ['general'],
            band: { kinds: [...s.statutory.kinds], fineShare: { from: 0, to: 1 } },
            citation: s.statutory.citation,
          },
        ],
      },
    })
  }
  // findings of the table as a whole (a gap, or the rows as a list), not of one row
  const rowPointer = new RegExp(`^${base}/table/rows/\\d+(/|$)`)
  const whole = problemsAt(problems, base).filter((p) => !rowPointer.test(p.pointer ?? ''))
  const tierName = (id: string) => {
    const name = s.tiers.find((x) => x.id === id)?.name
    return name === undefined ? id : language === 'zh' ? name : `${id} (${name})`
  }
  const words = (w: { zh: string; en: string }) => (language === 'zh' ? w.zh : w.en)
  return (
    <Card size="small" title={s.title} aria-label={s.title}>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t.penaltyItem}>{s.penaltyItem}</Descriptions.Item>
        <Descriptions.Item label={t.statutory}>
          {s.statutory.kinds.map((k) => words(KIND_WORDS[k] ?? { zh: k, en: k })).join('、')}：
          <StatutoryWords standard={s} />（{citationWords(s.statutory.citation)}）
        </Descriptions.Item>
        <Descriptions.Item label={t.tiers}>
          {s.tiers.map((x) => (
            <Tag key={x.id} title={x.criteria}>
              {tierName(x.id)}
            </Tag>
          ))}
        </Descriptions.Item>
        {s.aggravation && (
          <Descriptions.Item label={t.aggravation}>
            {s.aggravation.grounds.map((g) => words(GROUND_WORDS[g] ?? { zh: g, en: g })).join('、')}（
            {citationWords(s.aggravation.citation)}）
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t.hitPolicy}>{t[s.table.hitPolicy]}</Descriptions.Item>
      </Descriptions>
      {whole.map((p) => (
        <Alert
          key={`${p.code}${p.zh}`}
          type={(p.severity ?? 'error') === 'error' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 8 }}
          title={`${t.tableFindings}：${language === 'zh' ? p.zh : p.en}（${p.code} ${p.pointer}）`}
        />
      ))}
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows.map((row, ri) => ({
          key: ri,
          row,
          ri,
          findings: problemsAt(problems, `${base}/table/rows/${ri}`),
        }))}
        onRow={(r) =>
          ({
            'aria-label': r.row.id,
            ...(r.findings.some((p) => (p.severity ?? 'error') === 'error')
              ? { style: { background: '#fff1f0' } }
              : {}),
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t.id,
            width: 110,
            render: (_, { row, ri }) => (
              <Space orientation="vertical" size={4}>
                <code>{row.id}</code>
                {editable && (
                  <Button size="small" danger aria-label={`${t.removeRow} ${row.id}`} onClick={() => removeRow(ri)}>
                    {t.removeRow}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t.circumstances,
            width: 230,
            render: (_, { row, ri }) => (
              <>
                <Typography.Paragraph
                  style={{ margin: 0, fontSize: 13 }}
                  {...(editable
                    ? { editable: { onChange: (v: string) => setRow(ri, { ...row, circumstances: v }) } }
                    : {})}
                >
                  {row.circumstances}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.citation}
                  {language === 'zh' ? '：' : ': '}
                  {[row.citation, ...(row.alsoCites ?? [])].map(citationWords).join('、')}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t.tier,
            width: 130,
            render: (_, { row, ri }) =>
              editable ? (
                <Select
                  showSearch={BY_LABEL}
                  mode="multiple"
                  aria-label={`${row.id} ${t.tier}`}
                  style={{ width: '100%' }}
                  placeholder={t.any}
                  value={row.when.tier ?? []}
                  options={s.tiers.map((x) => ({ value: x.id, label: tierName(x.id) }))}
                  onChange={(v: string[]) =>
                    setRow(ri, { ...row, when: withWhen(row.when, 'tier', v.length ? v : undefined) })
                  }
                />
              ) : (
                (row.when.tier?.map(tierName).join('、') ?? t.any)
              ),
          },
          {
            title: t.relief,
            width: 140,
            render: (_, { row, ri }) =>
              editable ? (
                <Select
                  showSearch={BY_LABEL}
                  mode="multiple"
                  aria-label={`${row.id} ${t.relief}`}
                  style={{ width: '100%' }}
                  placeholder={t.any}
                  value={row.when.relief ?? []}
                  options={(Object.keys(RELIEF_WORDS) as Relief[]).map((x) => ({
                    value: x,
                    label: words(RELIEF_WORDS[x]),
                  }))}
                  onChange={(v: Relief[]) =>
                    setRow(ri, { ...row, when: withWhen(row.when, 'relief', v.length ? v : undefined) })
                  }
                />
              ) : (
                (row.when.relief?.map((x) => words(RELIEF_WORDS[x])).join('、') ?? t.any)
              ),
          },
          {
            title: t.aggravated,
            width: 80,
            render: (_, { row, ri }) => {
              const v = row.when.aggravation === undefined ? 'any' : row.when.aggravation ? 'yes' : 'no'
              return editable ? (
                <Select
                  showSearch={BY_LABEL}
                  aria-label={`${row.id} ${t.aggravated}`}
                  value={v}
                  options={(['any', 'yes', 'no'] as const).map((x) => ({ value: x, label: t[x] }))}
                  onChange={(x: 'any' | 'yes' | 'no') =>
                    setRow(ri, {
                      ...row,
                      when: withWhen(row.when, 'aggravation', x === 'any' ? undefined : x === 'yes'),
                    })
                  }
                />
              ) : (
                t[v]
              )
            },
          },
          {
            title: t.levels,
            width: 140,
            render: (_, { row, ri }) =>
              editable ? (
                <Select
                  showSearch={BY_LABEL}
                  mode="multiple"
                  aria-label={`${row.id} ${t.levels}`}
                  style={{ width: '100%' }}
                  value={row.levels}
                  options={(Object.keys(STEP_WORDS) as Step[]).map((x) => ({ value: x, label: words(STEP_WORDS[x]) }))}
                  onChange={(v: Step[]) => setRow(ri, { ...row, levels: v })}
                />
              ) : (
                row.levels.map((x) => <Tag key={x}>{words(STEP_WORDS[x])}</Tag>)
              ),
          },
          {
            title: t.band,
            width: 230,
            render: (_, { row, ri }) => (
              <BandCell standard={s} row={row} editable={editable} onChange={(band) => setRow(ri, { ...row, band })} />
            ),
          },
          {
            title: t.findings,
            width: 240,
            render: (_, { findings }) =>
              findings.map((p) => (
                <Typography.Paragraph
                  key={`${p.code}${p.pointer}`}
                  type={(p.severity ?? 'error') === 'error' ? 'danger' : 'warning'}
                  style={{ margin: 0, fontSize: 12 }}
                >
                  <Tag color={(p.severity ?? 'error') === 'error' ? 'red' : 'gold'}>{p.code}</Tag>
                  {language === 'zh' ? p.zh : p.en}
                </Typography.Paragraph>
              )),
          },
        ]}
      />
      {editable && (
        <Button style={{ marginTop: 8 }} onClick={addRow}>
          {t.addRow}
        </Button>
      )}
    </Card>
  )
}

/** The row's `when` with one key set, or left out when it applies to any value (`undefined`). */
function withWhen<K extends keyof Row['when']>(
  when: Row['when'],
  key: K,
  value: Row['when'][K] | undefined,
): Row['when'] {
  const { [key]: _old, ...rest } = when
  return value === undefined ? rest : { ...rest, [key]: value }
}

/** A row's band: the share of the statutory range (with its yuan) or the fine in yuan, its kinds; edited in place. */
function BandCell({
  standard: s,
  row,
  editable,
  onChange,
}: {
  standard: Standard
  row: Row
  editable: boolean
  onChange: (b: Band) => void
}) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const { resolve } = useContext(AmountsContext)
  const b = row.band
  if (!b) return <span>—</span>
  const kindWords = (k: string) => (language === 'zh' ? (KIND_WORDS[k]?.zh ?? k) : (KIND_WORDS[k]?.en ?? k))
  // the statutory kinds first; the others too, so that one chosen against the law is said at the row (DISCRETION_KIND_NOT_STATUTORY)
  const kindOptions = [...new Set([...s.statutory.kinds, ...b.kinds, ...Object.keys(KIND_WORDS)])].map((k) => ({
    value: k as Band['kinds'][number],
    label: kindWords(k),
  }))
  const setKinds = (next: Band['kinds']) => {
    const { requiredKinds, ...rest } = b
    const required = (requiredKinds ?? []).filter((k) => next.includes(k))
    onChange({ ...rest, kinds: next, ...(required.length > 0 ? { requiredKinds: required } : {}) })
  }
  const setRequired = (next: Band['kinds']) => {
    const { requiredKinds: _r, ...rest } = b
    onChange({ ...rest, ...(next.length > 0 ? { requiredKinds: next } : {}) })
  }
  const kinds = editable ? (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Select
        showSearch={BY_LABEL}
        mode="multiple"
        size="small"
        aria-label={`${row.id} ${t.kinds}`}
        style={{ width: '100%' }}
        value={b.kinds}
        options={kindOptions}
        onChange={setKinds}
      />
      <Select
        showSearch={BY_LABEL}
        mode="multiple"
        size="small"
        aria-label={`${row.id} ${t.requiredKinds}`}
        placeholder={t.requiredNone}
        style={{ width: '100%' }}
        value={b.requiredKinds ?? []}
        options={kindOptions.filter((o) => b.kinds.includes(o.value))}
        onChange={setRequired}
      />
      <Checkbox
        checked={b.belowMinimum ?? false}
        onChange={(e) => {
          const { belowMinimum: _m, ...rest } = b
          onChange({ ...rest, ...(e.target.checked ? { belowMinimum: true } : {}) })
        }}
      >
        {t.belowMinimum}
      </Checkbox>
    </Space>
  ) : (
    <span>
      {b.kinds.map((k) => (
        <Tag key={k} color={b.requiredKinds?.includes(k) ? 'blue' : 'default'}>
          {kindWords(k)}
        </Tag>
      ))}
      {b.belowMinimum && <Tag color="purple">{t.belowMinimum}</Tag>}
    </span>
  )
  const pair = (from: number, to: number, set: (from: number, to: number) => void, step: number, suffix: string) =>
    editable ? (
      <Space size={4}>
        <InputNumber
          size="small"
          aria-label={`${row.id} ${t.bandFrom}`}
          value={from}
          min={0}
          step={step}
          style={{ width: 90 }}
          onChange={(v) => v !== null && set(v, to)}
        />
        —
        <InputNumber
          size="small"
          aria-label={`${row.id} ${t.bandTo}`}
          value={to}
          min={0}
          step={step}
          style={{ width: 90 }}
          onChange={(v) => v !== null && set(from, v)}
        />
        {suffix}
      </Space>
    ) : (
      <span>
        {from}—{to}
        {suffix}
      </span>
    )
  if (b.fineShare) {
    const { from, to } = b.fineShare
    return (
      <Space orientation="vertical" size={2}>
        {pair(from, to, (f, x) => onChange({ ...b, fineShare: { from: f, to: x } }), 0.05, '')}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`${round(from * 100)}%—${round(to * 100)}%${language === 'zh' ? '：' : ': '}${shareWords(s, from, to, language, resolve)}`}
        </Typography.Text>
        {kinds}
      </Space>
    )
  }
  if (b.fine) {
    const { min, max } = b.fine
    return (
      <Space orientation="vertical" size={2}>
        {pair(min, max, (f, x) => onChange({ ...b, fine: { min: f, max: x } }), 100, ` ${t.yuan}`)}
        {kinds}
      </Space>
    )
  }
  return kinds
}
