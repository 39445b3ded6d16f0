/** The one error shape of xingquan: a code, a Chinese and an English message, and where it happened. */

export interface Problem {
  /** Stable machine code, e.g. `CALENDAR_YEAR_MISSING`. */
  readonly code: string
  /** Message in Chinese, for legal staff. */
  readonly zh: string
  /** Message in English. */
  readonly en: string
  /** File the problem was found in, when there is one. */
  readonly file?: string
  /** JSON pointer inside that file or input. */
  readonly pointer?: string
  readonly line?: number
  readonly column?: number
  /** How grave: an error stops lint and activation; a warning or a note is reported. Default error. */
  readonly severity?: 'error' | 'warning' | 'info'
}

/** Formats a problem as one line: `file:line:column pointer [CODE] zh / en`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? `${p.line}:${p.column ?? 1}` : undefined].filter(Boolean).join(':')
  const pointer = p.pointer !== undefined ? ` ${p.pointer || '/'}` : ''
  const grade =
    p.severity && p.severity !== 'error' ? `${p.severity === 'warning' ? '警告 warning' : '提示 info'} ` : ''
  return `${where ? `${where + pointer} ` : pointer ? `${pointer.trim()} ` : ''}${grade}[${p.code}] ${p.zh} / ${p.en}`
}

/**
 * Thrown when input cannot be used; carries one or more problems.
 * @example throw new XingquanError({ code: 'X', zh: '……', en: '…' })
 */
export class XingquanError extends Error {
  readonly problems: readonly Problem[]
  constructor(problem: Problem | readonly Problem[]) {
    const problems = Array.isArray(problem) ? (problem as readonly Problem[]) : [problem as Problem]
    super(problems.map(formatProblem).join('\n'))
    this.name = 'XingquanError'
    this.problems = problems
  }
  get code(): string {
    return this.problems[0]?.code ?? 'UNKNOWN'
  }
}
