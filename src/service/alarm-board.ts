/** The alarm board: red and yellow cases in scope now, when each turned, the deadline passed, grouped two ways. */
import { failedUnrenderedCounts } from '../store/notice-outbox.js'
import { wholeRowsInOrder } from '../store/unchanged-evaluations.js'
import type { AlarmBoard, Firing } from '../types/generated.js'
import { casesInScope, listCases } from './case-reader.js'
import { loadState } from './case-state-loader.js'
import type { Principal } from './principal.js'
import type { Runtime } from './runtime.js'
import { turnMoments } from './turn-moment.js'

type Alert = Omit<Firing, 'trace'>
type Level = 'yellow' | 'red'

export interface BoardFilter {
  readonly level?: Level
  readonly department?: string
  /** A cited article, e.g. 第十一条 (any document). */
  readonly article?: string
  readonly ruleId?: string
}

/** The level's rank, to keep the higher of two. */
const RANK: Record<string, number> = { none: 0, info: 1, yellow: 2, red: 3 }

/**
 * The board for a principal: each open case at yellow or red (or at least `level`) with the rules that put it there,
 * when each turned and when the case turned (turn-moment.ts: the moment the light turned, not the record's), the statutory and promised due dates and whether they have passed;
 * counts; the same grouped by department and by article; and the notices waiting to be rendered in scope.
 * @example const { count, alarms, byDepartment, byArticle } = await alarmBoard(rt, supervisor, { level: 'red' })
 */
export async function alarmBoard(rt: Runtime, p: Principal, filter: BoardFilter = {}): Promise<AlarmBoard> {
  const { cases } = await listCases(rt, p, {
    level: filter.level ?? 'yellow',
    status: 'open',
    limit: 1000,
    ...(filter.department ? { department: filter.department } : {}),
  })
  const ids = cases.map((c) => c.caseId)
  const evaluations =
    ids.length === 0
      ? []
      : wholeRowsInOrder(
          await rt.db
            .selectFrom('evaluations')
            .select([
              'case_id',
              'chain_seq',
              'sequence',
              'at',
              'level',
              'firings',
              'facts',
              'next_change_at',
              'same_as',
            ])
            .where('case_id', 'in', ids)
            .orderBy('case_id')
            .orderBy('chain_seq')
            .execute(),
        )
  const byCase = new Map<string, typeof evaluations>()
  for (const e of evaluations) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e])
  const min = RANK[filter.level ?? 'yellow']!
  const env = rt.env()
  const turns = new Map<string, Awaited<ReturnType<typeof turnMoments>>>()
  for (const c of cases)
    turns.set(
      c.caseId,
      await turnMoments(env, c.caseId, (n) => loadState(rt.db, rt.states, c.caseId, n), byCase.get(c.caseId) ?? []),
    )
  const alarms = cases.flatMap((c) => {
    const rows = byCase.get(c.caseId) ?? []
    const { levelSince, since } = turns.get(c.caseId)!
    const facts = (rows[rows.length - 1]?.facts ?? {}) as Record<string, unknown>
    const firings = (c.alerts as Alert[])
      .filter((a) => RANK[a.level]! >= min)
      .filter((a) => !filter.article || a.citation.article === filter.article)
      .filter((a) => !filter.ruleId || a.ruleId === filter.ruleId)
      .map((a) => ({
        ruleId: a.ruleId,
        ruleVersion: a.ruleVersion,
        level: a.level as Level,
        kind: a.kind,
        title: a.title,
        citation: a.citation,
        pack: a.pack,
        since: since.get(a.ruleId) ?? null,
      }))
    if (firings.length === 0) return []
    const level: Level = firings.some((f) => f.level === 'red') ? 'red' : 'yellow'
    const due = (d: unknown) => (typeof d === 'string' ? d : null)
    return [
      {
        caseId: c.caseId,
        serialNumber: c.serialNumber,
        name: c.name,
        department: c.department,
        level,
        turnedAt:
          level === c.level
            ? levelSince
            : (firings
                .map((f) => f.since)
                .filter((s): s is string => s !== null)
                .sort()[0] ?? null),
        statutory: {
          dueDate: due(facts.statutoryDueDate),
          overdue: facts.statutoryOverdue === true,
          daysLeft: typeof facts.statutoryDaysLeft === 'number' ? facts.statutoryDaysLeft : null,
        },
        promised: {
          dueDate: due(facts.promisedDueDate),
          overdue: facts.promisedOverdue === true,
          daysLeft: typeof facts.promisedDaysLeft === 'number' ? facts.promisedDaysLeft : null,
        },
        firings,
      },
    ]
  })
  alarms.sort((a, b) => RANK[b.level]! - RANK[a.level]! || (a.turnedAt ?? '').localeCompare(b.turnedAt ?? ''))
  const group = <K extends string>(
    keyOf: (a: (typeof alarms)[number], f: (typeof alarms)[number]['firings'][number]) => K,
    perFiring: boolean,
  ) => {
    const out = new Map<K, { red: number; yellow: number; cases: Set<string> }>()
    for (const a of alarms) {
      const levels = new Map<K, Level>()
      for (const f of perFiring ? a.firings : [a.firings[0]!]) {
        const key = keyOf(a, f)
        const level = perFiring ? f.level : a.level
        if (levels.get(key) !== 'red') levels.set(key, level)
      }
      const keys = [...levels.entries()]
      for (const [key, level] of keys) {
        const g = out.get(key) ?? { red: 0, yellow: 0, cases: new Set<string>() }
        if (!g.cases.has(a.caseId)) g[level]++
        g.cases.add(a.caseId)
        out.set(key, g)
      }
    }
    return [...out.entries()].map(([key, g]) => ({ key, red: g.red, yellow: g.yellow, cases: [...g.cases] }))
  }
  const departments = new Map(alarms.map((a) => [a.department.code, a.department]))
  const articles = new Map(
    alarms.flatMap((a) =>
      a.firings.map(
        (f) =>
          [
            `${f.citation.document}|${f.citation.article}`,
            { document: f.citation.document, article: f.citation.article },
          ] as const,
      ),
    ),
  )
  return {
    asOf: rt.clock().toISOString(),
    waiting: await waitingInScope(rt, p, filter.department),
    count: {
      cases: alarms.length,
      red: alarms.filter((a) => a.level === 'red').length,
      yellow: alarms.filter((a) => a.level === 'yellow').length,
    },
    alarms,
    byDepartment: group((a) => a.department.code, false).map(({ key, ...g }) => ({
      department: departments.get(key)!,
      ...g,
    })),
    byArticle: group((_a, f) => `${f.citation.document}|${f.citation.article}`, true).map(({ key, ...g }) => ({
      ...articles.get(key)!,
      ...g,
    })),
  }
}

/**
 * The notices of each case in scope whose rendering failed and that are not issued since (lit or not: a notice fails
 * whatever its case's light), in one query.
 * @example const { notices, cases } = await waitingInScope(rt, auditor)
 */
async function waitingInScope(rt: Runtime, p: Principal, department?: string): Promise<AlarmBoard['waiting']> {
  const rows = await casesInScope(rt.db, p, department)
    .innerJoin(failedUnrenderedCounts().as('w'), 'w.case_id', 'cases.case_id')
    .select(['cases.case_id', 'cases.serial_number', 'cases.name', 'w.notices'])
    .orderBy('cases.case_id')
    .execute()
  return {
    notices: rows.reduce((n, r) => n + r.notices, 0),
    cases: rows.map((r) => ({ caseId: r.case_id, serialNumber: r.serial_number, name: r.name, notices: r.notices })),
  }
}
