/**
 * Adds `expect.values` to rule examples from a JSON map { "path/to.example.json": { statutoryDue: …, … } }, keeping
 * every other field and its order; values already there are replaced by the map's. Re-runnable.
 *
 *   npx tsx scripts/migrate/set-example-values.ts VALUES.json
 */
import { readFileSync, writeFileSync } from 'node:fs'

const map = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<string, Record<string, unknown>>
for (const [file, values] of Object.entries(map)) {
  const example = JSON.parse(readFileSync(file, 'utf8')) as { expect: Record<string, unknown> }
  example.expect = { ...example.expect, values }
  writeFileSync(file, `${JSON.stringify(example, null, 2)}\n`)
}
console.log(`${Object.keys(map).length} examples`)
