/** The power catalog's items follow their recorded changes: what the database refuses in power_items, and what it takes. */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addItem, setItemStatus } from '../../src/service/catalog-service.js'
import type { Runtime } from '../../src/service/runtime.js'
import { LIXIAN_MARKET } from '../service/helpers/cases.js'
import { TARGETS } from '../service/helpers/targets.js'

const admin = { subject: 'platform', role: 'regionAdmin', jurisdiction: '513200', department: null } as const
const item = {
  code: 'LX-XK-GUARD-0001',
  name: '食品小作坊登记',
  powerType: 'licensing',
  department: { code: LIXIAN_MARKET.code, name: LIXIAN_MARKET.name },
  legalBasis: '《中华人民共和国食品安全法》第三十五条',
  listedOn: '2020-01-01',
}

describe.each(TARGETS)('the catalog items follow their changes on $name', (target) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await target.open({ clock: () => new Date('2026-04-30T12:00:00+08:00') })
    await addItem(rt, admin as never, { jurisdiction: '513222', item })
  }, 60_000)
  afterAll(() => rt?.close())

  const attempt = (q: ReturnType<typeof sql>) =>
    q.execute(rt.db).then(
      () => 'done',
      (e: Error) => e.message,
    )
  const row = () =>
    rt.db
      .selectFrom('power_items')
      .select(['status', 'content'])
      .where('code', '=', item.code)
      .executeTakeFirstOrThrow()

  it('refuses an item changed, suspended, resumed or deleted in its table with no change recorded', async () => {
    expect(await attempt(sql`update power_items set status = 'suspended' where code = ${item.code}`)).toMatch(
      /may only be suspended or resumed, as its latest recorded change/,
    )
    expect(
      await attempt(sql`update power_items set status = 'suspended',
        content = jsonb_set(content, '{suspensions}', '[{"from":"2026-04-01","reason":"x"}]') where code = ${item.code}`),
    ).toMatch(/as its latest recorded change/)
    expect(
      await attempt(
        sql`update power_items set content = jsonb_set(content, '{legalBasis}', '"改过"') where code = ${item.code}`,
      ),
    ).toMatch(/as its latest recorded change/)
    expect(await attempt(sql`delete from power_items where code = ${item.code}`)).toMatch(/suspended, not deleted/)
    expect(await attempt(sql`truncate power_items`)).toMatch(/refused/)
    expect(await row()).toMatchObject({ status: 'active', content: item })
  })

  it('takes a suspension and a resumption as they are recorded, and nothing but what they say', async () => {
    await setItemStatus(rt, admin as never, item.code, 'suspended', { reason: '长期未使用', on: '2026-04-01' })
    expect(await row()).toMatchObject({
      status: 'suspended',
      content: { ...item, suspensions: [{ from: '2026-04-01', reason: '长期未使用' }] },
    })
    // the suspension recorded, with another day in the item: refused
    expect(
      await attempt(sql`update power_items set status = 'active',
        content = jsonb_set(content, '{suspensions}', '[{"from":"2026-04-01","reason":"长期未使用","until":"2026-04-02"}]')
        where code = ${item.code}`),
    ).toMatch(/as its latest recorded change/)
    await setItemStatus(rt, admin as never, item.code, 'active', { reason: '有执法案件产生', on: '2026-04-20' })
    expect(await row()).toMatchObject({
      status: 'active',
      content: { suspensions: [{ from: '2026-04-01', reason: '长期未使用', until: '2026-04-20' }] },
    })
  })

  it('lists an item only as a recorded change lists it', async () => {
    const other = { ...item, code: 'LX-XK-GUARD-0002' }
    const insert = (content: unknown, status = 'active') =>
      attempt(sql`insert into power_items (code, name, power_type, jurisdiction, department_code, department_name, status, content, updated_at)
        values (${other.code}, ${other.name}, ${other.powerType}, '513222', ${other.department.code}, ${other.department.name},
                ${status}, ${JSON.stringify(content)}::jsonb, now())`)
    expect(await insert(other)).toMatch(/must be listed as its recorded change/)
    await sql`insert into catalog_changes (item_code, change, body, recorded_by, stored_at)
      values (${other.code}, 'listed', ${JSON.stringify({ jurisdiction: '513222', item: other })}::jsonb, 'test', now())`.execute(
      rt.db,
    )
    expect(await insert({ ...other, name: '另一个名称' })).toMatch(/must be listed as its recorded change/)
    expect(await insert(other, 'suspended')).toMatch(/must be listed as its recorded change/)
    expect(await insert(other)).toBe('done')
  })
})
