/** Generates src/types/generated.ts from schemas/*.schema.json (json-schema-to-typescript). */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderTypes } from '../src/schema/render-types.js'

const out = fileURLToPath(new URL('../src/types/generated.ts', import.meta.url))
const check = process.argv.includes('--check')
const text = await renderTypes()
if (check) {
  const current = readFileSync(out, 'utf8')
  if (current !== text) {
    console.error('src/types/generated.ts 已过期，请运行 npm run types / generated types are stale: run npm run types')
    process.exit(1)
  }
} else {
  writeFileSync(out, text)
  console.log(`wrote ${out}`)
}
