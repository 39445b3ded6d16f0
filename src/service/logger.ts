/**
 * The service's log: pino, one JSON line per record, pretty on a terminal; LOG_LEVEL chooses how much. Lines are
 * written asynchronously (pino.destination with sync: false): a request's line is queued and written with the lines
 * of the requests served meanwhile, in one write, instead of one blocking write per request. (A line costs pino about
 * 6–7 µs either way; what the blocking write cost was the wait for the reader of stdout.) Nothing waits for a buffer to
 * fill (minLength 0: 4,096 saved under 1 µs a line), so a quiet
 * server's lines appear at once; a log reader that stalls (a full pipe) no longer stalls the server: up to 16 MiB is
 * queued, then lines are dropped rather than the event loop blocked. pino flushes what is queued when the process exits.
 */
import { pino, type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'

export type { Logger } from 'pino'

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

/**
 * A logger at `LOG_LEVEL` (default info; an unknown level is refused, not guessed): JSON lines on stdout, written
 * asynchronously, or pino-pretty's lines when stdout is a terminal. Give `destination` to write somewhere else (tests
 * do).
 * @example const log = createLogger(); log.info({ caseId }, 'appended')
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info'
  if (!LEVELS.has(level)) {
    throw new Error(`LOG_LEVEL ${JSON.stringify(level)} is not one of ${[...LEVELS].join(', ')}`)
  }
  const destination =
    options.destination ??
    (process.stdout.isTTY
      ? pretty({ colorize: true, ignore: 'pid,hostname' })
      : pino.destination({ dest: 1, sync: false, minLength: 0, maxLength: 16 * 2 ** 20 }))
  return pino({ level }, destination)
}

let shared: Logger | undefined

/**
 * The process's logger, made on first use (or the one given to `useServiceLog`).
 * @example serviceLog().warn({ code }, 'case set aside')
 */
export function serviceLog(): Logger {
  shared ??= createLogger()
  return shared
}

/**
 * Makes `log` the process's logger (a test reads what the sweep logs); returns the one it replaces.
 * @example const before = useServiceLog(createLogger({ destination })); … useServiceLog(before)
 */
export function useServiceLog(log: Logger | undefined): Logger | undefined {
  const before = shared
  shared = log
  return before
}
