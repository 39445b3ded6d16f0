/** Serves the built web pages (web/dist) from the API's own process: assets by path, every page as index.html. */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hono } from 'hono'
import type { Env } from './http-context.js'

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url))

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>页面尚未构建</title>
<p>网页尚未构建。请在项目目录运行 <code>npm install</code>（或 <code>npm run build:web</code>），然后重新启动。</p>
<p lang="en">The web pages are not built: run <code>npm install</code> (or <code>npm run build:web</code>) and start again.</p></html>`

/** A file under the dist directory for a request path, or undefined (never outside it). */
function fileFor(dist: string, path: string): string | undefined {
  const file = normalize(join(dist, decodeURIComponent(path)))
  if (!file.startsWith(dist + sep)) return undefined
  return existsSync(file) && statSync(file).isFile() ? file : undefined
}

/**
 * Adds the pages after the API's routes: a built asset is served as it is (hashed assets cached for a year), any
 * other GET that accepts HTML gets index.html, which routes in the browser. The pages call only the public API.
 * @example servePages(app) // GET /board → index.html; GET /assets/index-1a2b.js → the script
 */
export function servePages(app: Hono<Env>, dist = WEB_DIST): void {
  app.get('*', async (c, next) => {
    const file = fileFor(dist, c.req.path)
    if (file) {
      const immutable = c.req.path.startsWith('/assets/')
      return c.body(readFileSync(file), 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      })
    }
    if (!(c.req.header('accept') ?? '').includes('text/html')) return next()
    const index = join(dist, 'index.html')
    const headers = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' }
    if (!existsSync(index)) return c.html(NOT_BUILT, 503, headers)
    return c.html(readFileSync(index, 'utf8'), 200, headers)
  })
}
