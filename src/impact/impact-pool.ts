/** Worker threads that replay batches of cases, one batch at a time each; or the calling thread when asked for none. */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { StoredCase } from '../store/case-batches.js'
import type { BatchResult } from './impact-tally.js'
import { sidesOf, type SidesInput } from './impact-sides.js'
import type { ReplayOptions } from './paired-replay.js'
import { replayBatch, type ImpactSides } from './replay-batch.js'

interface Pending {
  readonly resolve: (r: BatchResult) => void
  readonly reject: (e: Error) => void
}

/**
 * A pool of `size` workers (default: one per core); `size` 0 replays in the calling thread.
 * @example const pool = await ImpactPool.start(input, at); const r = await pool.replay(batch); await pool.close()
 */
export class ImpactPool {
  private readonly idle: Worker[] = []
  private readonly waiting: (() => void)[] = []
  private readonly pending = new Map<number, Pending>()
  private next = 0
  /** Set when a worker fails outside a batch (it could not start, or it died): every later batch fails with it. */
  private broken: Error | undefined

  private constructor(
    private readonly workers: readonly Worker[],
    private readonly inline: ImpactSides | undefined,
    private readonly at: string,
    private readonly options: ReplayOptions,
  ) {
    this.idle.push(...workers)
    for (const w of workers) {
      w.on('message', (m: { id: number; result?: BatchResult; error?: string }) => {
        const p = this.pending.get(m.id)
        this.pending.delete(m.id)
        this.release(w)
        if (m.error !== undefined) p?.reject(new Error(m.error))
        else p?.resolve(m.result!)
      })
      const fail = (err: Error) => {
        this.broken ??= err
        for (const p of this.pending.values()) p.reject(err)
        this.pending.clear()
        for (const wake of this.waiting.splice(0)) wake()
      }
      w.on('error', fail)
      w.on('exit', (code) => {
        if (code !== 0 && !this.closing)
          fail(new Error(`影响分析工作线程退出，代码 ${code} / an impact worker exited with code ${code}`))
      })
    }
  }

  /** The number of threads that replay at once. */
  get size(): number {
    return Math.max(1, this.workers.length)
  }

  static async start(
    input: SidesInput,
    at: string,
    size = Math.min(availableParallelism(), 8),
    options: ReplayOptions = {},
  ): Promise<ImpactPool> {
    if (size <= 0) return new ImpactPool([], sidesOf(input), at, options)
    const ts = import.meta.url.endsWith('.ts')
    const entry = new URL(ts ? './impact-worker.ts' : './impact-worker.js', import.meta.url).href
    const boot = ts ? new URL('./impact-worker-boot.mjs', import.meta.url) : new URL(entry)
    const workers = Array.from(
      { length: size },
      () => new Worker(boot, { workerData: { entry, sides: input, at, options } }),
    )
    return new ImpactPool(workers, undefined, at, options)
  }

  /** Replays a batch on the next free worker (waiting for one). */
  async replay(batch: readonly StoredCase[]): Promise<BatchResult> {
    if (this.inline) return replayBatch(this.inline, batch, this.at, this.options)
    const worker = await this.take()
    if (this.broken) throw this.broken
    const id = this.next++
    return new Promise<BatchResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, batch })
    })
  }

  /** Resolves once a worker is free, without taking it: the reader waits here before reading the next batch. */
  async free(): Promise<void> {
    if (this.inline || this.idle.length > 0 || this.broken) return
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  private closing = false

  async close(): Promise<void> {
    this.closing = true
    await Promise.all(this.workers.map((w) => w.terminate()))
  }

  private async take(): Promise<Worker> {
    while (this.idle.length === 0 && !this.broken) await new Promise<void>((resolve) => this.waiting.push(resolve))
    if (this.broken) throw this.broken
    return this.idle.pop()!
  }

  private release(w: Worker): void {
    this.idle.push(w)
    const waiters = this.waiting.splice(0)
    for (const wake of waiters) wake()
  }
}
