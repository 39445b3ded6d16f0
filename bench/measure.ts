/** Timing loops: run a function over a stream, round and round, until enough time has passed. */

export interface Measurement {
  /** How many items were processed while timing. */
  readonly count: number
  readonly ms: number
  readonly perSecond: number
  readonly usEach: number
}

const result = (count: number, ms: number): Measurement => ({
  count,
  ms,
  perSecond: (count / ms) * 1000,
  usEach: (ms * 1000) / count,
})

/**
 * Times `f` over `items` (cycling) for at least `minMs` and at least `minCount` items, after a warm-up of `warmup` items.
 * @example measureSync(stream, (x) => set.evaluate(x.facts, x.day), { minMs: 1000 })
 */
export function measureSync<T>(
  items: readonly T[],
  f: (item: T) => unknown,
  options: { minMs: number; minCount?: number; warmup?: number },
): Measurement {
  const { minMs, minCount = items.length, warmup = Math.min(items.length, 500) } = options
  for (let i = 0; i < warmup; i++) f(items[i % items.length]!)
  let count = 0
  const start = performance.now()
  let now = start
  while (now - start < minMs || count < minCount) {
    for (let k = 0; k < 64; k++) f(items[count++ % items.length]!)
    now = performance.now()
  }
  return result(count, now - start)
}

/**
 * As measureSync, awaiting each call in turn (as a caller of json-rules-engine does, one event after another).
 * @example await measureAsync(stream, (x) => engine.run(x.facts), { minMs: 2000 })
 */
export async function measureAsync<T>(
  items: readonly T[],
  f: (item: T) => Promise<unknown>,
  options: { minMs: number; minCount?: number; warmup?: number },
): Promise<Measurement> {
  const { minMs, minCount = items.length, warmup = Math.min(items.length, 200) } = options
  for (let i = 0; i < warmup; i++) await f(items[i % items.length]!)
  let count = 0
  const start = performance.now()
  let now = start
  while (now - start < minMs || count < minCount) {
    await f(items[count++ % items.length]!)
    now = performance.now()
  }
  return result(count, now - start)
}
