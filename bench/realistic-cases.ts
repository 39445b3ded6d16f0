/** Realistic case files from a seeded generator: licensing, penalty and inspection cases with their usual detours. */
import type { CaseEvent, CaseFile, CaseHeader, Penalty } from '../src/types/generated.js'
import { header } from '../test/support/case-builder.js'

/**
 * mulberry32: a small seeded generator, so that every run benches the same cases.
 * @example const random = prng(1); random() // 0.627…
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** An ISO moment in China Standard Time. */
const moment = (ms: number) => `${new Date(ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`

interface Kind {
  readonly power: CaseHeader['powerItem']
  readonly statutory: CaseHeader['statutoryLimit']
  readonly promised: CaseHeader['promisedLimit']
  readonly steps: CaseHeader['steps']
}

const KINDS: readonly Kind[] = [
  {
    power: { code: 'SC-XK-0001', name: '食品经营许可', type: 'licensing' },
    statutory: { days: 20, unit: 'working' },
    promised: { days: 15, unit: 'working' },
    steps: [
      { id: 'review', name: '审查', post: '审查岗', limit: { days: 3, unit: 'working' } },
      { id: 'approve', name: '审核', post: '科室负责人', limit: { days: 5, unit: 'working' } },
      { id: 'decide', name: '决定', post: '分管领导', limit: { days: 3, unit: 'working' } },
    ],
  },
  {
    power: { code: 'SC-CF-0107', name: '对未取得许可从事食品经营的处罚', type: 'penalty' },
    statutory: { days: 90, unit: 'calendar' },
    promised: { days: 60, unit: 'calendar' },
    steps: [
      { id: 'investigate', name: '调查取证', post: '执法岗', limit: { days: 30, unit: 'calendar' } },
      { id: 'review', name: '法制审核', post: '法制审核岗', limit: { days: 5, unit: 'working' } },
      { id: 'decide', name: '决定', post: '分管领导', limit: { days: 5, unit: 'working' } },
    ],
  },
  {
    power: { code: 'SC-JC-0020', name: '食品安全监督检查', type: 'inspection' },
    statutory: { days: 30, unit: 'working' },
    promised: { days: 20, unit: 'working' },
    steps: [
      { id: 'investigate', name: '现场检查', post: '执法岗', limit: { days: 10, unit: 'working' } },
      { id: 'decide', name: '处理', post: '科室负责人' },
    ],
  },
]

const STAFF = [
  { id: 'u-wang', name: '王晓', post: '受理岗' },
  { id: 'u-li', name: '李明', post: '执法岗', qualification: { number: 'SC-ZF-0012', validUntil: '2027-12-31' } },
  { id: 'u-zhao', name: '赵强', post: '执法岗', qualification: { number: 'SC-ZF-0345', validUntil: '2025-06-30' } },
  { id: 'u-chen', name: '陈静', post: '科室负责人', qualification: { number: 'SC-ZF-0078', validUntil: '2027-06-30' } },
]
const CIRCUMSTANCES = ['轻微', '一般', '较重', '严重']

/**
 * `count` case files; every event is one the case fold admits. Cases start in 2025 and stay within the declared calendar.
 * @example const files = realisticCases(300, 20251031)
 */
export function realisticCases(count: number, seed: number): CaseFile[] {
  const random = prng(seed)
  const chance = (p: number) => random() < p
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[int(0, 15)]).join('')

  return Array.from({ length: count }, (_, c) => {
    const kind = pick(KINDS)
    const events: CaseEvent[] = []
    let t = Date.UTC(2025, 0, 2, 1, 30) + int(0, 300) * DAY + int(0, 6) * HOUR // 09:30–15:30 CST
    let recorded = 0
    const actor = (type: string) =>
      type === 'accepted' ? STAFF[0]! : chance(0.05) ? STAFF[2]! : pick([STAFF[1]!, STAFF[3]!])
    const push = (e: Record<string, unknown> & { type: string }) => {
      t += int(5, 90) * 60_000
      const late = chance(0.04) ? int(30, 80) * HOUR : int(1, 30) * 60_000
      recorded = Math.max(recorded + 60_000, t + late)
      events.push({
        id: `e${events.length + 1}`,
        occurredAt: moment(t),
        recordedAt: moment(recorded),
        actor: actor(e.type),
        ...e,
      } as CaseEvent)
    }
    const wait = (lo: number, hi: number) => (t += int(lo, hi) * DAY)
    push({
      type: 'accepted',
      case: header({
        serialNumber: `LX-2025-${String(c + 1).padStart(6, '0')}`,
        name: `${kind.power.name}（第 ${c + 1} 件）`,
        applicant: { name: `理县某某经营户 ${c + 1}`, kind: chance(0.5) ? 'person' : 'organization' },
        powerItem: kind.power,
        statutoryLimit: kind.statutory,
        promisedLimit: kind.promised,
        steps: kind.steps,
      }),
    })
    const evidence: string[] = []
    let extension = 0
    let finished = true
    let startedEarly = false
    for (const [i, step] of kind.steps.entries()) {
      if (!startedEarly) {
        wait(0, 1)
        push({ type: 'stepStarted', stepId: step.id })
      }
      startedEarly = false
      if (i === 0 && kind.power.type === 'licensing' && chance(0.25)) {
        for (let k = chance(0.15) ? 2 : 1; k > 0; k--) {
          push({ type: 'supplementRequested', materials: ['营业执照复印件'] })
          wait(2, 10)
          push({ type: 'supplementReceived' })
        }
      }
      if (kind.power.type !== 'licensing' && step.id === 'investigate') {
        for (let k = int(0, 4); k > 0; k--) {
          wait(0, 3)
          // now and then the same piece of evidence is uploaded again, with other content
          const id = evidence.length > 0 && chance(0.03) ? pick(evidence) : `ev-${evidence.length + 1}`
          if (!evidence.includes(id)) evidence.push(id)
          push({
            type: 'evidenceUploaded',
            evidence: {
              id,
              kind: pick(['photo', 'video', 'record', 'document']),
              title: '现场检查记录',
              sha256: hex(),
            },
          })
        }
      }
      if (chance(0.08)) {
        push({ type: 'suspended', reason: pick(['hearing', 'testing', 'expertReview', 'other']) })
        wait(3, 20)
        push({ type: 'resumed' })
      }
      if (chance(0.06) && extension < 10) {
        const days = extension === 0 && chance(0.5) ? 10 : 5
        extension += days
        push({ type: 'extensionApproved', workingDays: days, approvedBy: '分管领导', reason: '情况复杂' })
      }
      wait(0, kind.statutory.unit === 'calendar' ? 20 : 6)
      if (i > 0 && chance(0.05)) {
        push({
          type: 'returned',
          fromStepId: step.id,
          toStepId: kind.steps[i - 1]!.id,
          ...(chance(0.6) ? { reason: '材料需补充核实', approvedBy: '科室负责人' } : {}),
        })
        wait(0, 3)
        push({ type: 'stepCompleted', stepId: kind.steps[i - 1]!.id, opinion: { stance: 'approve', text: '已核实' } })
        push({ type: 'stepStarted', stepId: step.id })
        wait(0, 2)
      }
      if (chance(0.12) && i === kind.steps.length - 1) {
        finished = false // left open: an as-of evaluation will see it
        break
      }
      const next = kind.steps[i + 1]
      if (next && chance(0.04)) {
        // the next step started before this one was completed: out of order
        push({ type: 'stepStarted', stepId: next.id })
        startedEarly = true
      }
      const negative = chance(0.1)
      push({
        type: 'stepCompleted',
        stepId: step.id,
        opinion: negative
          ? { stance: 'negative', text: '不同意', reason: '证据不足' }
          : { stance: 'approve', text: '同意' },
      })
    }
    if (finished) {
      const penalty: Penalty | undefined =
        kind.power.type === 'penalty'
          ? { kinds: chance(0.7) ? ['fine'] : ['warning', 'fine'], amount: pick([500, 2000, 5000, 20000, 50000]) }
          : undefined
      push({
        type: 'decisionMade',
        outcome:
          kind.power.type === 'penalty'
            ? 'penalty'
            : kind.power.type === 'licensing'
              ? chance(0.9)
                ? 'grant'
                : 'deny'
              : 'other',
        legalBasis: chance(0.95) ? ['《中华人民共和国食品安全法》第三十五条'] : [],
        evidenceIds: chance(0.9) ? evidence : [...evidence, 'ev-missing'],
        ...(penalty ? { penalty, circumstance: pick(CIRCUMSTANCES) } : {}),
      })
      if (penalty && chance(0.85)) {
        wait(1, 15)
        const paid = chance(0.95) ? penalty : { ...penalty, amount: (penalty.amount ?? 0) / 2 }
        push({
          type: 'executed',
          penalty: paid,
          ...(chance(0.9) ? { voucher: { id: `pz-${c}`, kind: '缴款凭证' } } : {}),
        })
      }
      wait(0, 2)
      push({ type: 'closed', outcome: '办结' })
      if (chance(0.3)) {
        wait(1, 10)
        push({ type: 'satisfactionRated', rating: pick(['verySatisfied', 'satisfied', 'neutral', 'dissatisfied']) })
      }
      if (chance(0.05))
        push({ type: 'complaintReceived', kind: 'complaint', realName: chance(0.5), content: '办理超时' })
    }
    return { caseId: `bench-${c + 1}`, events: events as CaseFile['events'] }
  })
}
