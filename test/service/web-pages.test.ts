import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { Env } from '../../src/service/http-context.js'
import { servePages } from '../../src/service/web-pages.js'

const html = { accept: 'text/html,application/xhtml+xml' }

function appOver(dist: string) {
  const app = new Hono<Env>()
  app.get('/health', (c) => c.json({ status: 'ok' }))
  servePages(app, dist)
  app.notFound((c) => c.json({ problems: [{ code: 'NOT_FOUND' }] }, 404))
  return app
}

describe('the web pages served by the API process', () => {
  const dist = mkdtempSync(join(tmpdir(), 'xq-dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>')
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)')
  const app = appOver(dist)

  it('answers every page address with index.html, and leaves the API alone', async () => {
    for (const path of ['/', '/board', '/audit/cases/x', '/people']) {
      const res = await app.request(path, { headers: html })
      expect(res.status, path).toBe(200)
      expect(await res.text()).toContain('id="root"')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
    }
    expect(await (await app.request('/health', { headers: html })).json()).toEqual({ status: 'ok' })
    expect((await app.request('/board')).status).toBe(404)
  })

  it('serves built assets with their type, cached for a year, and nothing outside the directory', async () => {
    const res = await app.request('/assets/index-abc.js')
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toMatch(/immutable/)
    expect((await app.request('/assets/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(404)
  })

  it('says in Chinese and English how to build the pages when they are not built', async () => {
    const res = await appOver(join(dist, 'missing')).request('/', { headers: html })
    expect(res.status).toBe(503)
    const text = await res.text()
    expect(text).toContain('网页尚未构建')
    expect(text).toContain('npm run build:web')
  })
})
