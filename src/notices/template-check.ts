/** Checks one notice template before any notice is sent: unknown helpers, missing partials, unescaped output, fields the context does not have or may lack. */
import Handlebars from 'handlebars'
import type { Problem } from '../errors/xingquan-error.js'
import { contextRoot, field, isArray, items, type FieldShape } from './context-shape.js'
import { documentsNamedIn, noticeDocument } from './documents.js'
import { BUILTIN_HELPERS, HELPER_SPECS } from './helpers.js'
import type { NoticeTemplate, TemplateSource } from './template-library.js'
import type { DeadlineBasis } from '../types/generated.js'

type Node = hbs.AST.Node
type Program = hbs.AST.Program
type PathExpression = hbs.AST.PathExpression
type Expression = hbs.AST.Expression

export interface TemplateCheck {
  readonly problems: Problem[]
  /**
   * Fields of the firing the template uses unguarded, relative to the firing (`citation.text`, `alsoCites[].text`,
   * `params.band`): every rule that names the template must provide them.
   */
  readonly firingNeeds: ReadonlySet<string>
}

interface Scope {
  readonly shape: FieldShape | 'any'
  readonly path: string
}

interface Inline {
  readonly program: Program
  readonly file: string
}

interface Walk {
  readonly file: string
  readonly scopes: readonly Scope[]
  readonly guards: ReadonlySet<string>
  readonly inlines: ReadonlyMap<string, Inline>
  readonly partialBlock: Inline | undefined
  readonly via: readonly string[]
}

/** The documents a deadline basis cites: the law's, or those its note names. */
const deadlineDocuments = (b: DeadlineBasis): string[] =>
  b.kind === 'law' ? [b.citation.document] : documentsNamedIn(b.note).map((d) => d.title)

const BUILTINS = new Set<string>([...BUILTIN_HELPERS, 'log'])
const isHelper = (name: string) => name in HELPER_SPECS || BUILTINS.has(name)
const helperList = () => Object.keys(HELPER_SPECS).join('、')

/**
 * Parses a template, or says where its syntax is wrong.
 * @example parseTemplate({ name: 'x', file: 'templates/x.hbs', source: '{{#if a}}' }) // { problem: { code: 'TEMPLATE_SYNTAX', … } }
 */
export function parseTemplate(t: TemplateSource): { program: Program } | { problem: Problem } {
  try {
    return { program: Handlebars.parse(t.source) }
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number }
    const message = e.message
    const line = e.lineNumber ?? Number(/line (\d+)/.exec(message)?.[1] ?? NaN)
    const where = Number.isFinite(line) ? { line, ...(e.column !== undefined ? { column: e.column + 1 } : {}) } : {}
    const detail = message
      .split('\n')
      .filter((l) => !/^-*\^$/.test(l))
      .join(' ')
    return {
      problem: {
        code: 'TEMPLATE_SYNTAX',
        file: t.file,
        ...where,
        zh: `模板语法错误：${detail}`,
        en: `template syntax error: ${detail}`,
      },
    }
  }
}

/**
 * Checks a notice template against the notice context schema and its own description.
 * @example const { problems, firingNeeds } = checkTemplate(library.templates.get('red-alarm')!, library.partials)
 */
export function checkTemplate(template: NoticeTemplate, partials: ReadonlyMap<string, TemplateSource>): TemplateCheck {
  const problems: Problem[] = []
  const firingNeeds = new Set<string>()
  const seen = new Set<string>()
  const parsed = new Map<string, Program | undefined>()
  const meta = template.meta
  const eventTypes = meta.eventTypes

  const report = (w: Walk, node: Node | undefined, code: string, zh: string, en: string) => {
    const loc = node?.loc?.start
    const via = w.via.length > 0 ? `（经由 ${w.via.join(' → ')}）` : ''
    const p: Problem = {
      code,
      file: w.file,
      ...(loc ? { line: loc.line, column: loc.column + 1 } : {}),
      zh: `${template.name}：${zh}${via}`,
      en: `${template.name}: ${en}${via ? ` (via ${w.via.join(' → ')})` : ''}`,
    }
    const key = `${p.code}|${p.file}|${p.line}|${p.column}|${p.zh}`
    if (!seen.has(key)) {
      seen.add(key)
      problems.push(p)
    }
  }

  /** Root fields that may be null in general, but that this template's description guarantees. */
  const provided = (path: string): boolean => {
    switch (path) {
      case 'deadline':
        return meta.deadline !== undefined
      case 'event':
        return eventTypes !== undefined
      case 'materials':
        return eventTypes?.every((t) => t === 'supplementRequested') ?? false
      case 'report':
        return meta.addressee === 'reporter'
      case 'finding':
        return meta.firingKinds?.every((k) => k === 'accountability') ?? false
      default:
        return false
    }
  }
  const providerHint = (path: string): string =>
    ({
      deadline: '模板说明须声明 deadline / the description must declare a deadline',
      event: '模板说明须声明 eventTypes / the description must declare eventTypes',
      materials: '模板说明的 eventTypes 须为 ["supplementRequested"]',
      report: '模板说明的 addressee 须为 reporter',
      finding: '模板说明的 firingKinds 须为 ["accountability"]',
    })[path] ?? ''

  function resolve(
    w: Walk,
    expr: PathExpression,
    use: 'test' | 'value',
    extra: readonly string[] = [],
  ): Scope | undefined {
    let parts = [...expr.parts, ...extra]
    let scope: Scope | undefined
    if (expr.data) {
      if (parts[0] !== 'root') return { shape: 'any', path: `@${parts.join('.')}` }
      scope = w.scopes[0]
      parts = parts.slice(1)
    } else {
      scope = w.scopes[w.scopes.length - 1 - expr.depth]
    }
    if (!scope) {
      report(
        w,
        expr,
        'TEMPLATE_FIELD_UNKNOWN',
        `“${expr.original}”超出了上下文层级`,
        `"${expr.original}" goes above the top context`,
      )
      return undefined
    }
    let cur = scope
    for (const [i, part] of parts.entries()) {
      if (cur.shape === 'any') return cur
      const path = cur.path ? `${cur.path}.${part}` : part
      if (part === 'length' && isArray(cur.shape.nodes)) return { shape: 'any', path }
      const f = field(cur.shape.nodes, part, cur.path === 'event' ? eventTypes : undefined)
      if (!f) {
        const name = [expr.original, ...extra].join('.')
        report(
          w,
          expr,
          'TEMPLATE_FIELD_UNKNOWN',
          `文书数据中没有字段“${name}”（${path}）；可用字段见 schemas/notice-context.schema.json`,
          `the notice data has no field "${name}" (${path}); see schemas/notice-context.schema.json`,
        )
        return undefined
      }
      const last = i === parts.length - 1
      if (f.mayBeAbsent && !w.guards.has(path) && !(last && use === 'test') && !provided(path)) {
        if (path.startsWith('firing.')) firingNeeds.add(path.slice('firing.'.length))
        else {
          const hint = providerHint(path)
          report(
            w,
            expr,
            'TEMPLATE_FIELD_OPTIONAL',
            `字段“${path}”可能为空，文书会出现空白；请用 {{#if ${path}}} 判断${hint ? `，或：${hint}` : ''}`,
            `field "${path}" may be absent and would print a blank; guard it with {{#if ${path}}}${hint ? ` or: ${hint}` : ''}`,
          )
        }
      }
      cur = { shape: f.open ? 'any' : f, path }
    }
    return cur
  }

  function checkExpression(w: Walk, e: Expression) {
    if (e.type === 'PathExpression') resolve(w, e as PathExpression, 'value')
    else if (e.type === 'SubExpression') {
      const s = e as hbs.AST.SubExpression
      checkHelper(w, s.path, s.params, s.hash)
    }
  }

  function checkHelper(w: Walk, path: PathExpression, params: readonly Expression[], hash: hbs.AST.Hash | undefined) {
    const name = path.original
    if (!isHelper(name)) {
      report(
        w,
        path,
        'TEMPLATE_HELPER_UNKNOWN',
        `助手“${name}”不存在（可用：${helperList()}）`,
        `unknown helper "${name}"`,
      )
    }
    for (const p of params) checkExpression(w, p)
    for (const pair of hash?.pairs ?? []) checkExpression(w, pair.value)
    const needs = HELPER_SPECS[name]?.needs ?? []
    const first = params[0]
    if (first?.type === 'PathExpression') for (const sub of needs) resolve(w, first as PathExpression, 'value', [sub])
  }

  const inlinesOf = (program: Program, file: string, base: ReadonlyMap<string, Inline>): Map<string, Inline> => {
    const out = new Map(base)
    for (const s of program.body) {
      if (s.type !== 'DecoratorBlock') continue
      const d = s as hbs.AST.DecoratorBlock
      const name = (d.params[0] as hbs.AST.StringLiteral | undefined)?.value
      if (d.path.original === 'inline' && typeof name === 'string') out.set(name, { program: d.program, file })
    }
    return out
  }

  const partialProgram = (name: string): Program | undefined => {
    if (parsed.has(name)) return parsed.get(name)
    const source = partials.get(name)
    let program: Program | undefined
    if (source) {
      const r = parseTemplate(source)
      program = 'program' in r ? r.program : undefined
    }
    parsed.set(name, program)
    return program
  }

  function walkPartial(
    w: Walk,
    node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement,
    block: Program | undefined,
  ) {
    const nameNode = node.name
    const name =
      nameNode.type === 'PathExpression'
        ? (nameNode as PathExpression).original
        : String((nameNode as unknown as hbs.AST.StringLiteral).value ?? '')
    if (node.params.length > 0)
      report(
        w,
        node,
        'TEMPLATE_PARTIAL_CONTEXT',
        `部件“${name}”不能传入其他上下文`,
        `partial "${name}" must not be given another context`,
      )
    if (name === '@partial-block') {
      if (w.partialBlock) walkProgram({ ...w, file: w.partialBlock.file }, w.partialBlock.program)
      return
    }
    if (w.via.includes(name)) return
    const inline = w.inlines.get(name)
    if (inline) {
      walkProgram({ ...w, file: inline.file, via: [...w.via, name] }, inline.program)
      return
    }
    const program = partialProgram(name)
    const source = partials.get(name)
    if (!program || !source) {
      if (block)
        walkProgram(w, block) // {{#> name}}fallback{{/name}}: the fallback renders
      else if (!source)
        report(
          w,
          node,
          'TEMPLATE_PARTIAL_MISSING',
          `部件“${name}”不存在（templates/_partials/${name}.hbs）`,
          `partial "${name}" does not exist (templates/_partials/${name}.hbs)`,
        )
      return
    }
    const inlines = block ? inlinesOf(block, w.file, w.inlines) : w.inlines
    walkProgram(
      {
        ...w,
        file: source.file,
        inlines,
        partialBlock: block ? { program: block, file: w.file } : w.partialBlock,
        via: [...w.via, name],
      },
      program,
    )
  }

  function walkBlock(w: Walk, b: hbs.AST.BlockStatement) {
    const name = b.path.original
    const arg = b.params[0]
    const argPath = arg?.type === 'PathExpression' ? (arg as PathExpression) : undefined
    for (const p of b.params.slice(1)) checkExpression(w, p)
    if (arg?.type === 'SubExpression') checkExpression(w, arg)
    if (name === 'if' || name === 'unless') {
      const target = argPath ? resolve(w, argPath, 'test') : undefined
      const guarded = target ? new Set([...w.guards, target.path]) : w.guards
      if (b.program) walkProgram({ ...w, guards: name === 'if' ? guarded : w.guards }, b.program)
      if (b.inverse) walkProgram({ ...w, guards: name === 'unless' ? guarded : w.guards }, b.inverse)
      return
    }
    if (name === 'with' || name === 'each') {
      const target = argPath ? resolve(w, argPath, 'test') : undefined
      let inner: Scope = { shape: 'any', path: target?.path ?? '' }
      if (target && target.shape !== 'any') {
        if (name === 'with') inner = { shape: { ...target.shape, mayBeAbsent: false }, path: target.path }
        else inner = { shape: items(target.shape.nodes) ?? 'any', path: `${target.path}[]` }
      }
      if (b.program)
        walkProgram({ ...w, scopes: [...w.scopes, inner], guards: new Set([...w.guards, inner.path]) }, b.program)
      if (b.inverse) walkProgram(w, b.inverse)
      return
    }
    if (name in HELPER_SPECS)
      report(
        w,
        b,
        'TEMPLATE_HELPER_NOT_BLOCK',
        `助手“${name}”不是块助手，不能写成 {{#${name}}}`,
        `helper "${name}" is not a block helper`,
      )
    else
      report(
        w,
        b,
        'TEMPLATE_HELPER_UNKNOWN',
        `块助手“${name}”不存在；条件和循环请用 #if、#unless、#each、#with`,
        `unknown block helper "${name}"; use #if, #unless, #each, #with`,
      )
    if (b.program) walkProgram(w, b.program)
    if (b.inverse) walkProgram(w, b.inverse)
  }

  function walkProgram(w: Walk, program: Program) {
    const local: Walk = { ...w, inlines: inlinesOf(program, w.file, w.inlines) }
    for (const s of program.body) {
      switch (s.type) {
        case 'MustacheStatement': {
          const m = s as hbs.AST.MustacheStatement
          if (!m.escaped)
            report(
              local,
              m,
              'TEMPLATE_UNESCAPED',
              '不得使用 {{{ }}} 或 {{& }} 输出未转义的内容：办件中的文字可能夹带标记',
              'no {{{ }}} or {{& }}: text from a case could inject markup',
            )
          if (m.path.type !== 'PathExpression') break
          const path = m.path as PathExpression
          if (!path.data && (m.params.length > 0 || m.hash?.pairs.length || isHelper(path.original)))
            checkHelper(local, path, m.params, m.hash)
          else resolve(local, path, 'value')
          break
        }
        case 'BlockStatement':
          walkBlock(local, s as hbs.AST.BlockStatement)
          break
        case 'PartialStatement':
          walkPartial(local, s as hbs.AST.PartialStatement, undefined)
          break
        case 'PartialBlockStatement': {
          const pb = s as hbs.AST.PartialBlockStatement
          walkPartial(local, pb, pb.program)
          break
        }
        case 'ContentStatement':
          checkCitesInForce(local, s as hbs.AST.ContentStatement)
          break
        default:
          break // comments, inline partial definitions (walked where they are used)
      }
    }
  }

  /** The documents the template may name anywhere: those it is made only under. */
  const required = new Set(meta.inForceRequired ?? [])

  /** A sentence of the template that names a document must stand inside {{#if inForce.KEY}}, unless the notice requires it. */
  function checkCitesInForce(w: Walk, c: hbs.AST.ContentStatement) {
    for (const d of documentsNamedIn(c.value)) {
      if (required.has(d.title) || w.guards.has(`inForce.${d.key}`)) continue
      report(
        w,
        c,
        'TEMPLATE_CITES_UNCONDITIONALLY',
        `正文引用了《${d.title}》，但不在 {{#if inForce.${d.key}}} 之内：该文件失效后文书仍会引用它；请用 {{#if inForce.${d.key}}}…{{else}}…{{/if}} 写出失效时的表述，或在模板说明中以 inForceRequired 声明本文书只在其有效期内制作`,
        `the text cites "${d.title}" outside {{#if inForce.${d.key}}}: the notice would cite it after it lapsed; guard it and say what applies otherwise, or declare it in inForceRequired`,
      )
    }
  }

  /** The description: every document it cites is one the notice context knows; a deadline basis has its alternative. */
  function checkMeta() {
    const where: Walk = {
      file: template.metaFile,
      scopes: [],
      guards: new Set(),
      inlines: new Map(),
      partialBlock: undefined,
      via: [],
    }
    const known = (title: string, at: string) => {
      if (noticeDocument(title)) return true
      report(
        where,
        undefined,
        'TEMPLATE_DOCUMENT_UNKNOWN',
        `${at} 引用的《${title}》不在文书可引用的文件之列（src/notices/documents.ts），无法判断其是否有效`,
        `${at} cites "${title}", which the notices do not know (src/notices/documents.ts): whether it is in force cannot be told`,
      )
      return false
    }
    for (const t of required) known(t, 'inForceRequired')
    for (const c of meta.basis) known(c.document, 'basis')
    const alternatives = meta.whenNotInForce ?? {}
    for (const [title, alt] of Object.entries(alternatives)) {
      if (!known(title, 'whenNotInForce') || !alt) continue
      for (const c of alt.basis ?? []) {
        known(c.document, `whenNotInForce.${title}.basis`)
        if (c.document === title)
          report(
            where,
            undefined,
            'TEMPLATE_ALTERNATIVE_INVALID',
            `whenNotInForce 中《${title}》的替代依据不能再引用它自己`,
            `the alternative for "${title}" cites "${title}" itself`,
          )
      }
      const named = alt.deadlineBasis ? deadlineDocuments(alt.deadlineBasis) : []
      if (named.includes(title))
        report(
          where,
          undefined,
          'TEMPLATE_ALTERNATIVE_INVALID',
          `whenNotInForce 中《${title}》的替代期限依据不能再引用它自己`,
          `the alternative deadline basis for "${title}" cites "${title}" itself`,
        )
    }
    if (meta.deadline) {
      for (const title of deadlineDocuments(meta.deadline.basis)) {
        if (!known(title, 'deadline.basis') || required.has(title) || alternatives[title]?.deadlineBasis) continue
        report(
          where,
          undefined,
          'TEMPLATE_CITES_UNCONDITIONALLY',
          `期限依据引用了《${title}》，但没有在 whenNotInForce 中给出该文件失效时的 deadlineBasis，也没有在 inForceRequired 中声明本文书只在其有效期内制作`,
          `the deadline basis cites "${title}" with neither a whenNotInForce deadlineBasis for when it has lapsed nor an inForceRequired declaration`,
        )
      }
    }
  }
  checkMeta()

  const parsedTemplate = parseTemplate(template)
  if ('problem' in parsedTemplate) return { problems: [parsedTemplate.problem], firingNeeds }
  const root: Scope = { shape: contextRoot(), path: '' }
  walkProgram(
    { file: template.file, scopes: [root], guards: new Set(), inlines: new Map(), partialBlock: undefined, via: [] },
    parsedTemplate.program,
  )
  return { problems, firingNeeds }
}
