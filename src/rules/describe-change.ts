/** What changed between two versions of a rule pack: a JSON diff by pointer, and each change in words a legal officer reads. */
import { canonicalJson } from './pack-version.js'

export interface JsonChange {
  readonly op: 'add' | 'remove' | 'replace'
  /** JSON pointer into the new version (into the old one for a removal). */
  readonly pointer: string
  readonly before?: unknown
  readonly after?: unknown
}

export interface WordedChange {
  readonly pointer: string
  readonly zh: string
  readonly en: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const esc = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1')
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)
const keyOf = (v: unknown): string | undefined => (isObj(v) && typeof v.id === 'string' ? v.id : undefined)

/**
 * The leaf changes from `a` to `b`. Arrays whose items all carry an `id` are matched by id (a rule moved is not a
 * change); other arrays by position.
 * @example jsonDiff({ x: 3 }, { x: 5 }) // [{ op: 'replace', pointer: '/x', before: 3, after: 5 }]
 */
export function jsonDiff(a: unknown, b: unknown, pointer = ''): JsonChange[] {
  if (same(a, b)) return []
  if (isObj(a) && isObj(b)) {
    const out: JsonChange[] = []
    for (const k of Object.keys(a))
      if (!(k in b)) out.push({ op: 'remove', pointer: `${pointer}/${esc(k)}`, before: a[k] })
    for (const k of Object.keys(b)) {
      if (!(k in a)) out.push({ op: 'add', pointer: `${pointer}/${esc(k)}`, after: b[k] })
      else out.push(...jsonDiff(a[k], b[k], `${pointer}/${esc(k)}`))
    }
    return out
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const byId = a.length > 0 && b.length > 0 && [...a, ...b].every((x) => keyOf(x) !== undefined)
    if (byId) {
      const old = new Map(a.map((x, i) => [keyOf(x)!, i]))
      const out: JsonChange[] = []
      const kept = new Set<string>()
      b.forEach((x, i) => {
        const j = old.get(keyOf(x)!)
        if (j === undefined) out.push({ op: 'add', pointer: `${pointer}/${i}`, after: x })
        else {
          kept.add(keyOf(x)!)
          out.push(...jsonDiff(a[j], x, `${pointer}/${i}`))
        }
      })
      a.forEach((x, i) => {
        if (!kept.has(keyOf(x)!)) out.push({ op: 'remove', pointer: `${pointer}/${i}`, before: x })
      })
      return out
    }
    const out: JsonChange[] = []
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) out.push({ op: 'add', pointer: `${pointer}/${i}`, after: b[i] })
      else if (i >= b.length) out.push({ op: 'remove', pointer: `${pointer}/${i}`, before: a[i] })
      else out.push(...jsonDiff(a[i], b[i], `${pointer}/${i}`))
    }
    return out
  }
  return [{ op: 'replace', pointer, before: a, after: b }]
}

/**
 * A document's short name as legal staff say it: 《四川省行政权力依法规范公开运行电子监察管理办法(试行)》 → 电子监察办法.
 * @example shortDocument('四川省行政权力依法规范公开运行电子监察管理办法(试行)') // '电子监察办法'
 */
export function shortDocument(title: string): string {
  const s = title
    .replace(/[（(]试行[)）]$/, '')
    .replace(/^(四川省|阿坝州)行政权力依法规范公开运行/, (_m, region: string) => (region === '阿坝州' ? '阿坝州' : ''))
    .replace(/管理办法$/, '办法')
  return s.length > 0 ? s : title
}

const at = (root: unknown, parts: readonly string[]): unknown => {
  let v = root
  for (const p of parts) v = isObj(v) || Array.isArray(v) ? (v as Obj)[p] : undefined
  return v
}
const partsOf = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
const show = (v: unknown): string => (v === undefined ? '（无）' : typeof v === 'string' ? v : JSON.stringify(v))
const citationWords = (c: unknown, fallbackDocument: string): string => {
  if (!isObj(c)) return typeof c === 'string' ? c : shortDocument(fallbackDocument)
  const doc = typeof c.document === 'string' ? shortDocument(c.document) : shortDocument(fallbackDocument)
  return `${doc} ${String(c.article ?? '')}${String(c.item ?? '')}`.trim()
}
const OPERATOR_WORDS: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: '属于',
  notIn: '不属于',
  contains: '包含',
  doesNotContain: '不包含',
}
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const unitWords: Record<string, string> = {
  workingDays: '个工作日',
  working: '个工作日',
  days: '日',
  calendarDays: '日',
  hours: '小时',
  yuan: '元',
  times: '次',
  platforms: '个平台',
  notices: '次告知',
  years: '年',
  multiple: '倍',
  count: '个',
  percent: '%',
}
const withUnit = (v: unknown, unit: unknown) =>
  `${show(v)}${typeof unit === 'string' ? ` ${unitWords[unit] ?? unit}` : ''}`

/** A dated value of a parameter: `{from|since|effectiveFrom, value}`, or an ISO-date key of a values object. */
function datedValues(values: unknown): { from: string; value: unknown }[] {
  if (Array.isArray(values)) {
    return values
      .filter(isObj)
      .map((v) => ({ from: String(v.from ?? v.since ?? v.effectiveFrom ?? ''), value: v.value }))
      .sort((x, y) => x.from.localeCompare(y.from))
  }
  if (isObj(values)) {
    return Object.entries(values)
      .filter(([k]) => ISO_DAY.test(k))
      .map(([from, v]) => ({ from, value: isObj(v) && 'value' in v ? v.value : v }))
      .sort((x, y) => x.from.localeCompare(y.from))
  }
  return []
}

/**
 * A parameter's place in the law: the provision of its latest value's source that names one (or the provision that
 * left the number to an office), as a loaded pack resolves it, or named as the document does.
 */
function provisionOf(node: Obj, name: (provision: string) => string | undefined): unknown {
  const values = Array.isArray(node.values) ? node.values.filter(isObj) : []
  const placed = (v: unknown) =>
    isObj(v) && (isObj(v.leftOpenBy) || v.provision !== undefined || typeof v.document === 'string')
  // the latest value that names its place in the law (an office decision may name none: the earlier value's stands)
  const latest =
    [...values]
      .reverse()
      .map((v) => v.source)
      .find(placed) ?? values[values.length - 1]?.source
  const source = isObj(latest) && isObj(latest.leftOpenBy) ? latest.leftOpenBy : latest
  if (isObj(source) && typeof source.document === 'string') return source
  const id = isObj(source) ? source.provision : undefined
  const first = Array.isArray(id) ? id[0] : id
  return typeof first === 'string' ? (name(first) ?? first) : undefined
}

/** The subject a pointer falls under: a rule or a parameter of the pack (or the pack itself). */
function subjectOf(
  pack: Obj,
  parts: readonly string[],
): { kind: 'rule' | 'parameter' | 'pack'; node: Obj; depth: number } {
  for (const kind of ['rules', 'parameters'] as const) {
    if (parts[0] === kind && parts.length >= 2) {
      const node = at(pack, parts.slice(0, 2))
      if (isObj(node)) return { kind: kind === 'rules' ? 'rule' : 'parameter', node, depth: 2 }
    }
  }
  return { kind: 'pack', node: pack, depth: 0 }
}

const FIELD_WORDS: Record<string, string> = {
  title: '标题',
  description: '说明',
  level: '级别',
  kind: '类别',
  notice: '文书',
  citation: '依据',
  effectiveFrom: '施行日期',
  effectiveUntil: '失效日期',
  version: '版本号',
  conditions: '条件',
  label: '名称',
  unit: '单位',
  issuingDocument: '制定文件',
}

/**
 * Every change of a pack in words, one line each:
 * "电子监察办法 第十条(二)3 黄灯提前量 3 → 5 个工作日，自 2027-01-01起".
 * @example describeChanges(inForce, draft).map((c) => c.zh)
 */
export function describeChanges(
  before: unknown,
  after: unknown,
  name: (provision: string) => string | undefined = () => undefined,
): WordedChange[] {
  const a = (isObj(before) ? before : {}) as Obj
  const b = (isObj(after) ? after : {}) as Obj
  const document = String((isObj(b.issuingDocument) && b.issuingDocument.title) || b.title || '')
  const out: WordedChange[] = []
  const seenValueChange = new Set<string>()
  for (const change of jsonDiff(a, b)) {
    const parts = partsOf(change.pointer)
    const root = change.op === 'remove' ? a : b
    const subject = subjectOf(root, parts)
    const rest = parts.slice(subject.depth)
    const node = subject.node
    const where = citationWords(node.citation ?? node.provision ?? node.reference ?? provisionOf(node, name), document)
    if (subject.kind === 'parameter') {
      const label = String(node.label ?? node.title ?? node.name ?? node.id)
      if (rest[0] === 'values') {
        const key = parts.slice(0, 2).join('/')
        if (seenValueChange.has(key)) continue
        seenValueChange.add(key)
        const old = datedValues(at(a, [...parts.slice(0, 2), 'values']))
        const now = datedValues(node.values)
        const added = now.filter((v) => !old.some((o) => o.from === v.from && same(o.value, v.value)))
        for (const v of added) {
          const previous = [...old].reverse().find((o) => o.from < v.from) ?? old[old.length - 1]
          out.push({
            pointer: change.pointer,
            zh: `${where} ${label} ${previous ? withUnit(previous.value, undefined) : '（无）'} → ${withUnit(v.value, node.unit)}，自 ${v.from}起`,
            en: `${where} ${String(node.id ?? label)}: ${show(previous?.value)} → ${show(v.value)}${node.unit ? ` ${String(node.unit)}` : ''} from ${v.from}`,
          })
        }
        for (const o of old.filter((o) => !now.some((v) => v.from === o.from))) {
          out.push({
            pointer: change.pointer,
            zh: `${where} ${label} 删去自 ${o.from}起的值 ${show(o.value)}`,
            en: `${where} ${String(node.id)}: value from ${o.from} removed`,
          })
        }
        continue
      }
      if (rest.length === 0) {
        const verb = change.op === 'add' ? '新增参数' : '删去参数'
        out.push({
          pointer: change.pointer,
          zh: `${where} ${verb} ${label}`,
          en: `${where} parameter ${String(node.id)} ${change.op === 'add' ? 'added' : 'removed'}`,
        })
        continue
      }
    }
    if (subject.kind === 'rule') {
      const title = `规则 ${String(node.id)}（${String(node.title ?? '')}）`
      if (rest.length === 0) {
        const verb = change.op === 'add' ? '新增' : '删去'
        out.push({
          pointer: change.pointer,
          zh: `${where} ${verb}${title}`,
          en: `${where} rule ${String(node.id)} ${change.op === 'add' ? 'added' : 'removed'}`,
        })
        continue
      }
      if (rest[0] === 'conditions') {
        const leaf = at(root, parts.slice(0, -1))
        const op = isObj(leaf) ? String(leaf.operator ?? '') : ''
        const fact = isObj(leaf) && typeof leaf.fact === 'string' ? `${leaf.fact} ${OPERATOR_WORDS[op] ?? op} ` : ''
        out.push({
          pointer: change.pointer,
          zh: `${where} ${title} 条件 ${fact}${show(change.before)} → ${show(change.after)}`,
          en: `${where} rule ${String(node.id)} condition ${fact}${show(change.before)} → ${show(change.after)}`,
        })
        continue
      }
      const field = FIELD_WORDS[rest[0]!] ?? rest.join('/')
      out.push({
        pointer: change.pointer,
        zh: `${where} ${title} ${field} ${show(change.before)} → ${show(change.after)}`,
        en: `${where} rule ${String(node.id)} ${rest.join('/')}: ${show(change.before)} → ${show(change.after)}`,
      })
      continue
    }
    const field = FIELD_WORDS[rest[0] ?? ''] ?? rest.join('/')
    out.push({
      pointer: change.pointer,
      zh: `${shortDocument(document)} ${field} ${show(change.before)} → ${show(change.after)}`,
      en: `pack ${rest.join('/')}: ${show(change.before)} → ${show(change.after)}`,
    })
  }
  return out
}
