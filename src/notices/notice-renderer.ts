/** Compiles the notice templates once (strict mode, escaping on) and renders a context into print-ready HTML and plain text. */
import { breakTitlesByMeaning } from './title-lines.js'
import type Handlebars from 'handlebars'
import type { Calendar } from '../calendar/calendar.js'
import { XingquanError } from '../errors/xingquan-error.js'
import { validate } from '../schema/validator.js'
import type { NoticeContext } from '../types/generated.js'
import { createNoticeHandlebars } from './helpers.js'
import { noticeText } from './html-to-text.js'
import type { NoticeTemplate, TemplateLibrary } from './template-library.js'

/** Handlebars compile options for every notice: strict (a missing field throws), escaping on. */
export const COMPILE_OPTIONS = { strict: true, noEscape: false } as const

/**
 * Renders notices from one template library. Build it once; it compiles each template on first use.
 * @example
 * const renderer = new NoticeRenderer(library, env.calendar)
 * const article = renderer.article('red-alarm', context)
 * const html = renderer.page([article], '红灯报警通知'); const text = renderer.text(article)
 */
export class NoticeRenderer {
  private readonly hb: typeof Handlebars
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>()
  private pageTemplate: Handlebars.TemplateDelegate | undefined

  constructor(
    readonly library: TemplateLibrary,
    readonly calendar: Calendar,
  ) {
    this.hb = createNoticeHandlebars(calendar)
    // Registered compiled (lazily, once): a partial registered as source is compiled again at every use.
    for (const p of library.partials.values())
      this.hb.registerPartial(p.name, this.hb.compile(p.source, COMPILE_OPTIONS))
  }

  /** The template of that name; throws NOTICE_TEMPLATE_MISSING. */
  template(name: string): NoticeTemplate {
    const t = this.library.templates.get(name)
    if (!t)
      throw new XingquanError({
        code: 'NOTICE_TEMPLATE_MISSING',
        zh: `文书模板“${name}”不存在`,
        en: `notice template "${name}" does not exist`,
      })
    return t
  }

  /**
   * The notice as an HTML article, every value from the case escaped; throws XingquanError when the context is not
   * what templates may rely on, or a field the template needs is missing.
   */
  article(name: string, context: NoticeContext): string {
    const template = this.template(name)
    const problems = validate('notice-context', context)
    if (problems.length > 0) {
      throw new XingquanError(
        problems.map((p) => ({
          ...p,
          code: 'NOTICE_CONTEXT_INVALID',
          zh: `文书数据不完整（${p.pointer}）：${p.zh}`,
          en: `notice data incomplete (${p.pointer}): ${p.en}`,
        })),
      )
    }
    let fn = this.compiled.get(name)
    if (!fn) {
      fn = this.hb.compile(template.source, COMPILE_OPTIONS)
      this.compiled.set(name, fn)
    }
    try {
      return breakTitlesByMeaning(fn(context))
    } catch (err) {
      if (err instanceof XingquanError)
        throw new XingquanError(err.problems.map((p) => ({ ...p, file: p.file ?? template.file })))
      throw new XingquanError({
        code: 'NOTICE_RENDER_FAILED',
        file: template.file,
        zh: `文书模板渲染失败：${(err as Error).message}`,
        en: `the notice template failed to render: ${(err as Error).message}`,
      })
    }
  }

  /**
   * A print-ready A4 HTML page holding the articles, each on its own page.
   * @example renderer.page([article], '督办通知')
   */
  page(articles: readonly string[], title: string): string {
    if (!this.library.page)
      throw new XingquanError({
        code: 'TEMPLATE_PAGE_MISSING',
        zh: '缺少页面模板 _page.hbs',
        en: 'missing the page template _page.hbs',
      })
    this.pageTemplate ??= this.hb.compile(this.library.page.source, COMPILE_OPTIONS)
    return this.pageTemplate({ title, notices: articles })
  }

  /**
   * The plain text of an article, 28 characters a line.
   * @example renderer.text(article)
   */
  text(article: string): string {
    return noticeText(article)
  }
}
