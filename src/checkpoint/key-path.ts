/** Where the checkpoint signing key is kept: a configured path, or beside the embedded database's data. */
import { join, resolve } from 'node:path'

/**
 * The key file: `explicit` (the `--checkpoint-key` option), else $XINGQUAN_CHECKPOINT_KEY, else
 * `<data dir>/checkpoint-key` (./data for PostgreSQL too); none for an in-memory database without configuration.
 * @example checkpointKeyPath({ dataDir: './data' }) // '/…/data/checkpoint-key'
 */
export function checkpointKeyPath(options: {
  readonly explicit?: string | undefined
  readonly dataDir?: string | undefined
}): string | undefined {
  const configured = options.explicit ?? process.env.XINGQUAN_CHECKPOINT_KEY
  if (configured) return resolve(configured)
  if (options.dataDir === 'memory') return undefined
  return join(resolve(options.dataDir ?? './data'), 'checkpoint-key')
}
