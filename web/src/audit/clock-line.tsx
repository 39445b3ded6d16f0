/** The clocks of a case drawn on one time line: acceptance, stops (补正、暂停), steps, the due dates, and the moment read. */
import type { Schemas } from '../api/client'
import { formatDate } from '../format/dates'
import { useLanguage, useMessages } from '../i18n/language'
import { defineMessages } from '../i18n/messages'

type Clocks = NonNullable<Schemas['CaseAsOf']['clocks']>

const m = defineMessages({
  zh: { title: '时限时间线', accepted: '受理', statutory: '法定时限届满', promised: '承诺时限届满', now: '所看时刻', stop: '停止计时', supplement: '补正', suspension: '暂停', step: '环节' },
  en: { title: 'Clock time line', accepted: 'Accepted', statutory: 'Statutory limit ends', promised: 'Promised limit ends', now: 'Moment read', stop: 'Clock stopped', supplement: 'Supplement', suspension: 'Suspension', step: 'Step' },
})

const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T12:00:00+08:00`)

export function ClockLine({ clocks, statutoryDue, promisedDue, at }: { clocks: Clocks; statutoryDue: string | null; promisedDue: string | null; at: string }) {
  const t = useMessages(m)
  const { language } = useLanguage()
  const atDay = new Date(Date.parse(at) + 8 * 3600e3).toISOString().slice(0, 10)
  const points = [clocks.acceptedOn, atDay, statutoryDue, promisedDue, ...clocks.stops.flatMap((s) => [s.from, s.to ?? atDay])].filter((d): d is string => !!d).map(day)
  const start = Math.min(...points) - 86400e3
  const end = Math.max(...points) + 86400e3
  const W = 1000
  const x = (iso: string) => 40 + ((day(iso) - start) / (end - start)) * (W - 80)
  const marks: { d: string; label: string; color: string; row: number }[] = [
    { d: clocks.acceptedOn, label: `${t.accepted} ${formatDate(clocks.acceptedOn, language)}`, color: '#1f4e8c', row: 0 },
    ...(promisedDue ? [{ d: promisedDue, label: `${t.promised} ${formatDate(promisedDue, language)}`, color: '#b26a00', row: 1 }] : []),
    ...(statutoryDue ? [{ d: statutoryDue, label: `${t.statutory} ${formatDate(statutoryDue, language)}`, color: '#c62828', row: 2 }] : []),
    { d: atDay, label: `${t.now} ${formatDate(atDay, language)}`, color: '#333', row: 3 },
  ]
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{t.title}</figcaption>
      <svg viewBox={`0 0 ${W} 150`} width="100%" role="img" aria-label={marks.map((k) => k.label).join('；')}>
        <line x1={40} x2={W - 40} y1={40} y2={40} stroke="#999" strokeWidth={2} />
        <rect x={x(clocks.acceptedOn)} y={32} width={Math.max(0, x(atDay) - x(clocks.acceptedOn))} height={16} fill="#cfe0f5" />
        {clocks.stops.map((s) => (
          <g key={`${s.kind}-${s.from}`}>
            <rect x={x(s.from)} y={28} width={Math.max(4, x(s.to ?? atDay) - x(s.from))} height={24} fill="#eee" stroke="#888" strokeDasharray="3 2">
              <title>{`${t.stop}（${s.kind === 'supplement' ? t.supplement : t.suspension}${s.reason ? `：${s.reason}` : ''}）${formatDate(s.from, language)}—${s.to ? formatDate(s.to, language) : ''}`}</title>
            </rect>
            <text x={x(s.from)} y={22} fontSize={12} fill="#555">{s.kind === 'supplement' ? t.supplement : t.suspension}</text>
          </g>
        ))}
        {marks.map((k) => (
          <g key={k.label}>
            <line x1={x(k.d)} x2={x(k.d)} y1={26} y2={64 + k.row * 20} stroke={k.color} strokeWidth={2} />
            <text x={x(k.d) > W * 0.6 ? x(k.d) - 4 : x(k.d) + 4} y={64 + k.row * 20} fontSize={13} fill={k.color} textAnchor={x(k.d) > W * 0.6 ? 'end' : 'start'}>
              {k.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  )
}
