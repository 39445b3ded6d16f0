/** The service's checkpoints on a schedule: one every so many minutes, unless nothing changed since the last. */
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import type { SigningKey } from './signing-key.js'
import { takeCheckpointIfChanged } from './take-checkpoint.js'

export const SCHEDULED = 'system:checkpoint'

/**
 * Takes a checkpoint every `minutes` (and one at once); returns the function that stops it. A failure goes to
 * `failed` (the service logs it) and the next turn tries again.
 * @example const stop = startCheckpoints(rt.db, rt.checkpointKey(), 60, (err) => log.error({ err }, 'checkpoint failed'))
 */
export function startCheckpoints(
  db: Kysely<Database>,
  key: SigningKey,
  minutes: number,
  failed: (err: Error) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve()
  const turn = () => {
    running = takeCheckpointIfChanged(db, key, SCHEDULED).catch((err: unknown) => failed(err as Error))
  }
  turn()
  const timer = setInterval(turn, minutes * 60_000)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
