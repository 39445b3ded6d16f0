/** `xingquan notice CASE.json --event N | --at MOMENT`: previews (or, with --issue, issues) the notices the firings call for. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { XingquanError, formatProblem } from '../errors/xingquan-error.js'
import { htmlToPdf } from '../print/chromium-pdf.js'
import { loadEnvironment } from '../evaluation/environment.js'
import { composeNotices } from '../notices/compose-notices.js'
import { DEFAULT_NUMBERS_DIR, FileNoticeNumberIssuer } from '../notices/file-number-issuer.js'
import { NoticeRenderer } from '../notices/notice-renderer.js'
import { DEFAULT_ORGANS_DIR, loadOrgansOrThrow } from '../notices/organs.js'
import { DEFAULT_TEMPLATES_DIR, loadTemplateLibrary } from '../notices/template-library.js'
import { DEFAULT_RULES_DIR } from '../rules/rule-library.js'
import { parseAndValidate } from '../schema/validator.js'
import { readExample } from '../examples/example-case.js'
import type { CaseFile } from '../types/generated.js'
import { parseCommandArgs, type CommandResult } from './command-result.js'

export const NOTICE_USAGE = `用法 usage: xingquan notice CASE.json (--event N | --at MOMENT) [--format text|html|pdf] [--out FILE] [--rule RULE_ID] [--date YYYY-MM-DD]
                       [--issue] [--numbers DIR] [--rules DIR] [--templates DIR] [--organs DIR]
  默认为预览：文号只是“下一个可用的号”，不占用序列；加 --issue 才从 --numbers（默认 ./data/notice-numbers）正式取号，取得的号永不重复使用。
  By default a preview: the number shown is the next free one and is not consumed; --issue takes real numbers from --numbers (default ./data/notice-numbers), never reused.
  CASE.json 可以是办件文件，也可以是规则样例（*.example.json）/ a case file or a rule example.
  --format pdf 经 Chromium 排版为 PDF（需 --out）/ through Chromium to a PDF (needs --out).`

const MOMENT = /([zZ]|[+-]\d\d:\d\d)$/

function readCase(file: string): CaseFile {
  const text = readFileSync(file, 'utf8')
  const data = JSON.parse(text) as Record<string, unknown>
  if (data && typeof data === 'object' && 'expect' in data && ('case' in data || 'base' in data))
    return readExample(file).case
  return parseAndValidate<CaseFile>('case-file', text, file)
}

/**
 * Runs the notice command.
 * @example await runNotice(['rules/sichuan/examples/statutory-overdue-fires.example.json', '--at', '2025-10-31T09:00:00+08:00'])
 */
export async function runNotice(argv: readonly string[]): Promise<CommandResult> {
  const args = parseCommandArgs(
    argv,
    {
      event: { type: 'string' },
      at: { type: 'string' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      rule: { type: 'string' },
      date: { type: 'string' },
      issue: { type: 'boolean' },
      numbers: { type: 'string' },
      rules: { type: 'string' },
      templates: { type: 'string' },
      organs: { type: 'string' },
    },
    NOTICE_USAGE,
  )
  if ('exitCode' in args) return args
  const file = args.positionals[0]
  const v = args.values
  const event = v.event !== undefined ? Number(v.event) : undefined
  const bad =
    !file ||
    (event === undefined && v.at === undefined) ||
    (event !== undefined && (!Number.isInteger(event) || event < 1)) ||
    (v.at !== undefined && (Number.isNaN(Date.parse(v.at)) || !MOMENT.test(v.at))) ||
    (v.format !== 'text' && v.format !== 'html' && v.format !== 'pdf') ||
    (v.format === 'pdf' && v.out === undefined) ||
    (v.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v.date))
  if (bad) return { exitCode: 2, stdout: '', stderr: `${NOTICE_USAGE}\n` }
  try {
    const rulesDir = v.rules ?? DEFAULT_RULES_DIR
    const env = loadEnvironment(rulesDir)
    const organsDir = v.organs ?? (existsSync(join(rulesDir, 'organs')) ? join(rulesDir, 'organs') : DEFAULT_ORGANS_DIR)
    const { library, problems } = loadTemplateLibrary(v.templates ?? DEFAULT_TEMPLATES_DIR)
    if (problems.some((p) => (p.severity ?? 'error') === 'error')) throw new XingquanError(problems)
    const renderer = new NoticeRenderer(library, env.calendar)
    const issuer = new FileNoticeNumberIssuer(v.numbers ?? DEFAULT_NUMBERS_DIR)
    const caseFile = readCase(file)
    const { notices, evaluation } = await composeNotices(
      { env, renderer, organs: loadOrgansOrThrow(organsDir), issuer },
      caseFile,
      {
        ...(event !== undefined ? { event } : {}),
        ...(v.at !== undefined ? { at: v.at } : {}),
        ...(v.rule !== undefined ? { rule: v.rule } : {}),
        ...(v.date !== undefined ? { date: v.date } : {}),
        issue: v.issue === true,
      },
    )
    const where =
      evaluation.sequence !== null
        ? `第 ${evaluation.sequence} 个事件 event ${evaluation.sequence}`
        : `${evaluation.at}`
    if (notices.length === 0) {
      return {
        exitCode: 0,
        stdout: '',
        stderr: `${where}：没有需要制作文书的触发结果 / no firing calls for a notice\n`,
      }
    }
    const notes = notices.map((n) => {
      const state = n.preview ? '预览，文号未占用 preview, number not taken' : '已取号 number issued'
      const confirm =
        n.organ.status === 'toBeConfirmed'
          ? `；发文机关名称和代字待确认 organ name and code to be confirmed (${n.organ.file})`
          : ''
      return [
        `${n.number.text} ${n.title} ← ${n.ruleId}（${state}${confirm}）`,
        ...n.warnings.map((w) => `  警告 warning: ${w}`),
      ].join('\n')
    })
    const html = () =>
      renderer.page(
        notices.map((n) => n.article),
        notices.map((n) => n.title).join('、'),
      )
    if (v.format === 'pdf') {
      writeFileSync(v.out!, await htmlToPdf(html()))
      return { exitCode: 0, stdout: '', stderr: `${notes.join('\n')}\n已写出 / wrote ${v.out}\n` }
    }
    const stdout = v.format === 'html' ? html() : notices.map((n) => n.text).join('\f\n')
    return { exitCode: 0, stdout, stderr: `${notes.join('\n')}\n` }
  } catch (err) {
    if (err instanceof XingquanError)
      return { exitCode: 1, stdout: '', stderr: `${err.problems.map(formatProblem).join('\n')}\n` }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return {
        exitCode: 1,
        stdout: '',
        stderr: `找不到文件 file not found: ${(err as NodeJS.ErrnoException).path ?? file}\n`,
      }
    if (err instanceof SyntaxError)
      return { exitCode: 1, stdout: '', stderr: `不是有效的 JSON not valid JSON: ${file}: ${err.message}\n` }
    throw err
  }
}
