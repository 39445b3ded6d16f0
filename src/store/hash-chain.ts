/** The per-case hash chain: what of a record row is hashed, and how; shared by the writer and by verify. */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../rules/pack-version.js'
import type { RecordTable } from './database.js'

/**
 * The hash every case's chain starts from, bound to the case id so that no chain can be moved to another case.
 * @example genesisHash('lx-2025-000123') // 'sha256:…'
 */
export function genesisHash(caseId: string): string {
  return `sha256:${createHash('sha256').update(`xingquan/case/${caseId}`).digest('hex')}`
}

/** The columns of each record table that the hash covers: all of them but `hash` itself. */
export const HASHED_COLUMNS: Readonly<Record<RecordTable, readonly string[]>> = {
  case_events: [
    'case_id',
    'chain_seq',
    'prev_hash',
    'recorded_by',
    'stored_at',
    'sequence',
    'event_id',
    'event_type',
    'body',
  ],
  evaluations: [
    'case_id',
    'chain_seq',
    'prev_hash',
    'recorded_by',
    'stored_at',
    'cause',
    'sequence',
    'event_id',
    'at',
    'packs',
    'facts',
    'firings',
    'level',
    'next_change_at',
  ],
  notices: [
    'case_id',
    'chain_seq',
    'prev_hash',
    'recorded_by',
    'stored_at',
    'evaluation_seq',
    'rule_id',
    'template',
    'organ',
    'number',
    'title',
    'html',
    'text',
  ],
}

/** A moment (a Date on read, an ISO string on write) in one form; undefined as null. */
function normal(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  return value === undefined ? null : value
}

const JSON_COLUMNS = new Set(['body', 'packs', 'facts', 'firings', 'extra'])

/** Columns added after rows were first written: hashed only when they hold a value, so older rows keep their hash. */
export const OPTIONAL_HASHED_COLUMNS: Readonly<Record<RecordTable, readonly string[]>> = {
  case_events: [],
  evaluations: ['extra', 'signature', 'same_as'],
  notices: [],
}

/**
 * The hash of a record row: SHA-256 over the table name and the canonical JSON of its hashed columns.
 * JSON columns are hashed as parsed values, so the text a driver returns does not matter.
 * @example rowHash('case_events', { case_id: 'c1', chain_seq: 1, prev_hash: genesisHash('c1'), … })
 */
export function rowHash(table: RecordTable, row: Readonly<Record<string, unknown>>): string {
  const content: Record<string, unknown> = { table }
  for (const column of HASHED_COLUMNS[table]) {
    const value = row[column]
    content[column] = JSON_COLUMNS.has(column) ? (typeof value === 'string' ? JSON.parse(value) : value) : normal(value)
  }
  for (const column of OPTIONAL_HASHED_COLUMNS[table]) {
    const value = row[column]
    if (value !== null && value !== undefined)
      content[column] = JSON_COLUMNS.has(column) && typeof value === 'string' ? JSON.parse(value) : normal(value)
  }
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`
}

/**
 * A JSON value as the database will give it back: undefined members dropped, as jsonb does.
 * @example jsonColumn({ a: 1, b: undefined }) // '{"a":1}'
 */
export function jsonColumn(value: unknown): string {
  return JSON.stringify(value)
}

/** One member of a row's hashed text, in the order canonical JSON sorts the members: `"name":` and how its value is written. */
interface HashedMember {
  readonly column: string
  readonly keyText: string
  /** Left out when the row holds no value (OPTIONAL_HASHED_COLUMNS). */
  readonly optional: boolean
  /** A JSON column: its canonical JSON text is hashed as it is. */
  readonly json: boolean
}

/** Each table's members, `table` among them, sorted once by UTF-16 code units as canonicalJson sorts keys. */
const HASHED_MEMBERS = Object.fromEntries(
  (Object.keys(HASHED_COLUMNS) as RecordTable[]).map((table) => {
    const names = [
      ...HASHED_COLUMNS[table].map((column) => ({ column, optional: false })),
      ...OPTIONAL_HASHED_COLUMNS[table].map((column) => ({ column, optional: true })),
    ]
    const members: HashedMember[] = [{ column: 'table', optional: false }, ...names]
      .sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0))
      .map((m) => ({ ...m, keyText: `${JSON.stringify(m.column)}:`, json: JSON_COLUMNS.has(m.column) }))
    return [table, members]
  }),
) as unknown as Readonly<Record<RecordTable, readonly HashedMember[]>>

/** The canonical JSON of a column's value that is not JSON text: what canonicalJson(normal(value)) gives. */
function scalarJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  // an ISO moment has nothing to escape
  if (value instanceof Date) return `"${value.toISOString()}"`
  return canonicalJson(value)
}

/**
 * The same hash as rowHash for a row whose JSON columns hold canonical JSON text (canonicalJson of the value): the
 * text is hashed as it is, not parsed and serialized again. What the writer stores is that same text, so a verifier's
 * rowHash over the stored values gives this hash. (The members are written in their sorted order, worked out once.)
 * @example rowHashOfCanonical('evaluations', { …, facts: canonicalJson(evaluation.facts) })
 */
export function rowHashOfCanonical(table: RecordTable, row: Readonly<Record<string, unknown>>): string {
  let text = '{'
  for (const m of HASHED_MEMBERS[table]) {
    let member: string
    if (m.column === 'table') member = JSON.stringify(table)
    else {
      const value = row[m.column]
      if (m.optional && (value === null || value === undefined)) continue
      member = m.json && typeof value === 'string' ? value : scalarJson(value)
    }
    text += text.length === 1 ? `${m.keyText}${member}` : `,${m.keyText}${member}`
  }
  return `sha256:${createHash('sha256').update(`${text}}`).digest('hex')}`
}
