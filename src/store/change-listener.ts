/**
 * Follows the `xingquan_changes` channel of a PostgreSQL database (migration 0015) on a connection of its own, so that
 * every server process learns at once of a pack activated, a token revoked or the catalog changed by another. A lost
 * connection is made again after a second, and then everything counts as changed (a notice may have been missed).
 */
import pg from 'pg'

/** What changed: a table's name, `token_revocations:<token id>`, or `*` (anything: the connection was made again). */
export type Change = string

export interface ChangeListener {
  close(): Promise<void>
}

/**
 * Listens until closed; `onChange` is called for each notice, `onError` for a connection that failed.
 * @example const listener = await listenForChanges(url, (c) => c === 'pack_activations' && reload(), log)
 */
export async function listenForChanges(
  url: string,
  onChange: (change: Change) => void,
  onError: (err: unknown) => void,
): Promise<ChangeListener> {
  let closed = false
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  const connect = async (again: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: url })
    c.on('notification', (n) => {
      if (n.channel === 'xingquan_changes') onChange(n.payload ?? '*')
    })
    c.on('error', (err) => {
      onError(err)
      reconnect()
    })
    c.on('end', () => reconnect())
    client = c
    await c.connect()
    await c.query('listen xingquan_changes')
    if (again) onChange('*')
  }
  const reconnect = () => {
    if (closed || retry) return
    client = undefined
    retry = setTimeout(() => {
      retry = undefined
      connect(true).catch((err) => {
        onError(err)
        reconnect()
      })
    }, 1000)
    retry.unref()
  }
  await connect(false)
  return {
    close: async () => {
      closed = true
      if (retry) clearTimeout(retry)
      await client?.end().catch(() => {})
    },
  }
}
