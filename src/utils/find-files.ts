/** Files of a directory tree by the end of their name, sorted, as the rules directory is read. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Every file under `dir` whose name ends with `suffix`, sorted, skipping node_modules and dot folders.
 * @example findFiles('rules', '.pack.json')
 */
export function findFiles(dir: string, suffix: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith(suffix)) out.push(p)
    }
  }
  walk(dir)
  return out
}
