/** Builds the web pages: the API's OpenAPI document → TypeScript types (openapi-typescript) → Vite's bundle in web/dist. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { build } from 'vite'
import { openApiDocument } from '../src/service/openapi.js'

const web = fileURLToPath(new URL('../web/', import.meta.url))
const typesOnly = process.argv.includes('--types-only')

mkdirSync(`${web}src/api`, { recursive: true })
const ast = await openapiTS(openApiDocument() as Parameters<typeof openapiTS>[0])
writeFileSync(
  `${web}src/api/openapi.d.ts`,
  `// Generated from the API's OpenAPI document by scripts/build-web.ts; do not edit.\n${astToString(ast)}`,
)
console.log('web/src/api/openapi.d.ts: types from the OpenAPI document')
if (!typesOnly) {
  await build({ configFile: `${web}vite.config.ts`, logLevel: 'warn' })
  console.log('web/dist: the pages, served by xingquan serve at /')
}
