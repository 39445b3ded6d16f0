/** An impact worker thread: builds both sides once, then replays the batches the pool sends it. */
import { parentPort, workerData } from 'node:worker_threads'
import type { StoredCase } from '../store/case-batches.js'
import { sidesOf, type SidesInput } from './impact-sides.js'
import type { ReplayOptions } from './paired-replay.js'
import { replayBatch } from './replay-batch.js'

const { sides: input, at, options } = workerData as { sides: SidesInput; at: string; options: ReplayOptions }
const sides = sidesOf(input)
parentPort!.on('message', ({ id, batch }: { id: number; batch: StoredCase[] }) => {
  try {
    parentPort!.postMessage({ id, result: replayBatch(sides, batch, at, options) })
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message })
  }
})
