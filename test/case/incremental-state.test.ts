/** The incremental case state: persistent collections and the fold over them equal a fold from scratch, on every branch. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEvent } from '../../src/case/apply-event.js'
import type { CaseState } from '../../src/case/case-state.js'
import { snapshotOf, stateOfSnapshot } from '../../src/case/state-snapshot.js'
import { VersionedMap, VersionedSet } from '../../src/case/versioned-map.js'
import type { CaseEvent } from '../../src/types/generated.js'
import { accepted, event } from '../support/case-builder.js'

const plain = (s: CaseState) => JSON.parse(JSON.stringify(snapshotOf(s))) as unknown

describe('VersionedMap', () => {
  it('every version, on every branch, reads as a Map built by copying and setting', () => {
    const step = fc.record({
      from: fc.nat(),
      key: fc.integer({ min: 0, max: 12 }),
      value: fc.integer({ min: 0, max: 3 }),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const versions = [VersionedMap.empty<number, number>()]
        const models = [new Map<number, number>()]
        for (const s of steps) {
          const i = s.from % versions.length
          versions.push(versions[i]!.with(s.key, s.value))
          models.push(new Map(models[i]!).set(s.key, s.value))
        }
        for (const [i, v] of versions.entries()) {
          const m = models[i]!
          expect(v.size).toBe(m.size)
          expect([...v.entries()]).toEqual([...m.entries()])
          for (let k = 0; k <= 12; k++) expect(v.get(k)).toBe(m.get(k))
        }
      }),
    )
  })

  it('a set keeps its versions apart: adding to one leaves the earlier unchanged', () => {
    const a = VersionedSet.of(['e1', 'e2'])
    const b = a.with('e3')
    const c = a.with('e4')
    expect([...a]).toEqual(['e1', 'e2'])
    expect([...b]).toEqual(['e1', 'e2', 'e3'])
    expect([...c]).toEqual(['e1', 'e2', 'e4'])
    expect(c.has('e3')).toBe(false)
    expect(b.with('e1')).toBe(b)
  })
})

/** Random evidence work on one case: uploads (ids and contents from small pools, so some change), removals, steps. */
const action = fc.oneof(
  fc.record({
    kind: fc.constant('upload' as const),
    id: fc.integer({ min: 0, max: 5 }),
    sha: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('step' as const) }),
)

function eventOf(a: { kind: string; id?: number; sha?: number }, n: number): CaseEvent {
  const day = '2025-09-29'
  if (a.kind === 'upload') {
    return event(day, {
      type: 'evidenceUploaded',
      id: `x${n}`,
      evidence: { id: `d${a.id}`, kind: 'document', title: `材料 ${a.id}`, sha256: String(a.sha).repeat(64) },
    })
  }
  if (a.kind === 'remove')
    return event(day, { type: 'evidenceRemoved', id: `x${n}`, evidenceId: `d${a.id}`, reason: '误传' } as never)
  return event(day, { type: 'stepStarted', id: `x${n}`, stepId: 'review' })
}

/** The fold from scratch, skipping refused events; every admitted event with the state after it. */
function foldAll(events: readonly CaseEvent[]): { admitted: CaseEvent[]; states: CaseState[] } {
  const admitted: CaseEvent[] = []
  const states: CaseState[] = []
  let s: CaseState | undefined
  for (const e of events) {
    try {
      s = applyEvent(s, e, 'c1')
    } catch {
      continue
    }
    admitted.push(e)
    states.push(s)
  }
  return { admitted, states }
}

describe('the incremental fold', () => {
  it('equals a fold from scratch at every event, after branching, and from a snapshot plus the events after it', () => {
    fc.assert(
      fc.property(
        fc.array(action, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), action), { maxLength: 6 }),
        fc.nat(),
        (actions, branches, cut) => {
          const events = [accepted('2025-09-26'), ...actions.map((a, i) => eventOf(a, i))]
          const { admitted, states } = foldAll(events)
          const before = states.map(plain)
          // other next events given to earlier states (a write that failed, a retried append): the earlier states are unchanged
          for (const [at, a] of branches) {
            try {
              applyEvent(states[at % states.length], eventOf(a, 1000 + at), 'c1')
            } catch {
              // refused: nothing to check beyond the states below
            }
          }
          for (const [i, s] of states.entries()) {
            expect(plain(s)).toEqual(before[i])
            const fresh = foldAll(admitted.slice(0, i + 1)).states.at(-1)!
            expect(plain(s)).toEqual(plain(fresh))
            // what the facts read without walking the evidence
            const all = [...s.evidence.values()]
            expect(s.evidenceChangedCount).toBe(all.filter((e) => e.changed).length)
            expect(s.evidenceRemovedCount).toBe(all.filter((e) => e.removed).length)
            expect([...s.eventIds]).toEqual(admitted.slice(0, i + 1).map((e) => e.id))
          }
          // a snapshot (as stored: JSON text) and the events after it
          const k = cut % states.length
          let resumed = stateOfSnapshot(JSON.parse(JSON.stringify(snapshotOf(states[k]!))))
          for (const e of admitted.slice(k + 1)) resumed = applyEvent(resumed, e, 'c1')
          expect(plain(resumed)).toEqual(plain(states.at(-1)!))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('a changed, then removed, then uploaded-again evidence is counted as the scan counts it', () => {
    const { states } = foldAll([
      accepted('2025-09-26'),
      eventOf({ kind: 'upload', id: 1, sha: 0 }, 1),
      eventOf({ kind: 'upload', id: 1, sha: 1 }, 2),
      eventOf({ kind: 'remove', id: 1 }, 3),
      eventOf({ kind: 'upload', id: 1, sha: 2 }, 4),
    ])
    expect(states.map((s) => [s.evidenceChangedCount, s.evidenceRemovedCount])).toEqual([
      [0, 0],
      [0, 0],
      [1, 0],
      [1, 1],
      [1, 0],
    ])
  })
})

describe('late recordings', () => {
  it('the longest recording delay in working days, kept as the list grows and on branches, is the walk over all of them', async () => {
    const { Calendar } = await import('../../src/calendar/calendar.js')
    const { deriveFacts } = await import('../../src/facts/derive-facts.js')
    const calendar = Calendar.load()
    const late = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 25 })), {
      minLength: 1,
      maxLength: 25,
    })
    fc.assert(
      fc.property(late, fc.nat(), (delays, branchAt) => {
        let s = applyEvent(undefined, accepted('2025-09-26'), 'c1')
        const states = [s]
        for (const [i, [day, delay]] of delays.entries()) {
          const on = new Date(Date.UTC(2025, 8, 27 + day)).toISOString().slice(0, 10)
          const recorded = new Date(Date.UTC(2025, 8, 27 + day + delay)).toISOString().slice(0, 10)
          // recorded in order: each recording moment later than the one before
          const e = event(on, {
            type: 'evidenceUploaded',
            id: `l${i}`,
            recordedAt: `${recorded}T10:00:${String(i).padStart(2, '0')}+08:00`,
            evidence: { id: `d${i}`, kind: 'document', title: 'x', sha256: '0'.repeat(64) },
          } as never)
          try {
            s = applyEvent(s, e, 'c1')
          } catch {
            continue
          }
          states.push(s)
        }
        // a branch off an earlier state, then every state read after it
        const base = states[branchAt % states.length]!
        try {
          applyEvent(
            base,
            event('2025-12-01', {
              type: 'evidenceUploaded',
              id: 'branch',
              recordedAt: '2025-12-31T10:00:00+08:00',
              evidence: { id: 'b', kind: 'document', title: 'x', sha256: '1'.repeat(64) },
            } as never),
            'c1',
          )
        } catch {
          // refused: nothing branched
        }
        for (const st of states) {
          const walked = Math.max(
            0,
            ...st.conductDays.lateRecordings.toArray().map((r) => calendar.countWorkingDays(r.on, r.recordedOn)),
          )
          const facts = deriveFacts(calendar, {
            before: undefined,
            state: st,
            event: undefined,
            at: '2026-01-05T10:00:00+08:00',
            policy: undefined,
          })
          expect(facts.maxRecordingDelayWorkingDays).toBe(walked)
        }
      }),
      { numRuns: 100 },
    )
  })
})

describe('complaints and findings', () => {
  it('grow without copying and read, on every version and after branching, as a scan of the list reads', async () => {
    const { historyFacts } = await import('../../src/facts/history-facts.js')
    const ITEMS = ['五', '七', '十'] as const
    const supervision = fc.oneof(
      fc.record({ kind: fc.constant('complaint' as const), report: fc.boolean(), realName: fc.boolean() }),
      fc.record({ kind: fc.constant('finding' as const), item: fc.constantFrom(...ITEMS) }),
    )
    const eventOfS = (s: typeof supervision extends fc.Arbitrary<infer T> ? T : never, n: number): CaseEvent =>
      s.kind === 'complaint'
        ? event('2025-09-29', {
            type: 'complaintReceived',
            id: `s${n}`,
            kind: s.report ? 'report' : 'complaint',
            realName: s.realName,
            content: '投诉内容',
          } as never)
        : event('2025-09-29', { type: 'findingRaised', id: `s${n}`, item: s.item, description: '认定' } as never)
    fc.assert(
      fc.property(
        fc.array(supervision, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), supervision), { maxLength: 5 }),
        (list, branches) => {
          let s = applyEvent(undefined, accepted('2025-09-26'), 'c1')
          const states = [s]
          for (const [i, x] of list.entries()) {
            s = applyEvent(s, eventOfS(x, i), 'c1')
            states.push(s)
          }
          for (const [at, x] of branches) applyEvent(states[at % states.length], eventOfS(x, 1000 + at), 'c1')
          for (const [i, st] of states.entries()) {
            const complaints = st.complaints.toArray()
            const findings = st.raisedFindings.toArray()
            expect(complaints.map((c) => c.id)).toEqual(
              list.flatMap((x, k) => (k < i && x.kind === 'complaint' ? [`s${k}`] : [])),
            )
            expect(findings.map((f) => f.eventId)).toEqual(
              list.flatMap((x, k) => (k < i && x.kind === 'finding' ? [`s${k}`] : [])),
            )
            const facts = historyFacts(st, undefined, undefined, undefined)
            expect(facts.raisedFindingItems).toEqual([...new Set(findings.map((f) => f.item))])
            expect(facts.realNameReport).toBe(
              complaints.some((c) => c.type === 'complaintReceived' && c.kind === 'report' && c.realName),
            )
          }
          // the snapshot holds them as arrays and gives them back
          const back = stateOfSnapshot(JSON.parse(JSON.stringify(snapshotOf(s))))
          expect(back.complaints.toArray()).toEqual(s.complaints.toArray())
          expect(back.raisedFindings.toArray()).toEqual(s.raisedFindings.toArray())
        },
      ),
      { numRuns: 100 },
    )
  })
})
