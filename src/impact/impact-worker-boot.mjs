// Starts an impact worker: registers tsx (the sources are TypeScript, run without a build step), then loads the entry.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
