/** The power catalog: a power item's status on a day, and the catalog as the environment and the service read it. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCatalog } from '../../src/catalog/load-catalog.js'
import { catalogStatusOn } from '../../src/catalog/power-catalog.js'
import { loadEnvironment } from '../../src/evaluation/environment.js'

const RULES = new URL('../../rules', import.meta.url).pathname
const { catalog, problems } = loadCatalog(RULES)

describe('the shipped 理县 catalog', () => {
  it('loads without problems, versioned by content, and is part of the environment', () => {
    expect(problems).toEqual([])
    expect(catalog?.jurisdictions).toEqual(['513222'])
    expect(catalog?.version).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(loadEnvironment().catalog?.version).toBe(catalog?.version)
  })

  it.each([
    ['SC-XK-0001', '2025-09-26', 'listed'],
    ['LX-XZCF-XF-0060', '2019-09-30', 'notListed'],
    ['LX-XZCF-XF-0060', '2019-10-01', 'listed'],
    ['LX-XZJC-LC-0031', '2018-02-28', 'listed'],
    ['LX-XZJC-LC-0031', '2018-03-01', 'suspended'],
    ['LX-XZJC-LC-0031', '2018-08-31', 'suspended'],
    ['LX-XZJC-LC-0031', '2018-09-01', 'listed'],
    ['LX-XZQR-MZ-0012', '2018-12-31', 'listed'],
    ['LX-XZQR-MZ-0012', '2019-01-01', 'removed'],
    ['LX-XK-9999', '2025-09-26', 'notListed'],
  ])('%s on %s is %s', (code, day, status) => {
    expect(catalogStatusOn(catalog, '513222', code, day)).toBe(status)
  })

  it('a jurisdiction without a catalog is judged against nothing', () => {
    expect(catalogStatusOn(catalog, '513200', 'SC-XK-0001', '2025-09-26')).toBe('noCatalog')
    expect(catalogStatusOn(undefined, '513222', 'SC-XK-0001', '2025-09-26')).toBe('noCatalog')
  })

  it('names a duplicated code with its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xingquan-catalog-'))
    mkdirSync(join(dir, 'catalog'))
    const item = {
      code: 'X-1',
      name: '某项',
      powerType: 'penalty',
      department: { code: 'd', name: '某局' },
      listedOn: '2020-01-01',
    }
    writeFileSync(
      join(dir, 'catalog', 'x.catalog.json'),
      JSON.stringify({ jurisdiction: { code: '513222', name: '理县' }, items: [item, item] }),
    )
    expect(loadCatalog(dir).problems).toEqual([
      expect.objectContaining({ code: 'CATALOG_ITEM_DUPLICATE', pointer: '/items/1/code' }),
    ])
  })
})
