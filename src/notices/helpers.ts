/** Every Handlebars helper a notice may use, registered once on one isolated Handlebars environment. */
import Handlebars from 'handlebars'
import type { Calendar } from '../calendar/calendar.js'
import { dateOf } from '../calendar/iso-date.js'
import type { Citation } from '../types/generated.js'
import { arabicDate, chineseDate, chineseNumber, yuan, yuanCapital } from './chinese-numerals.js'
import { fieldMissing } from './notice-error.js'

type HelperOptions = Handlebars.HelperOptions

/** What lint needs to know of a helper: for `quote x`, the notice also needs `x.text`. */
export interface HelperSpec {
  /** Sub-fields of the first argument the helper reads and cannot do without. */
  readonly needs?: readonly string[]
  readonly zh: string
}

/** The helpers, with what each one needs; the names lint accepts. Built-ins (if, unless, each, with, lookup) come from Handlebars. */
export const HELPER_SPECS: Readonly<Record<string, HelperSpec>> = {
  date: { zh: '日期：2026年11月26日，或 style="chinese" / 模板说明 dateStyle 为 chinese 时 二〇二六年十一月二十六日' },
  days: { zh: '期间：days 3 "working" → 3个工作日；days 7 "calendar" → 7日' },
  negate: { zh: '相反数（超期天数）' },
  cite: { zh: '条文出处：《文件》第X条(项)' },
  quote: { needs: ['text'], zh: '条文原文，加引号' },
  yuan: { zh: '金额：12,000.00元' },
  yuanCapital: { zh: '金额大写：壹万贰仟元整' },
  materials: { zh: '材料清单，逐项编号' },
  join: { zh: '以分隔符连接列表' },
  chineseOrdinal: { zh: '序号：0 → 一（配合 @index）' },
  powerTypeName: { zh: '权力类型的中文名称' },
  outcomeName: { zh: '决定结果的中文名称' },
  levelName: { zh: '等级：red → 红灯报警' },
  workingDaysAfter: { zh: '某日之后第 N 个工作日（起算日不计，不含法定节假日）' },
  calendarDaysAfter: { zh: '某日之后第 N 日，末日为休息日的顺延（民法典 第二百零三条）' },
}

export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const

const POWER_TYPES: Record<string, string> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  levy: '行政征收',
  enforcement: '行政强制',
  confirmation: '行政确认',
  adjudication: '行政裁决',
  benefit: '行政给付',
  inspection: '行政检查',
  reward: '行政奖励',
  other: '其他行政权力',
}
const OUTCOMES: Record<string, string> = {
  grant: '准予',
  deny: '不予',
  penalty: '行政处罚',
  noPenalty: '不予行政处罚',
  other: '其他',
}
const LEVELS: Record<string, string> = { info: '提示', yellow: '黄灯预警', red: '红灯报警' }

/** The value, or a NOTICE_FIELD_MISSING error naming the helper: a notice is never printed with a blank. */
function present<T>(value: T | null | undefined, helper: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw fieldMissing(helper, `助手 ${helper} 收到的值为空`, `helper ${helper} was given no value`)
  }
  return value
}

function name(table: Record<string, string>, key: unknown, helper: string): string {
  const v = table[String(present(key, helper))]
  if (v === undefined) throw fieldMissing(helper, `不认识的取值“${String(key)}”`, `unknown value "${String(key)}"`)
  return v
}

const asDate = (value: unknown, helper: string): string => {
  const s = String(present(value, helper))
  return s.length > 10 ? dateOf(s) : s
}

/**
 * 《文件》第X条(项) for a citation; the document is put in 书名号 unless it already is.
 * @example citeText({ document: '阿坝州行政权力依法规范公开运行实施办法(试行)', article: '第五十二条' }) // '《阿坝州…(试行)》第五十二条'
 */
export function citeText(c: Citation): string {
  const doc = c.document.startsWith('《') ? c.document : `《${c.document}》`
  return `${doc}${c.article}${c.item ?? ''}`
}

/**
 * An article's text in quotation marks, punctuated as Chinese usage wants: a whole sentence keeps its 。 inside the
 * marks; a list item loses its trailing ；/， and takes the 。 outside.
 * @example quoteText('……的时限；') // '“……的时限”。'
 */
export function quoteText(text: string): string {
  const t = text.trim()
  if (/[。！？]$/.test(t)) return `“${t}”`
  return `“${t.replace(/[；;，,、：:]+$/, '')}”。`
}

/**
 * Registers the notice helpers on a fresh Handlebars environment; the calendar serves the working-day helpers.
 * @example const hb = createNoticeHandlebars(env.calendar); hb.compile('{{yuanCapital 12000}}', { strict: true })({})
 */
export function createNoticeHandlebars(calendar: Calendar): typeof Handlebars {
  const hb = Handlebars.create()
  const helpers: Record<keyof typeof HELPER_SPECS, Handlebars.HelperDelegate> = {
    date: (value: unknown, options: HelperOptions) => {
      const style =
        (options.hash as { style?: string }).style ??
        (options.data?.root as { notice?: { dateStyle?: string } } | undefined)?.notice?.dateStyle ??
        'arabic'
      const d = asDate(value, 'date')
      return style === 'chinese' ? chineseDate(d) : arabicDate(d)
    },
    days: (n: unknown, unit: unknown) => {
      const count = Number(present(n, 'days'))
      if (!Number.isInteger(count))
        throw fieldMissing(
          'days',
          `天数应为整数，收到 ${String(n)}`,
          `a number of days must be an integer, got ${String(n)}`,
        )
      if (unit === 'working') return `${count}个工作日`
      if (unit === 'calendar') return `${count}日`
      throw fieldMissing(
        'days',
        `期间单位应为 working 或 calendar，收到 ${String(unit)}`,
        `the unit must be working or calendar, got ${String(unit)}`,
      )
    },
    negate: (n: unknown) => -Number(present(n, 'negate')),
    cite: (c: unknown) => citeText(present(c as Citation, 'cite')),
    quote: (c: unknown) => {
      const citation = present(c as Citation, 'quote')
      const text = citation.text?.trim()
      if (!text)
        throw fieldMissing(
          'citation.text',
          `${citeText(citation)} 没有条文原文（citation.text），文书无法引用`,
          `${citeText(citation)} has no text to quote`,
        )
      return quoteText(text)
    },
    yuan: (n: unknown) => yuan(Number(present(n, 'yuan'))),
    yuanCapital: (n: unknown) => yuanCapital(Number(present(n, 'yuanCapital'))),
    materials: (list: unknown) => {
      const items = present(list as string[], 'materials')
      if (!Array.isArray(items) || items.length === 0)
        throw fieldMissing('materials', '补正材料清单为空', 'the list of materials is empty')
      const lines = items.map(
        (m, i) => `<p class="list-item">${i + 1}．${Handlebars.escapeExpression(present(m, 'materials'))}</p>`,
      )
      return new Handlebars.SafeString(lines.join('\n'))
    },
    join: (list: unknown, sep: unknown) => {
      if (!Array.isArray(list)) throw fieldMissing('join', '应为列表', 'a list is needed')
      return list.map((x) => String(present(x, 'join'))).join(typeof sep === 'string' ? sep : '、')
    },
    chineseOrdinal: (i: unknown) => chineseNumber(Number(present(i, 'chineseOrdinal')) + 1),
    powerTypeName: (t: unknown) => name(POWER_TYPES, t, 'powerTypeName'),
    outcomeName: (o: unknown) => name(OUTCOMES, o, 'outcomeName'),
    levelName: (l: unknown) => name(LEVELS, l, 'levelName'),
    workingDaysAfter: (from: unknown, n: unknown) =>
      calendar.addWorkingDays(asDate(from, 'workingDaysAfter'), Number(present(n, 'workingDaysAfter'))),
    calendarDaysAfter: (from: unknown, n: unknown) =>
      calendar.addCalendarDays(asDate(from, 'calendarDaysAfter'), Number(present(n, 'calendarDaysAfter'))),
  }
  hb.registerHelper(helpers)
  return hb
}

/** Names of the penalty kinds, for 处罚种类. */
export const PENALTY_KIND_NAMES: Readonly<Record<string, string>> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  suspension: '暂扣许可证件、降低资质等级',
  revocation: '吊销许可证件',
  closure: '限制开展生产经营活动、责令停产停业、责令关闭、限制从业',
  detention: '行政拘留',
  other: '其他行政处罚',
}
