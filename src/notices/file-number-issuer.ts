/** A NoticeNumberIssuer on files (for the CLI and embedded use): a counter per organ and year, a lock, and an append-only ledger. */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { XingquanError } from '../errors/xingquan-error.js'
import {
  noticeNumber,
  type IssuePurpose,
  type NoticeNumber,
  type NoticeNumberIssuer,
  type NumberingOrgan,
} from './number-issuer.js'

export const DEFAULT_NUMBERS_DIR = join('data', 'notice-numbers')

export interface FileIssuerOptions {
  /** How long to wait for another process's lock, ms (default 10 000). */
  readonly lockTimeoutMs?: number
  /** A lock older than this is taken to belong to a dead process, ms (default 60 000). */
  readonly staleLockMs?: number
  /** The clock written into the ledger (tests pass a fixed one). */
  readonly now?: () => Date
}

interface LedgerLine {
  readonly sequence: number
  readonly text: string
  readonly at: string
  readonly issued?: IssuePurpose
  readonly voided?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function writeDurably(path: string, text: string, flag: 'w' | 'a'): void {
  const fd = openSync(path, flag)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Numbers kept under `dir/<organ id>/<year>.*`: `counter.json` holds the last sequence taken (written to a temporary
 * file, fsynced and renamed over the old one, so it is never half written); `ledger.jsonl` records every number
 * issued and voided. The counter is advanced before the number is handed out, so a failure afterwards leaves a
 * gap, never a reuse; on start the higher of the counter and the ledger wins. A lock file created exclusively
 * (`wx`) serializes processes.
 * @example
 * const issuer = new FileNoticeNumberIssuer('data/notice-numbers')
 * const n = await issuer.issue({ id: '513222.gov-office', code: '理府办' }, 2026, purpose) // 理府办〔2026〕1号
 */
export class FileNoticeNumberIssuer implements NoticeNumberIssuer {
  private readonly lockTimeoutMs: number
  private readonly staleLockMs: number
  private readonly now: () => Date

  constructor(
    readonly dir: string = DEFAULT_NUMBERS_DIR,
    options: FileIssuerOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000
    this.staleLockMs = options.staleLockMs ?? 60_000
    this.now = options.now ?? (() => new Date())
  }

  async peek(organ: NumberingOrgan, year: number): Promise<NoticeNumber> {
    return noticeNumber(organ, year, this.lastTaken(organ, year) + 1)
  }

  async issue(organ: NumberingOrgan, year: number, purpose: IssuePurpose): Promise<NoticeNumber> {
    return this.locked(organ, year, () => {
      const number = noticeNumber(organ, year, this.lastTaken(organ, year) + 1)
      const base = this.base(organ, year)
      const tmp = `${base}.counter.json.${process.pid}.tmp`
      writeDurably(
        tmp,
        `${JSON.stringify({ organId: organ.id, code: organ.code, year, last: number.sequence })}\n`,
        'w',
      )
      renameSync(tmp, `${base}.counter.json`)
      this.append(organ, year, {
        sequence: number.sequence,
        text: number.text,
        at: this.now().toISOString(),
        issued: purpose,
      })
      return number
    })
  }

  async void(number: NoticeNumber, reason: string): Promise<void> {
    const organ = { id: number.organId, code: number.code }
    await this.locked(organ, number.year, () =>
      this.append(organ, number.year, {
        sequence: number.sequence,
        text: number.text,
        at: this.now().toISOString(),
        voided: reason,
      }),
    )
  }

  /**
   * Every ledger line of an organ and year, in order: what auditors read.
   * @example issuer.ledger({ id: '513222.gov-office', code: '理府办' }, 2026)
   */
  ledger(organ: NumberingOrgan, year: number): LedgerLine[] {
    const path = `${this.base(organ, year)}.ledger.jsonl`
    if (!existsSync(path)) return []
    const lines: LedgerLine[] = []
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue
      try {
        lines.push(JSON.parse(line) as LedgerLine)
      } catch {
        // a line cut short by a crash: the counter still holds its sequence
      }
    }
    return lines
  }

  private base(organ: NumberingOrgan, year: number): string {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(organ.id) || !Number.isInteger(year) || year < 1000 || year > 9999) {
      throw new XingquanError({
        code: 'ARGUMENT_INVALID',
        zh: `机关编号或年份无效：${organ.id} ${year}`,
        en: `invalid organ id or year: ${organ.id} ${year}`,
      })
    }
    return join(this.dir, organ.id, String(year))
  }

  private lastTaken(organ: NumberingOrgan, year: number): number {
    const counterPath = `${this.base(organ, year)}.counter.json`
    const counter = existsSync(counterPath)
      ? (JSON.parse(readFileSync(counterPath, 'utf8')) as { last: number }).last
      : 0
    const ledgerMax = this.ledger(organ, year).reduce((m, l) => Math.max(m, l.sequence), 0)
    return Math.max(counter, ledgerMax)
  }

  private append(organ: NumberingOrgan, year: number, line: LedgerLine): void {
    writeDurably(`${this.base(organ, year)}.ledger.jsonl`, `${JSON.stringify(line)}\n`, 'a')
  }

  private async locked<T>(organ: NumberingOrgan, year: number, work: () => T): Promise<T> {
    const base = this.base(organ, year)
    mkdirSync(join(this.dir, organ.id), { recursive: true })
    const lock = `${base}.lock`
    const deadline = Date.now() + this.lockTimeoutMs
    for (;;) {
      try {
        closeSync(openSync(lock, 'wx'))
        break
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
        try {
          if (Date.now() - statSync(lock).mtimeMs > this.staleLockMs) unlinkSync(lock)
        } catch {
          // released meanwhile
        }
        if (Date.now() > deadline) {
          throw new XingquanError({
            code: 'NOTICE_NUMBER_LOCKED',
            zh: `文号序列被占用（${lock}），请稍后重试`,
            en: `the number sequence is locked (${lock}); try again later`,
          })
        }
        await sleep(5 + Math.random() * 20)
      }
    }
    try {
      return work()
    } finally {
      unlinkSync(lock)
    }
  }
}
