/**
 * Moves the numbers written bare in conditions into named parameters of their pack: the condition's value becomes
 * `{ "param": id }` and the pack gains the parameter (label, unit, its value dated from the pack's first day, and
 * the source: the provision that sets it, or the office decision that did). Which number is which parameter is the
 * table below, read from the provisions; a bare number the table does not know is reported and the file is left as
 * it is (exit 1). Idempotent: a value already naming a parameter, and a parameter already declared, are left alone.
 *
 *   npx tsx scripts/migrate/extract-parameters.ts                  # every shipped pack but the 理县 discretion pack
 *   npx tsx scripts/migrate/extract-parameters.ts rules/lixian/discretion-standards.pack.json
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import jsonSourceMap from 'json-source-map'
import type { Condition, Parameter, ParameterSource, RulePack } from '../../src/types/generated.js'
import { findFiles } from '../../src/utils/find-files.js'
import { applyEdits, indentAt, rangeOf, type Edit } from './text-edits.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const LEFT_FOR_LATER = 'rules/lixian/discretion-standards.pack.json'

type Source =
  | ParameterSource
  | { provision: string }
  | { office: string; reference: string; leftOpenBy?: { provision: string } }
interface Definition {
  readonly rule: string
  readonly fact: string
  readonly parameter: Omit<Parameter, 'values'>
  readonly value: number
  readonly source: Source
}

const law = (provision: string): Source => ({ provision })

/** The numbers of the shipped packs, each with the parameter it is and where it comes from. */
const DEFINITIONS: readonly Definition[] = [
  {
    rule: 'sc.deadline.statutory-near',
    fact: 'statutoryDaysLeft',
    value: 3,
    parameter: {
      id: 'sc-es.yellow-margin',
      label: '法定时限届满前黄灯预警的提前量',
      labelEn: 'yellow warning margin before the statutory limit',
      unit: 'workingDays',
    },
    source: {
      office: '规则包配置，未见机关决定（待四川省监察厅以文件确认）',
      reference:
        '未见发文：电子监察办法第十一条（二）要求对黄灯预警及时处理，未规定提前几日预警；3 个工作日为规则包配置，待以文件确认',
      leftOpenBy: { provision: 'sc-es.11.2' },
    },
  },
  patrol(
    'sc.patrol.provincial-organ',
    'minDailyPatrolsOwn',
    1,
    'sc-es.patrol.province-own',
    '监察厅每个工作日巡查省级权力运行平台的次数',
    'times a day the provincial organ patrols the provincial platform',
    'times',
    'sc-es.11.2.1',
  ),
  patrol(
    'sc.patrol.provincial-organ',
    'minDailyPrefecturePlatforms',
    2,
    'sc-es.patrol.province-prefectures',
    '监察厅每个工作日重点巡查的市（州）平台数',
    'prefecture platforms the provincial organ patrols a day',
    'platforms',
    'sc-es.11.2.1',
  ),
  patrol(
    'sc.patrol.provincial-organ',
    'minDailyCountyPlatforms',
    8,
    'sc-es.patrol.province-counties',
    '监察厅每个工作日重点巡查的县（市、区）平台数',
    'county platforms the provincial organ patrols a day',
    'platforms',
    'sc-es.11.2.1',
  ),
  patrol(
    'sc.patrol.prefecture-organ',
    'minDailyPatrolsOwn',
    2,
    'sc-es.patrol.prefecture-own',
    '市（州）监察局每个工作日巡查本级平台的次数',
    'times a day a prefecture organ patrols its own platform',
    'times',
    'sc-es.11.2.2',
  ),
  patrol(
    'sc.patrol.prefecture-organ',
    'minDailyPatrolsLower',
    1,
    'sc-es.patrol.prefecture-lower',
    '市（州）监察局每个工作日巡查县（市、区）平台的次数',
    'times a day a prefecture organ patrols the county platforms',
    'times',
    'sc-es.11.2.2',
  ),
  patrol(
    'sc.patrol.county-organ',
    'minDailyPatrolsOwn',
    2,
    'sc-es.patrol.county-own',
    '县（市、区）监察局每个工作日巡查本级平台的次数',
    'times a day a county organ patrols its own platform',
    'times',
    'sc-es.11.2.3',
  ),
  {
    rule: 'sc.platform.late-entry',
    fact: 'recordingDelayWorkingDays',
    value: 1,
    parameter: {
      id: 'sc-pl.timely-entry',
      label: '办理信息“及时”录入的界限',
      labelEn: 'how late an entry may be and still be timely',
      unit: 'workingDays',
    },
    source: {
      office: '规则包配置，未见机关决定（待省级行权平台主管部门确认，可由其调整）',
      reference: '平台办法第七条要求运行数据及时、完整，未规定界限；发生之日后一个工作日为规则包确定',
      leftOpenBy: { provision: 'sc-pl.7' },
    },
  },
  {
    rule: 'aba.accountability.48-06',
    fact: 'maxRecordingDelayWorkingDays',
    value: 3,
    parameter: {
      id: 'aba.after-the-fact-entry',
      label: '“事后录入”的界限',
      labelEn: 'how late an entry is entry after the fact',
      unit: 'workingDays',
    },
    source: {
      office: '规则包配置，未见机关决定（待州主管部门确认，可由其调整）',
      reference: '阿坝州办法第四十八条（六）未规定“事后录入”的数值；发生之日后三个工作日为规则包确定',
      leftOpenBy: { provision: 'aba.48.6' },
    },
  },
  patrol(
    'aba.patrol.department',
    'minDailyPatrolsOwn',
    2,
    'aba.patrol.department-own',
    '行权部门每个工作日巡查本部门行权平台的次数',
    'times a day an acting department patrols its platform',
    'times',
    'aba.40',
  ),
  patrol(
    'aba.patrol.prefecture-authority',
    'minDailyPatrolsOwn',
    1,
    'aba.patrol.prefecture-own',
    '州级主管部门每个工作日督查州级行权平台的次数',
    'times a day the prefecture authority inspects the prefecture platform',
    'times',
    'aba.41',
  ),
  patrol(
    'aba.patrol.prefecture-authority',
    'minDailyPatrolsLower',
    1,
    'aba.patrol.prefecture-counties',
    '州级主管部门每个工作日督查县级行权平台的次数',
    'times a day the prefecture authority inspects the county platforms',
    'times',
    'aba.41',
  ),
  patrol(
    'aba.patrol.county-authority',
    'minDailyPatrolsOwn',
    2,
    'aba.patrol.county-own',
    '县级主管部门每个工作日督查县级行权平台的次数',
    'times a day a county authority inspects its platform',
    'times',
    'aba.41',
  ),
  {
    rule: 'cn.licensing.supplement-repeated',
    fact: 'supplementRequestCount',
    value: 1,
    parameter: {
      id: 'cn-lic.supplement-notices',
      label: '告知补正的次数（一次告知）',
      labelEn: 'how many times the applicant may be told what to supplement',
      unit: 'notices',
    },
    source: law('cn-lic.32.p1.4'),
  },
]

function patrol(
  rule: string,
  fact: string,
  value: number,
  id: string,
  label: string,
  labelEn: string,
  unit: Parameter['unit'],
  provision: string,
): Definition {
  return { rule, fact, value, parameter: { id, label, labelEn, unit }, source: law(provision) }
}

/** Every fact condition of a tree with its pointer. */
function facts(
  node: Condition,
  pointer: string,
  out: { c: Extract<Condition, { fact: string }>; pointer: string }[] = [],
): typeof out {
  if ('fact' in node) out.push({ c: node, pointer })
  else if ('all' in node) for (const [i, c] of node.all.entries()) facts(c, `${pointer}/all/${i}`, out)
  else if ('any' in node) for (const [i, c] of node.any.entries()) facts(c, `${pointer}/any/${i}`, out)
  else if ('not' in node) facts(node.not, `${pointer}/not`, out)
  return out
}

const compact = (v: unknown) =>
  JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']')

/** A parameter as legal staff read it: one key a line, each dated value on one line. */
function formatParameter(p: Parameter, indent: string): string {
  const inner = `${indent}  `
  const lines = Object.entries(p).map(([k, v]) =>
    k === 'values'
      ? `${inner}"values": [\n${(v as unknown[]).map((x) => `${inner}  ${compact(x)}`).join(',\n')}\n${inner}]`
      : `${inner}${JSON.stringify(k)}: ${compact(v)}`,
  )
  return `${indent}{\n${lines.join(',\n')}\n${indent}}`
}

/** The edit that declares `added` in a pack's text: appended to its `parameters`, or a new list before its rules. */
export function parametersEdit(text: string, added: readonly Parameter[]): Edit {
  const pointers = jsonSourceMap.parse(text).pointers
  const existing = pointers['/parameters']
  if (existing) {
    // append to the declared list, before its closing bracket
    const close = existing.valueEnd.pos - 1
    const indent = `${indentAt(text, existing.value.pos)}  `
    const before = text.slice(0, close).trimEnd()
    const sep = before.endsWith('[') ? '\n' : ',\n'
    return {
      start: before.length,
      end: close,
      text: `${sep}${added.map((p) => formatParameter(p, indent)).join(',\n')}\n${indentAt(text, existing.value.pos)}`,
    }
  }
  const rules = pointers['/rules']!
  const indent = indentAt(text, rules.key!.pos)
  const list = `"parameters": [\n${added.map((p) => formatParameter(p, `${indent}  `)).join(',\n')}\n${indent}],\n${indent}`
  return { start: rules.key!.pos, end: rules.key!.pos, text: list }
}

/** The migrated text of one pack, and the bare numbers the table does not know. */
export function migrateText(text: string): { text: string; unknown: string[]; added: string[] } {
  const pack = JSON.parse(text) as RulePack
  const edits: Edit[] = []
  const unknown: string[] = []
  const declared = new Set((pack.parameters ?? []).map((p) => p.id))
  const added: Parameter[] = []
  const trees = [
    ...pack.rules.map((r, i) => ({ rule: r.id, node: r.conditions as Condition, pointer: `/rules/${i}/conditions` })),
    ...Object.entries(pack.sharedConditions ?? {}).map(([name, c]) => ({
      rule: `sharedConditions.${name}`,
      node: c as Condition,
      pointer: `/sharedConditions/${name}`,
    })),
  ]
  for (const t of trees) {
    for (const { c, pointer } of facts(t.node, t.pointer)) {
      if (typeof c.value !== 'number' || c.value === 0) continue
      const def = DEFINITIONS.find((d) => d.rule === t.rule && d.fact === c.fact && d.value === c.value)
      if (!def) {
        unknown.push(`${pointer}: ${t.rule} ${c.fact} ${c.operator} ${c.value}`)
        continue
      }
      const { start, end } = rangeOf(text, `${pointer}/value`)
      edits.push({ start, end, text: `{ "param": "${def.parameter.id}" }` })
      if (!declared.has(def.parameter.id)) {
        declared.add(def.parameter.id)
        added.push({
          ...def.parameter,
          values: [{ from: pack.effectiveFrom, value: def.value, source: def.source as ParameterSource }],
        })
      }
    }
  }
  if (unknown.length > 0) return { text, unknown, added: [] }
  if (added.length > 0) edits.push(parametersEdit(text, added))
  return { text: applyEdits(text, edits), unknown, added: added.map((p) => p.id) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const given = process.argv.slice(2)
  const files =
    given.length > 0
      ? given.map((f) => join(process.cwd(), f))
      : findFiles(join(root, 'rules'), '.pack.json').filter((f) => relative(root, f) !== LEFT_FOR_LATER)
  let failed = false
  for (const file of files) {
    const before = readFileSync(file, 'utf8')
    const { text, unknown, added } = migrateText(before)
    const name = relative(root, file)
    if (unknown.length > 0) {
      failed = true
      console.error(
        `${name}: 表中没有这些数的参数定义，未改动 / no parameter is defined for these numbers, file left as it is:\n  ${unknown.join('\n  ')}`,
      )
    } else if (text === before) console.log(`${name}: 无需迁移 / nothing to migrate`)
    else {
      writeFileSync(file, text)
      console.log(`${name}: 参数 / parameters ${added.length > 0 ? added.join(', ') : '(already declared)'}`)
    }
  }
  process.exit(failed ? 1 : 0)
}
