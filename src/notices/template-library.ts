/** The notice templates of a directory: NAME.hbs with its NAME.json description, the partials in _partials/, the page in _page.hbs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { XingquanError, type Problem } from '../errors/xingquan-error.js'
import { loadProvisions, resolveCitations, type ProvisionLibrary } from '../provisions/provision-library.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import { locate, parseAndValidate } from '../schema/validator.js'
import type { NoticeTemplateMeta } from '../types/generated.js'

export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates', import.meta.url))
export const PARTIALS_DIR = '_partials'
export const PAGE_FILE = '_page.hbs'

export interface NoticeTemplate {
  readonly name: string
  /** Path of the .hbs file, relative to the working directory. */
  readonly file: string
  readonly source: string
  readonly metaFile: string
  readonly meta: NoticeTemplateMeta
}

export interface TemplateSource {
  readonly name: string
  readonly file: string
  readonly source: string
}

export interface TemplateLibrary {
  readonly dir: string
  readonly templates: ReadonlyMap<string, NoticeTemplate>
  readonly partials: ReadonlyMap<string, TemplateSource>
  readonly page: TemplateSource | undefined
}

let shipped: ProvisionLibrary | undefined
/** The provisions of the shipped rules directory, read once. */
function shippedProvisions(): ProvisionLibrary {
  shipped ??= loadProvisions(DEFAULT_RULES_DIR).library
  return shipped
}

const rel = (p: string) => relative(process.cwd(), p) || p

/**
 * Reads the templates of `dir`; returns the library and the problems (a template without a valid description is left out).
 * A basis cited by provision id is resolved from `provisions` (by default those of the shipped rules directory).
 * @example const { library, problems } = loadTemplateLibrary('templates')
 */
export function loadTemplateLibrary(
  dir = DEFAULT_TEMPLATES_DIR,
  provisions?: ProvisionLibrary,
): { library: TemplateLibrary; problems: Problem[] } {
  const templates = new Map<string, NoticeTemplate>()
  const partials = new Map<string, TemplateSource>()
  const problems: Problem[] = []
  if (!existsSync(dir)) {
    problems.push({
      code: 'TEMPLATES_DIR_MISSING',
      file: rel(dir),
      zh: '文书模板目录不存在',
      en: 'the templates directory does not exist',
    })
    return { library: { dir, templates, partials, page: undefined }, problems }
  }
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.hbs') || f.startsWith('_')) continue
    const name = f.slice(0, -4)
    const file = rel(join(dir, f))
    const metaPath = join(dir, `${name}.json`)
    const metaFile = rel(metaPath)
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      problems.push({
        code: 'TEMPLATE_NAME_INVALID',
        file,
        zh: `模板名“${name}”只能用小写字母、数字和连字符`,
        en: `template name "${name}" may use lower-case letters, digits and hyphens only`,
      })
      continue
    }
    if (!existsSync(metaPath)) {
      problems.push({
        code: 'TEMPLATE_META_MISSING',
        file,
        zh: `缺少模板说明 ${metaFile}（发文机关、主送、期限及依据）`,
        en: `missing the template description ${metaFile} (issuer, addressee, deadline and basis)`,
      })
      continue
    }
    try {
      const text = readFileSync(metaPath, 'utf8')
      const written = parseAndValidate<NoticeTemplateMeta>('notice-template', text, metaFile)
      const { value: meta, problems: unresolved } = resolveCitations(written, provisions ?? shippedProvisions())
      if (unresolved.length > 0) {
        problems.push(...unresolved.map((p) => ({ ...p, file: metaFile, ...(locate(text, p.pointer!) ?? {}) })))
        continue
      }
      templates.set(name, { name, file, source: readFileSync(join(dir, f), 'utf8'), metaFile, meta })
    } catch (err) {
      if (err instanceof XingquanError) problems.push(...err.problems)
      else throw err
    }
  }
  const partialsDir = join(dir, PARTIALS_DIR)
  if (existsSync(partialsDir)) {
    for (const f of readdirSync(partialsDir).sort()) {
      if (!f.endsWith('.hbs')) continue
      const name = f.slice(0, -4)
      partials.set(name, { name, file: rel(join(partialsDir, f)), source: readFileSync(join(partialsDir, f), 'utf8') })
    }
  }
  const pagePath = join(dir, PAGE_FILE)
  const page = existsSync(pagePath)
    ? { name: '_page', file: rel(pagePath), source: readFileSync(pagePath, 'utf8') }
    : undefined
  if (!page)
    problems.push({
      code: 'TEMPLATE_PAGE_MISSING',
      file: rel(pagePath),
      zh: '缺少页面模板 _page.hbs（A4 版式与样式）',
      en: 'missing the page template _page.hbs (A4 layout and style)',
    })
  return { library: { dir, templates, partials, page }, problems }
}
