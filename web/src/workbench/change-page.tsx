/** Change: a rule of a draft — its properties in a form from its JSON Schema, its conditions in a builder, its JSON — linted as one types. */
import { QueryBuilderAntD } from '@react-querybuilder/antd'
import Form from '@rjsf/antd'
import type { ErrorSchema } from '@rjsf/utils'
import validator from '@rjsf/validator-ajv8'
import CodeMirror from '@uiw/react-codemirror'
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json'
import { type Diagnostic, linter } from '@codemirror/lint'
import { hoverTooltip } from '@codemirror/view'
import {
  handleRefresh,
  jsonCompletion,
  jsonSchemaHover,
  jsonSchemaLinter,
  stateExtensions,
} from 'codemirror-json-schema'
import { Alert, Card, List, Space, Spin, Tabs, Tag, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { QueryBuilder, type Field, type RuleGroupType, type ValidationMap } from 'react-querybuilder'
import { Link, useParams, useSearchParams } from 'react-router'
import type { components } from '../api/openapi'
import { useLanguage, useMessages } from '../i18n/language'
import { useTitle } from '../shell/use-title'
import { OPERATORS, toCondition, toQuery } from './condition-tree'
import { parametersFor, takesParameter } from './parameter-fit'
import { UNIT_WORDS } from './parameters-panel'
import { SaveBar } from './draft-page'
import { useWorkingDraft } from './local-draft'
import {
  useDraft,
  useFacts,
  useLint,
  useRuleFormSchema,
  useRuleJsonSchema,
  type FactField,
  type Problem,
  type Rule,
  type RulePack,
} from './workbench-api'
import { wbMessages } from './workbench-messages'

type Parameter = components['schemas']['RulePack_parameter']

/** The content, lagging the typing by a moment (lint asks once the typing pauses). */
function useDebounced<T>(value: T, ms = 400): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms)
    return () => clearTimeout(id)
  }, [value, ms])
  return v
}

/** Problems of the lint that point into this rule, relative to it (`/conditions/all/2/fact`). */
function problemsOf(problems: readonly Problem[], index: number): (Problem & { at: string })[] {
  const prefix = `/rules/${index}`
  return problems
    .filter((p) => p.pointer === prefix || p.pointer?.startsWith(`${prefix}/`))
    .map((p) => ({ ...p, at: p.pointer!.slice(prefix.length) }))
}

export function ChangePage() {
  const t = useMessages(wbMessages)
  const { draftId = '', ruleId = '' } = useParams()
  const [search, setSearch] = useSearchParams()
  const draft = useDraft(draftId)
  const { working, update, dirty, discard } = useWorkingDraft(draft.data)
  const lint = useLint(draftId, useDebounced(working?.pack))
  useTitle(`${t.change} ${ruleId}`)
  if (draft.isPending || !working) return <Spin />
  if (draft.isError) return <Alert type="error" title={draft.error.message} />
  const index = working.pack.rules.findIndex((r) => r.id === ruleId)
  const rule = working.pack.rules[index]
  if (!rule) return <Alert type="error" title={`${t.rule} ${ruleId}?`} />
  const setRule = (next: Rule) =>
    update({
      ...working,
      pack: { ...working.pack, rules: working.pack.rules.map((r, i) => (i === index ? next : r)) } as RulePack,
    })
  const own = (lint.data?.problems ?? []).filter(
    (p) => p.file === undefined || p.file === 'pack' || p.file.endsWith(`${working.pack.id}.pack.json`),
  )
  const mine = problemsOf(own, index)
  const elsewhere = own.filter(
    (p) => !mine.some((m) => m.pointer === p.pointer && m.code === p.code) && (p.severity ?? 'error') === 'error',
  )
  const tab = search.get('tab') ?? 'conditions'
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t.change}：{rule.title}
      </Typography.Title>
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to={`/workbench/drafts/${draftId}`}>
          ← {t.drafts} {draft.data.title}
        </Link>
        <Tag>{rule.id}</Tag>
        <LintBadge valid={lint.data?.valid} pending={lint.isFetching} />
      </Space>
      <SaveBar draft={draft.data} working={working} dirty={dirty} discard={discard} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch({ tab: k })}
        items={[
          {
            key: 'conditions',
            label: t.conditions,
            children: (
              <ConditionsEditor
                rule={rule}
                parameters={working.pack.parameters ?? []}
                onChange={setRule}
                problems={mine}
              />
            ),
          },
          {
            key: 'metadata',
            label: t.metadata,
            children: <MetadataForm rule={rule} onChange={setRule} problems={mine} />,
          },
          { key: 'json', label: t.json, children: <JsonEditor value={rule} onChange={(v) => setRule(v as Rule)} /> },
        ]}
      />
      <ProblemList problems={[...mine.map((p) => ({ ...p })), ...elsewhere]} />
    </>
  )
}

export function LintBadge({ valid, pending }: { valid: boolean | undefined; pending: boolean }) {
  const t = useMessages(wbMessages)
  if (valid === undefined) return <Tag>…</Tag>
  return (
    <Tag color={valid ? 'green' : 'red'} role="status" aria-live="polite">
      {valid ? t.lintPassed : t.lintFailed}
      {pending ? ' …' : ''}
    </Tag>
  )
}

export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  const t = useMessages(wbMessages)
  const { language } = useLanguage()
  if (problems.length === 0) return null
  return (
    <Card size="small" title={`${t.problems}（${problems.length}）`} style={{ marginTop: 12 }}>
      <List
        size="small"
        dataSource={[...problems]}
        renderItem={(p) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <span>
                <Tag color={(p.severity ?? 'error') === 'error' ? 'red' : 'default'}>{p.code}</Tag>
                {language === 'zh' ? p.zh : p.en}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.pointer} · {language === 'zh' ? p.en : p.zh}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}

function ConditionsEditor({
  rule,
  parameters,
  onChange,
  problems,
}: {
  rule: Rule
  parameters: readonly Parameter[]
  onChange: (r: Rule) => void
  problems: readonly (Problem & { at: string })[]
}) {
  const { language } = useLanguage()
  const facts = useFacts()
  const [query, setQuery] = useState<RuleGroupType>(() =>
    toQuery(rule.conditions as Record<string, unknown>, '/conditions'),
  )
  const list = facts.data?.facts ?? []
  const withParameters = parameters.length > 0
  const fields: Field[] = useMemo(
    () => list.map((f) => fieldOf(f, language, withParameters)),
    [list, language, withParameters],
  )
  // a number fact compared with a parameter of the pack: chosen by its label, with the value in force today and its
  // unit; those whose unit fits the fact's first (src: parameter-fit.ts says which facts take one and why)
  const parameterOptions = (field?: string) =>
    parametersFor(
      list.find((f) => f.name === field),
      parameters,
      (p) => parameterWords(p, language),
      language === 'zh' ? ' · 单位不同' : ' · another unit',
    )
  const typeOf = (name: string) => list.find((f) => f.name === name)?.type
  if (!facts.data) return <Spin />
  // a problem at /conditions/all/2/fact belongs to the builder's rule whose id is /conditions/all/2
  const validation: ValidationMap = {}
  for (const p of problems.filter((x) => (x.severity ?? 'error') === 'error')) {
    const id = p.at.replace(/\/(fact|operator|value)$/, '')
    validation[id] = { valid: false, reasons: [language === 'zh' ? p.zh : p.en] }
  }
  return (
    <div className="xq-querybuilder">
      <QueryBuilderAntD>
        <QueryBuilder
          fields={fields}
          query={query}
          operators={OPERATORS.map((o) => ({ name: o.name, value: o.name, label: language === 'zh' ? o.label : o.en }))}
          combinators={[
            { name: 'and', value: 'and', label: language === 'zh' ? '全部满足' : 'all of' },
            { name: 'or', value: 'or', label: language === 'zh' ? '任一满足' : 'any of' },
          ]}
          translations={language === 'zh' ? ZH_TRANSLATIONS : {}}
          validator={() => validation}
          getParameters={(field) => parameterOptions(field)}
          enableMountQueryChange={false}
          controlClassnames={{ rule: 'xq-qb-rule' }}
          onQueryChange={(q) => {
            setQuery(q)
            onChange({ ...rule, conditions: toCondition(q, typeOf) as Rule['conditions'] })
          }}
        />
      </QueryBuilderAntD>
      {problems
        .filter((p) => (p.severity ?? 'error') !== 'info')
        .map((p) => (
          <Alert
            key={`${p.at}${p.code}`}
            type={(p.severity ?? 'error') === 'error' ? 'error' : 'warning'}
            showIcon
            style={{ marginTop: 8 }}
            title={`${p.at}：${language === 'zh' ? p.zh : p.en}`}
          />
        ))}
    </div>
  )
}

const ZH_TRANSLATIONS = {
  addRule: { label: '＋ 条件', title: '添加条件' },
  addGroup: { label: '＋ 条件组', title: '添加条件组' },
  removeRule: { label: '删除', title: '删除此条件' },
  removeGroup: { label: '删除', title: '删除此条件组' },
  notToggle: { label: '并非', title: '取反' },
  fields: { title: '事实' },
  operators: { title: '比较' },
  value: { title: '值' },
  combinators: { title: '组合' },
}

/** A parameter as the builder offers it: its label, the value in force today with its unit (“黄灯提前量（现行 3 个工作日）”). */
function parameterWords(p: Parameter, language: 'zh' | 'en'): string {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  const now = [...p.values]
    .filter((v) => v.from <= today)
    .sort((a, b) => a.from.localeCompare(b.from))
    .pop()
  const unit = UNIT_WORDS[p.unit]?.[language] ?? p.unit
  const label = language === 'en' && p.labelEn ? p.labelEn : p.label
  if (!now) return `${label}（${language === 'zh' ? '尚无现行值' : 'no value in force yet'}）`
  return language === 'zh' ? `${label}（现行 ${now.value} ${unit}）` : `${label} (now ${now.value} ${unit})`
}

type SourceOption = { name: 'value' | 'field' | 'parameter'; value: 'value' | 'field' | 'parameter'; label: string }

/** A fact as the builder's field: Chinese label with unit, the value editor its type calls for; a number may be a parameter. */
function fieldOf(f: FactField, language: 'zh' | 'en', withParameters: boolean): Field {
  const label = `${language === 'zh' ? f.label : f.en}${f.unit ? `（${f.unit}）` : ''} · ${f.name}`
  const sources: [SourceOption, ...SourceOption[]] = [
    { name: 'value', value: 'value', label: language === 'zh' ? '值' : 'value' },
    { name: 'field', value: 'field', label: language === 'zh' ? '另一事实' : 'a fact' },
    ...(takesParameter(f) && withParameters
      ? [{ name: 'parameter', value: 'parameter', label: language === 'zh' ? '参数' : 'parameter' } as const]
      : []),
  ]
  const base = { name: f.name, value: f.name, label, valueSources: sources }
  if (f.values)
    return {
      ...base,
      valueEditorType: 'select',
      values: f.values.filter((v) => v !== null).map((v) => ({ name: String(v), value: String(v), label: String(v) })),
    }
  if (f.type === 'boolean')
    return {
      ...base,
      valueEditorType: 'select',
      values: [
        { name: 'true', value: 'true', label: language === 'zh' ? '是' : 'true' },
        { name: 'false', value: 'false', label: language === 'zh' ? '否' : 'false' },
      ],
    }
  if (f.type === 'number') return { ...base, inputType: 'number' }
  return base
}

function MetadataForm({
  rule,
  onChange,
  problems,
}: {
  rule: Rule
  onChange: (r: Rule) => void
  problems: readonly (Problem & { at: string })[]
}) {
  const schema = useRuleFormSchema()
  const { language } = useLanguage()
  if (!schema.data) return <Spin />
  const { conditions, params, ...meta } = rule
  const extraErrors: Record<string, { __errors: string[] }> = {}
  for (const p of problems) {
    const field = p.at.split('/')[1]
    if (!field || field === 'conditions') continue
    const entry = extraErrors[field] ?? { __errors: [] }
    entry.__errors.push(language === 'zh' ? p.zh : p.en)
    extraErrors[field] = entry
  }
  return (
    <Form
      schema={schema.data}
      formData={meta}
      validator={validator}
      liveValidate
      showErrorList={false}
      extraErrors={extraErrors as ErrorSchema}
      uiSchema={{
        'ui:submitButtonOptions': { norender: true },
        ...Object.fromEntries(
          Object.entries(FIELD_TITLES).map(([k, v]) => [k, { 'ui:title': language === 'zh' ? v.zh : v.en }]),
        ),
        description: { 'ui:widget': 'textarea', 'ui:title': language === 'zh' ? '说明' : 'description' },
      }}
      onChange={(e) => onChange({ ...(e.formData as Rule), conditions, ...(params ? { params } : {}) })}
    />
  )
}

const FIELD_TITLES: Record<string, { zh: string; en: string }> = {
  id: { zh: '编号', en: 'id' },
  version: { zh: '版本', en: 'version' },
  kind: { zh: '类别', en: 'kind' },
  level: { zh: '级别', en: 'level' },
  title: { zh: '标题', en: 'title' },
  citation: { zh: '法律依据', en: 'citation' },
  alsoCites: { zh: '另引依据', en: 'also cites' },
  effectiveFrom: { zh: '施行日期', en: 'in force from' },
  effectiveUntil: { zh: '失效日期', en: 'in force until' },
  appliesTo: { zh: '所免除或减轻的规则', en: 'applies to' },
  notice: { zh: '文书模板', en: 'notice template' },
}

/**
 * The JSON editor's schema problems in the language (the library words them in English only; its formatError option
 * is not implemented): the common ones reworded, the rest as they come.
 */
function schemaProblem(message: string, language: 'zh' | 'en'): string {
  const enumError = /^Expected given value `?(.+?)`? in `?(\S+?)`? to be one of/.exec(message)
  if (enumError)
    return language === 'zh'
      ? `“${enumError[1]}”不是可用的取值（${enumError[2]}）；按 Ctrl+空格 列出可用的取值`
      : `"${enumError[1]}" is not one of the values allowed (${enumError[2]}); Ctrl+Space lists them`
  const unknown = /^Additional property `?(.+?)`? in `?(\S+?)`? is not allowed/.exec(message)
  if (unknown)
    return language === 'zh'
      ? `不认识的字段“${unknown[1]}”（${unknown[2]}）`
      : `unknown property "${unknown[1]}" (${unknown[2]})`
  const missing = /^The required property `?(.+?)`? is missing/.exec(message)
  if (missing) return language === 'zh' ? `缺少必填字段“${missing[1]}”` : `missing required property "${missing[1]}"`
  const type = /^Expected `(.+?)` but received `(.+?)`/.exec(message)
  if (type)
    return language === 'zh'
      ? `类型不符：应为 ${type[1]}，实为 ${type[2]}`
      : `wrong type: ${type[1]} expected, ${type[2]} found`
  return message
}

/** The schema linter, its problems in the language. */
const schemaLinter = (language: 'zh' | 'en') => {
  const check = jsonSchemaLinter()
  return (view: Parameters<typeof check>[0]): Diagnostic[] =>
    check(view).map(({ renderMessage: _r, ...d }) => ({ ...d, message: schemaProblem(d.message, language) }))
}

/** The rule as JSON (CodeMirror 6): completion, hover and checking against the rule's schema as one types. */
export function JsonEditor({ value, onChange }: { value: unknown; onChange: (v: unknown) => void }) {
  const schema = useRuleJsonSchema().data
  const { language } = useLanguage()
  const extensions = useMemo(
    () => [
      json(),
      linter(jsonParseLinter()),
      linter(schemaLinter(language), { needsRefresh: handleRefresh }),
      jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
      hoverTooltip(jsonSchemaHover()),
      stateExtensions(schema as Parameters<typeof stateExtensions>[0]),
    ],
    [schema, language],
  )
  const [text, setText] = useState(() => JSON.stringify(value, null, 2))
  const [error, setError] = useState<string | null>(null)
  const shown = JSON.stringify(value, null, 2)
  useEffect(() => {
    // follow changes made in the other views, unless this view holds unparsable text being typed
    if (error === null) setText(shown)
  }, [shown, error])
  return (
    <>
      <CodeMirror
        value={text}
        height="480px"
        extensions={extensions}
        aria-label="JSON"
        onChange={(v) => {
          setText(v)
          try {
            onChange(JSON.parse(v))
            setError(null)
          } catch (err) {
            setError((err as Error).message)
          }
        }}
      />
      {error && <Alert type="error" showIcon title={`JSON：${error}`} style={{ marginTop: 8 }} />}
    </>
  )
}
