/**
 * Moves the numbers of the packs' time policies and time bar (deadlinePolicy limits, extension caps, the supplement
 * notice period, 行政处罚法 第三十六条's years) into named parameters: the number becomes `{ "param": id }` and the pack
 * gains the parameter, its value dated from the pack's first day with its source. A number the table below does not
 * know is reported and its file left as it is (exit 1). Idempotent: a place already naming a parameter is left alone.
 *
 *   npx tsx scripts/migrate/policy-parameters.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Parameter, ParameterSource, RulePack } from '../../src/types/generated.js'
import { findFiles } from '../../src/utils/find-files.js'
import { parametersEdit } from './extract-parameters.js'
import { applyEdits, rangeOf, type Edit } from './text-edits.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

interface Definition {
  readonly pack: string
  readonly pointer: string
  readonly value: number
  readonly parameter: Omit<Parameter, 'values'>
  readonly source: ParameterSource
}

const law = (provision: string) => ({ provision }) as unknown as ParameterSource
const assumed = (reference: string, provision: string) =>
  ({
    office: '规则包配置，未见机关决定（待主管部门以文件确认）',
    reference,
    leftOpenBy: { provision },
  }) as ParameterSource

const limit = (
  pack: string,
  matter: string,
  id: string,
  value: number,
  unit: 'workingDays' | 'calendarDays',
  label: string,
  labelEn: string,
  source: ParameterSource,
): Definition => ({
  pack,
  pointer: `/deadlinePolicy/matters/${matter}/limit/days`,
  value,
  parameter: { id, label, labelEn, unit },
  source,
})

/** Every number of the shipped packs' time policies, the parameter it is, and where it comes from. */
const DEFINITIONS: readonly Definition[] = [
  limit(
    'aba.catalog',
    'catalogApplication',
    'aba.catalog-application.limit',
    20,
    'workingDays',
    '部门提出目录调整申请的期限',
    'time for a department to apply for a catalog adjustment',
    law('aba.18'),
  ),
  limit(
    'aba.catalog',
    'catalogReview',
    'aba.catalog-review.limit',
    10,
    'workingDays',
    '审核目录调整申请的期限',
    'time to review a catalog adjustment application',
    law('aba.19'),
  ),
  limit(
    'aba.catalog',
    'catalogUpdate',
    'aba.catalog-update.limit',
    15,
    'workingDays',
    '目录审定后更新公布的期限',
    'time to publish the catalog after its approval',
    law('aba.20'),
  ),
  limit(
    'aba.supervision',
    'report',
    'aba.report.reply-limit',
    7,
    'workingDays',
    '答复实名举报的期限',
    'time to tell a named reporter what was done',
    law('aba.52'),
  ),
  limit(
    'aba.supervision',
    'quarterlyLedger',
    'aba.quarterly-ledger.limit',
    20,
    'workingDays',
    '季度台账报送的期限（季度结束后）',
    'time to send the quarterly ledger after the quarter',
    assumed('条文只规定“每季度”报送，未规定报送日；季度结束后 20 个工作日为本项目的假定，待州主管部门确认', 'aba.43'),
  ),
  limit(
    'aba.supervision',
    'quarterlySummary',
    'aba.quarterly-summary.limit',
    20,
    'workingDays',
    '季度汇总报送的期限（季度结束后）',
    'time to send the quarterly summary after the quarter',
    assumed('条文只规定“每季度”报送，未规定报送日；季度结束后 20 个工作日为本项目的假定，待州主管部门确认', 'aba.45'),
  ),
  limit(
    'sc.catalog-adjustment',
    'catalogApplication',
    'sc-cat.catalog-application.limit',
    20,
    'calendarDays',
    '提出目录调整申请的期限',
    'time to apply for a catalog adjustment',
    law('sc-cat.3'),
  ),
  limit(
    'sc.catalog-adjustment',
    'catalogUpdate',
    'sc-cat.catalog-update.limit',
    10,
    'calendarDays',
    '目录审定后更新的期限',
    'time to update the catalog after its approval',
    law('sc-cat.5'),
  ),
  limit(
    'sc.electronic-supervision',
    'supervision',
    'sc-es.supervision.limit',
    20,
    'workingDays',
    '督办事项的办理期限',
    'time to handle a supervision matter',
    law('sc-es.9'),
  ),
  {
    pack: 'sc.electronic-supervision',
    pointer: '/deadlinePolicy/matters/supervision/extension/maxWorkingDays',
    value: 10,
    parameter: {
      id: 'sc-es.supervision.extension-cap',
      label: '督办事项延长办理期限的上限',
      labelEn: 'cap on extending a supervision matter',
      unit: 'workingDays',
    },
    source: law('sc-es.9'),
  },
  {
    pack: 'sc.electronic-supervision',
    pointer: '/deadlinePolicy/matters/supervision/extension/maxCount',
    value: 1,
    parameter: {
      id: 'sc-es.supervision.extension-count',
      label: '督办事项可以延长的次数',
      labelEn: 'extensions a supervision matter may have',
      unit: 'times',
    },
    source: assumed('第九条“可适当延长办理期限”未规定次数；按一次批准计为规则包配置，待省监察厅确认', 'sc-es.9'),
  },
  {
    pack: 'cn.administrative-licensing-law',
    pointer: '/deadlinePolicy/powerTypes/licensing/extension/maxWorkingDays',
    value: 10,
    parameter: {
      id: 'cn-lic.extension-cap',
      label: '行政许可经批准延长期限的上限',
      labelEn: 'cap on the approved extension of a licensing decision',
      unit: 'workingDays',
    },
    source: law('cn-lic.42.p1'),
  },
  {
    pack: 'cn.administrative-licensing-law',
    pointer: '/deadlinePolicy/powerTypes/licensing/acceptance/supplementNoticeWithin/days',
    value: 5,
    parameter: {
      id: 'cn-lic.supplement-notice',
      label: '一次告知补正申请材料的期限',
      labelEn: 'time to give notice of all missing application material',
      unit: 'workingDays',
    },
    source: law('cn-lic.32.p1.4'),
  },
  {
    pack: 'cn.administrative-penalty-law',
    pointer: '/deadlinePolicy/powerTypes/penalty/limit/days',
    value: 90,
    parameter: {
      id: 'cn-apl.case-limit',
      label: '行政处罚案件自立案之日起作出决定的期限',
      labelEn: 'time to decide a penalty case from its filing',
      unit: 'calendarDays',
    },
    source: law('cn-apl.60'),
  },
  {
    pack: 'cn.administrative-penalty-law',
    pointer: '/penaltyPolicy/timeBar/years',
    value: 2,
    parameter: {
      id: 'cn-apl.time-bar',
      label: '违法行为未被发现不再给予行政处罚的年限',
      labelEn: 'years after which an undiscovered offence is not penalised',
      unit: 'years',
    },
    source: law('cn-apl.36'),
  },
  {
    pack: 'cn.administrative-penalty-law',
    pointer: '/penaltyPolicy/timeBar/extendedYears',
    value: 5,
    parameter: {
      id: 'cn-apl.time-bar-extended',
      label: '涉及生命健康安全、金融安全且有危害后果的追责年限',
      labelEn: 'the time bar for offences harming life, health or financial security',
      unit: 'years',
    },
    source: law('cn-apl.36'),
  },
]

/** Every number at a time-policy or time-bar place of a pack, with its pointer. */
function policyNumbers(pack: RulePack): { pointer: string; value: unknown }[] {
  const out: { pointer: string; value: unknown }[] = []
  const visit = (node: unknown, pointer: string) => {
    if (typeof node === 'number') out.push({ pointer, value: node })
    else if (node !== null && typeof node === 'object' && !('param' in node))
      for (const [k, v] of Object.entries(node)) visit(v, `${pointer}/${k}`)
  }
  visit(pack.deadlinePolicy, '/deadlinePolicy')
  visit(pack.penaltyPolicy?.timeBar, '/penaltyPolicy/timeBar')
  return out
}

/** The migrated text of one pack, and the numbers the table does not know. */
export function migrateText(text: string): { text: string; unknown: string[]; added: string[] } {
  const pack = JSON.parse(text) as RulePack
  const edits: Edit[] = []
  const unknown: string[] = []
  const declared = new Set((pack.parameters ?? []).map((p) => p.id))
  const added: Parameter[] = []
  for (const { pointer, value } of policyNumbers(pack)) {
    const def = DEFINITIONS.find((d) => d.pack === pack.id && d.pointer === pointer && d.value === value)
    if (!def) {
      unknown.push(`${pointer}: ${String(value)}`)
      continue
    }
    edits.push({ ...rangeOf(text, pointer), text: `{ "param": "${def.parameter.id}" }` })
    if (!declared.has(def.parameter.id)) {
      declared.add(def.parameter.id)
      added.push({ ...def.parameter, values: [{ from: pack.effectiveFrom, value: def.value, source: def.source }] })
    }
  }
  if (unknown.length > 0) return { text, unknown, added: [] }
  if (added.length > 0) edits.push(parametersEdit(text, added))
  return { text: applyEdits(text, edits), unknown, added: added.map((p) => p.id) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let failed = false
  for (const file of findFiles(join(root, 'rules'), '.pack.json')) {
    const before = readFileSync(file, 'utf8')
    const { text, unknown, added } = migrateText(before)
    const name = relative(root, file)
    if (unknown.length > 0) {
      failed = true
      console.error(
        `${name}: 表中没有这些数的参数定义，未改动 / no parameter is defined for these numbers, file left as it is:\n  ${unknown.join('\n  ')}`,
      )
    } else if (text !== before) {
      writeFileSync(file, text)
      console.log(`${name}: 参数 / parameters ${added.join(', ')}`)
    }
  }
  process.exit(failed ? 1 : 0)
}
