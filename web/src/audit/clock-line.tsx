/** The clocks of a case drawn on one time line: acceptance, stops (补正、暂停), steps, the due dates, and the moment read. */
import type { Schemas } from '../api/client'
import { formatDate } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'

type Clocks = NonNullable<Schemas['CaseAsOf']['clocks']>

const m = defineMessages({
  zh: {
    title: '时限时间线',
    accepted: '受理',
    statutory: '法定时限届满',
    promised: '承诺时限届满',
    now: '所看时刻',
    stop: '停止计时',
    supplement: '补正',
    suspension: '暂停',
    step: '环节',
  },
  en: {
    title: 'Clock time line',
    accepted: 'Accepted',
    statutory: 'Statutory limit ends',
    promised: 'Promised limit ends',
    now: 'Moment read',
    stop: 'Clock stopped',
    supplement: 'Supplement',
    suspension: 'Suspension',
    step: 'Step',
  },
})

const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T12:00:00+08:00`)

export function ClockLine({
  clocks,
  statutoryDue,
  promisedDue,
  at,
}: {
  clocks: Clocks
  statutoryDue: string | null
  promisedDue: string | null
  at: string
}) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const atDay = new Date(Date.parse(at) + 8 * 3600e3).toISOString().slice(0, 10)
  const points = [
    clocks.acceptedOn,
    atDay,
    statutoryDue,
    promisedDue,
    ...clocks.stops.flatMap((s) => [s.from, s.to ?? atDay]),
  ]
    .filter((d): d is string => !!d)
    .map(day)
  const start = Math.min(...points) - 86400e3
  const end = Math.max(...points) + 86400e3
  const W = 1000
  const x = (iso: string) => 40 + ((day(iso) - start) / (end - start)) * (W - 80)
  const marks = placed(
    [
      { d: clocks.acceptedOn, label: `${t.accepted} ${formatDate(clocks.acceptedOn, language)}`, color: '#1f4e8c' },
      ...(promisedDue
        ? [{ d: promisedDue, label: `${t.promised} ${formatDate(promisedDue, language)}`, color: '#b26a00' }]
        : []),
      ...(statutoryDue
        ? [{ d: statutoryDue, label: `${t.statutory} ${formatDate(statutoryDue, language)}`, color: '#c62828' }]
        : []),
      { d: atDay, label: `${t.now} ${formatDate(atDay, language)}`, color: '#333' },
    ].map((k) => ({ ...k, x: x(k.d) })),
    W,
  )
  const height = 64 + marks.length * ROW + 8
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{t.title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-label={marks.map((k) => k.label).join('；')}
        data-testid="clock-line"
      >
        <line x1={40} x2={W - 40} y1={40} y2={40} stroke="#999" strokeWidth={2} />
        <rect
          x={x(clocks.acceptedOn)}
          y={32}
          width={Math.max(0, x(atDay) - x(clocks.acceptedOn))}
          height={16}
          fill="#cfe0f5"
        />
        {clocks.stops.map((s) => (
          <g key={`${s.kind}-${s.from}`}>
            <rect
              x={x(s.from)}
              y={28}
              width={Math.max(4, x(s.to ?? atDay) - x(s.from))}
              height={24}
              fill="#eee"
              stroke="#888"
              strokeDasharray="3 2"
            >
              <title>{`${t.stop}（${s.kind === 'supplement' ? t.supplement : t.suspension}${s.reason ? `：${s.reason}` : ''}）${formatDate(s.from, language)}—${s.to ? formatDate(s.to, language) : ''}`}</title>
            </rect>
            <text x={x(s.from)} y={22} fontSize={12} fill="#555">
              {s.kind === 'supplement' ? t.supplement : t.suspension}
            </text>
          </g>
        ))}
        {marks.map((k) => (
          <g key={k.label}>
            <line x1={k.x} x2={k.x} y1={26} y2={k.y - 4} stroke={k.color} strokeWidth={2} />
            <text
              x={k.anchor === 'end' ? k.x - 4 : k.x + 4}
              y={k.y}
              fontSize={FONT}
              fill={k.color}
              textAnchor={k.anchor}
            >
              {k.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  )
}

const FONT = 13
const ROW = 20

/** About how wide a label is drawn: a CJK character is as wide as the font is high, a digit or letter about half. */
const widthOf = (text: string) => [...text].reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) ? FONT : FONT * 0.6), 0)

interface Mark {
  readonly d: string
  readonly label: string
  readonly color: string
  readonly x: number
}

type Anchor = 'start' | 'end'

/** All orders of a few items. */
const orders = <T,>(items: readonly T[]): T[][] =>
  items.length <= 1
    ? [[...items]]
    : items.flatMap((x, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]))

/**
 * Each label on a row of its own, reading rightwards from its line (start) or leftwards (end), in the order of rows and
 * the anchors that let no mark's line (which runs from the axis down to its own label) cross another mark's label and
 * keep every label inside the drawing; among those, the most labels reading rightwards. A handful of marks: every
 * order and anchor is tried.
 */
export function placed(marks: readonly Mark[], width: number): (Mark & { anchor: Anchor; y: number })[] {
  const span = (k: Mark, anchor: Anchor): [number, number] =>
    anchor === 'start' ? [k.x + 4, k.x + 4 + widthOf(k.label)] : [k.x - 4 - widthOf(k.label), k.x - 4]
  let best: { cost: number; rows: Mark[]; anchors: Anchor[] } | undefined
  for (const rows of orders(marks)) {
    for (let bits = 0; bits < 1 << rows.length; bits++) {
      const anchors = rows.map((_, i) => ((bits >> i) & 1 ? 'end' : 'start') as Anchor)
      let cost = anchors.filter((x) => x === 'end').length
      rows.forEach((k, i) => {
        const [from, to] = span(k, anchors[i]!)
        if (from < 0 || to > width) cost += 1000
        // a deeper line through this label
        for (let j = i + 1; j < rows.length; j++) if (rows[j]!.x > from - 2 && rows[j]!.x < to + 2) cost += 1000
      })
      if (!best || cost < best.cost) best = { cost, rows, anchors }
    }
  }
  return (best?.rows ?? []).map((k, row) => ({ ...k, anchor: best!.anchors[row]!, y: 64 + row * ROW + 6 }))
}
