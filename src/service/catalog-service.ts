/** The power catalog (行政职权目录): items, suspension and resumption, and adjustment requests with their deadlines. */
import { sql } from 'kysely'
import { dateOf } from '../calendar/iso-date.js'
import type { CatalogItem } from '../types/generated.js'
import { chinaMoment } from './case-time.js'
import { checkBody } from './input-validator.js'
import { calendarOf, ruleSetFor } from '../evaluation/evaluation.js'
import { canRead, coversJurisdiction, recordedBy, requireRole, scopeOf, type Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { forbidden, notFound, ServiceError } from './service-error.js'
import { jsonColumn } from '../store/hash-chain.js'
import { insertItem } from '../store/catalog-store.js'

/** Which matter type of the rule packs' deadline policy limits each step of an adjustment (阿坝州办法 第十八条、第十九条、第二十条; 动态调整办法 第三条、第五条). */
const MATTER_OF = { request: 'catalogApplication', review: 'catalogReview', publish: 'catalogUpdate' } as const

export interface PowerItemInput {
  jurisdiction: string
  item: CatalogItem
}

const today = (rt: Runtime) => dateOf(chinaMoment(rt.clock()))

function itemJson(r: { jurisdiction: string; status: string; content: unknown; updated_at: Date }) {
  return {
    jurisdiction: r.jurisdiction,
    ...(r.content as CatalogItem),
    status: r.status,
    updatedAt: r.updated_at.toISOString(),
  }
}

/** The catalog items in the token's scope. */
export async function listItems(rt: Runtime, p: Principal, filter: { department?: string; status?: string } = {}) {
  const scope = scopeOf(p)
  let q = rt.db.selectFrom('power_items').selectAll().where('jurisdiction', 'like', `${scope.prefix}%`)
  if (scope.department !== null) q = q.where('department_code', '=', scope.department)
  if (filter.department !== undefined) q = q.where('department_code', '=', filter.department)
  if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  return { items: (await q.orderBy('code').execute()).map(itemJson) }
}

async function readableItem(rt: Runtime, p: Principal, code: string) {
  const row = await rt.db.selectFrom('power_items').selectAll().where('code', '=', code).executeTakeFirst()
  if (!row || !canRead(p, { jurisdiction: row.jurisdiction, department: row.department_code })) {
    throw notFound(
      'POWER_ITEM',
      `目录中没有权力事项 ${code}，或无权查看`,
      `no power item ${code} in the catalog, or not in this token's scope`,
    )
  }
  return row
}

/** One item with its history of changes. */
export async function getItem(rt: Runtime, p: Principal, code: string) {
  const row = await readableItem(rt, p, code)
  const changes = await rt.db
    .selectFrom('catalog_changes')
    .selectAll()
    .where('item_code', '=', code)
    .orderBy('id')
    .execute()
  return {
    ...itemJson(row),
    changes: changes.map((c) => ({
      id: c.id,
      change: c.change,
      body: c.body,
      recordedBy: c.recorded_by,
      storedAt: c.stored_at.toISOString(),
    })),
  }
}

/**
 * Lists a power item in a government's catalog (a region admin, after the government's approval, 第二十二条); cases
 * are judged against the catalog from then on.
 * @example await addItem(rt, admin, { jurisdiction: '513222', item: { code: 'SC-XK-0001', … } })
 */
export async function addItem(rt: Runtime, p: Principal, body: unknown) {
  requireRole(p, 'regionAdmin')
  const { jurisdiction, item } = checkBody<PowerItemInput>('power-item', body)
  if (!coversJurisdiction(p, jurisdiction))
    throw forbidden('无权在该区划的目录中列入事项', 'this token may not list items for that jurisdiction')
  await rt.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('power_items')
      .select('code')
      .where('code', '=', item.code)
      .forUpdate()
      .executeTakeFirst()
    if (exists)
      throw new ServiceError(409, {
        code: 'POWER_ITEM_EXISTS',
        zh: `目录中已有权力事项 ${item.code}；变更请提出动态调整申请`,
        en: `the catalog already lists ${item.code}; request an adjustment to change it`,
        pointer: '/item/code',
      })
    await insertItem(trx, jurisdiction, item, recordedBy(p))
  })
  await rt.reloadCatalog()
  return getItem(rt, p, item.code)
}

/**
 * Suspends or resumes an item from a day (第二十一条): region admins, on the department's application. The item keeps
 * its suspension periods, so earlier cases are still judged against the catalog of their own day.
 * @example await setItemStatus(rt, admin, 'SC-XK-0001', 'suspended', { reason: '长期未使用' })
 */
export async function setItemStatus(
  rt: Runtime,
  p: Principal,
  code: string,
  status: 'active' | 'suspended',
  body: unknown,
) {
  requireRole(p, 'regionAdmin')
  const change = checkBody<{ reason: string; on?: string }>('catalog-change', body)
  const on = change.on ?? today(rt)
  await rt.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('power_items').selectAll().where('code', '=', code).forUpdate().executeTakeFirst()
    if (!row || !coversJurisdiction(p, row.jurisdiction))
      throw notFound('POWER_ITEM', `目录中没有权力事项 ${code}`, `no power item ${code} in the catalog`)
    if (row.status === status) {
      throw new ServiceError(409, {
        code: 'POWER_ITEM_STATUS',
        zh: `权力事项 ${code} 已经是${status === 'active' ? '行使' : '暂停'}状态`,
        en: `power item ${code} is already ${status}`,
      })
    }
    const item = row.content as CatalogItem
    const suspensions = [...(item.suspensions ?? [])]
    if (status === 'suspended') suspensions.push({ from: on, reason: change.reason })
    else suspensions[suspensions.length - 1] = { ...suspensions[suspensions.length - 1]!, until: on }
    const next: CatalogItem = { ...item, suspensions }
    // the change first: the database lets an item change only as its latest recorded change says (migration 0032)
    await trx
      .insertInto('catalog_changes')
      .values({
        item_code: code,
        change: status === 'active' ? 'resumed' : 'suspended',
        body: jsonColumn({ ...change, on }),
        recorded_by: recordedBy(p),
        stored_at: new Date(),
      })
      .execute()
    await trx
      .updateTable('power_items')
      .set({ status, content: jsonColumn(next), updated_at: new Date() })
      .where('code', '=', code)
      .execute()
  })
  await rt.reloadCatalog()
  return getItem(rt, p, code)
}

interface AdjustmentStep {
  step: 'requested' | 'reviewed' | 'approved' | 'published'
  on: string
  itemCode?: string
  kind?: string
  cause?: string
  causeOn?: string
  reason?: string
  opinion?: string
}

const ORDER = ['requested', 'reviewed', 'approved', 'published'] as const

/**
 * Records a step of a catalog adjustment: a department's request (within 20 days of its cause, 第十八条), the platform
 * authority's review (10 days, 第十九条), the government's approval, the publication (15 days, 第二十条).
 * @example await adjustCatalog(rt, deptAdmin, undefined, { step: 'requested', on: '2026-03-02', … })
 */
export async function adjustCatalog(rt: Runtime, p: Principal, adjustmentId: number | undefined, body: unknown) {
  const step = checkBody<AdjustmentStep>('catalog-adjustment', body)
  const by = recordedBy(p)
  if (step.step === 'requested') {
    if (adjustmentId !== undefined)
      throw new ServiceError(400, {
        code: 'STEP_INVALID',
        zh: '申请应提交到 /catalog/adjustments',
        en: 'a request is posted to /catalog/adjustments',
        pointer: '/step',
      })
    requireRole(p, 'departmentAdmin', 'regionAdmin')
    const item = await rt.db.selectFrom('power_items').selectAll().where('code', '=', step.itemCode!).executeTakeFirst()
    if (item && !canRead(p, { jurisdiction: item.jurisdiction, department: item.department_code }))
      throw forbidden(
        '无权为其他部门的事项提出调整',
        "this token may not request adjustments of another department's item",
      )
    const row = await rt.db
      .insertInto('catalog_changes')
      .values({
        item_code: step.itemCode!,
        change: 'adjustment',
        body: jsonColumn({
          ...step,
          jurisdiction: item?.jurisdiction ?? p.jurisdiction,
          department: item?.department_code ?? p.department,
        }),
        recorded_by: by,
        stored_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return getAdjustment(rt, p, row.id)
  }
  requireRole(p, 'regionAdmin')
  if (adjustmentId === undefined)
    throw new ServiceError(400, {
      code: 'STEP_INVALID',
      zh: '后续步骤应提交到 /catalog/adjustments/{id}',
      en: 'later steps are posted to /catalog/adjustments/{id}',
      pointer: '/step',
    })
  const current = await getAdjustment(rt, p, adjustmentId)
  const expected = ORDER[current.steps.length]
  if (step.step !== expected) {
    throw new ServiceError(409, {
      code: 'STEP_OUT_OF_ORDER',
      zh: `下一步应为 ${expected ?? '（已完成）'}`,
      en: `the next step is ${expected ?? '(none: done)'}`,
      pointer: '/step',
    })
  }
  await rt.db
    .insertInto('catalog_changes')
    .values({
      item_code: current.itemCode,
      change: `adjustment:${adjustmentId}`,
      body: jsonColumn(step),
      recorded_by: by,
      stored_at: new Date(),
    })
    .execute()
  return getAdjustment(rt, p, adjustmentId)
}

/** The limit the packs in force on `from` declare for one step, in the adjustment's jurisdiction. */
function limitOf(rt: Runtime, jurisdiction: string, name: keyof typeof MATTER_OF, from: string) {
  const policy = ruleSetFor(rt.env(), jurisdiction).policy(from).matters?.[MATTER_OF[name]]
  return policy?.limit ? { ...policy.limit, citation: policy.citation } : undefined
}

/** An adjustment with its steps, each deadline, and whether a step came (or is still missing) after its deadline. */
export async function getAdjustment(rt: Runtime, p: Principal, id: number) {
  const first = await rt.db
    .selectFrom('catalog_changes')
    .selectAll()
    .where('id', '=', id)
    .where('change', '=', 'adjustment')
    .executeTakeFirst()
  const request = first?.body as (AdjustmentStep & { jurisdiction: string; department: string | null }) | undefined
  if (!first || !request || !canRead(p, { jurisdiction: request.jurisdiction, department: request.department ?? '' })) {
    throw notFound(
      'ADJUSTMENT',
      `没有目录调整申请 ${id}，或无权查看`,
      `no catalog adjustment ${id}, or not in this token's scope`,
    )
  }
  const later = await rt.db
    .selectFrom('catalog_changes')
    .selectAll()
    .where('change', '=', `adjustment:${id}`)
    .orderBy('id')
    .execute()
  const steps = [first, ...later].map((r) => ({
    ...(r.body as AdjustmentStep),
    recordedBy: r.recorded_by,
    storedAt: r.stored_at.toISOString(),
  }))
  const on = (s: string) => steps.find((x) => x.step === s)?.on
  const now = today(rt)
  const deadline = (name: 'request' | 'review' | 'publish', start: string | undefined, done: string | undefined) => {
    if (start === undefined) return null
    const limit = limitOf(rt, request.jurisdiction, name, start)
    if (!limit) return null
    const calendar = calendarOf(rt.env(), request.jurisdiction)
    const by =
      limit.unit === 'working'
        ? calendar.addWorkingDays(start, limit.days)
        : calendar.addCalendarDays(start, limit.days)
    return {
      due: by,
      done: done ?? null,
      late: (done ?? now) > by,
      days: limit.days,
      unit: limit.unit,
      citation: limit.citation,
    }
  }
  return {
    id,
    itemCode: first.item_code,
    kind: request.kind,
    cause: request.cause,
    reason: request.reason,
    status: steps.at(-1)!.step,
    steps,
    deadlines: {
      request: deadline('request', request.causeOn, on('requested')),
      review: deadline('review', on('requested'), on('reviewed')),
      publish: deadline('publish', on('approved'), on('published')),
    },
  }
}

/** The adjustments in the token's scope, newest first. */
export async function listAdjustments(rt: Runtime, p: Principal) {
  const scope = scopeOf(p)
  let q = rt.db
    .selectFrom('catalog_changes')
    .select('id')
    .where('change', '=', 'adjustment')
    .where(sql<string>`body->>'jurisdiction'`, 'like', `${scope.prefix}%`)
  if (scope.department !== null) q = q.where(sql<string>`body->>'department'`, '=', scope.department)
  const ids = await q.orderBy('id', 'desc').limit(500).execute()
  return { adjustments: await Promise.all(ids.map((r) => getAdjustment(rt, p, r.id))) }
}
