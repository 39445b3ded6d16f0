/** An impact worker thread: builds both sides once, then replays the batches the pool sends it. */
import { parentPort, workerData } from 'node:worker_threads'
import type { StoredCase } from '../store/case-batches.js'
import { sidesOf, type SidesInput } from './impact-sides.js'
import { replayBatch } from './replay-batch.js'

const { sides: input, at } = workerData as { sides: SidesInput; at: string }
const sides = sidesOf(input)
parentPort!.on('message', ({ id, batch }: { id: number; batch: StoredCase[] }) => {
  try {
    parentPort!.postMessage({ id, result: replayBatch(sides, batch, at) })
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message })
  }
})
