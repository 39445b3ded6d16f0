/** Checks every case's hash chain row by row and names the first broken row of each broken chain. */
import type { Kysely } from 'kysely'
import { packVersion } from '../rules/pack-version.js'
import type { Database, RecordTable } from './database.js'
import { genesisHash, rowHash } from './hash-chain.js'
import { projectionDifferences, type ProblemRow } from './verify-projection.js'

export interface BrokenRow {
  readonly caseId: string
  readonly table: RecordTable | 'cases' | 'rule_packs' | 'checkpoints' | (string & {})
  /** Position in the case's chain (for rule_packs: absent). */
  readonly chainSeq?: number
  readonly version?: string
  readonly code: BrokenCode
  /** For PROJECTION_MISMATCH: the columns of the case's row that its records do not derive. */
  readonly columns?: readonly string[]
  readonly zh: string
  readonly en: string
}

export type BrokenCode =
  | 'HASH_MISMATCH'
  | 'LINK_BROKEN'
  | 'SEQUENCE_GAP'
  | 'HEAD_MISMATCH'
  | 'PACK_HASH_MISMATCH'
  | 'PROJECTION_MISMATCH'
  | 'CASE_NOT_FOUND'
  | 'TAIL_CUT'
  | 'HEAD_REWRITTEN'
  | 'CASE_DELETED'
  | 'CASE_NOT_IN_CHECKPOINT'

export interface VerifyReport {
  readonly cases: number
  readonly rows: number
  readonly packs: number
  readonly broken: readonly BrokenRow[]
}

export interface VerifyOptions {
  /** Only these cases. */
  readonly caseIds?: readonly string[]
  /** Only cases whose jurisdiction code starts with this. */
  readonly jurisdictionPrefix?: string
  /** Cases read per batch (default 500). */
  readonly batch?: number
  /** The heads a verified checkpoint recorded: each case must still have, at that position, exactly that hash. */
  readonly checkpoint?: CheckpointHeads
}

export interface CheckpointHeads {
  readonly takenAt: string
  readonly heads: ReadonlyMap<string, { readonly seq: number; readonly hash: string }>
}

/** A case made this long before a checkpoint and not in it was not there when it was taken (in-flight appends aside). */
const IN_FLIGHT_MS = 60_000

const TABLES: readonly RecordTable[] = ['case_events', 'evaluations', 'notices']

/**
 * Verifies the chains of all cases (or of some) and the content hash of every stored rule pack.
 * @example const report = await verifyChains(db); report.broken.length === 0
 */
export async function verifyChains(db: Kysely<Database>, options: VerifyOptions = {}): Promise<VerifyReport> {
  const batch = options.batch ?? 500
  const broken: BrokenRow[] = []
  let cases = 0
  let rows = 0
  let after = ''
  const seen = new Set<string>()
  for (;;) {
    let q = db.selectFrom('cases').selectAll().where('case_id', '>', after).orderBy('case_id').limit(batch)
    if (options.caseIds) q = q.where('case_id', 'in', options.caseIds.length > 0 ? [...options.caseIds] : [''])
    if (options.jurisdictionPrefix) q = q.where('jurisdiction', 'like', `${options.jurisdictionPrefix}%`)
    const heads = await q.execute()
    if (heads.length === 0) break
    after = heads[heads.length - 1]!.case_id
    const ids = heads.map((h) => h.case_id)
    const byCase = new Map<string, { table: RecordTable; row: Record<string, unknown> }[]>(ids.map((id) => [id, []]))
    const problems = new Map<string, ProblemRow[]>()
    for (const row of await db
      .selectFrom('case_problems')
      .select(['id', 'case_id', 'code', 'zh', 'en', 'stored_at'])
      .where('case_id', 'in', ids)
      .execute()) {
      problems.set(row.case_id, [...(problems.get(row.case_id) ?? []), row])
    }
    for (const table of TABLES) {
      const found = await db.selectFrom(table).selectAll().where('case_id', 'in', ids).execute()
      for (const row of found) byCase.get(row.case_id)!.push({ table, row: row as unknown as Record<string, unknown> })
    }
    for (const head of heads) {
      cases++
      seen.add(head.case_id)
      const chain = byCase.get(head.case_id)!.sort((a, b) => (a.row.chain_seq as number) - (b.row.chain_seq as number))
      rows += chain.length
      const atCheckpoint = options.checkpoint && checkpointHead(head.case_id, chain, options.checkpoint)
      if (atCheckpoint) broken.push(atCheckpoint)
      const first = checkChain(head.case_id, chain)
      if (first) {
        broken.push(first)
        continue
      }
      const last = chain.at(-1)
      const seq = last ? (last.row.chain_seq as number) : 0
      const hash = last ? (last.row.hash as string) : genesisHash(head.case_id)
      if (seq !== head.head_seq || hash !== head.head_hash) {
        broken.push({
          caseId: head.case_id,
          table: 'cases',
          chainSeq: head.head_seq,
          code: 'HEAD_MISMATCH',
          zh: `办件记录的链头（第 ${head.head_seq} 行）与最后一条记录（第 ${seq} 行）不符：有记录缺失`,
          en: `the case's chain head (row ${head.head_seq}) does not match its last record (row ${seq}): records are missing`,
        })
      }
      const differences = projectionDifferences(head, chain, problems.get(head.case_id))
      if (differences.length > 0) {
        const columns = differences.map((d) => d.column)
        broken.push({
          caseId: head.case_id,
          table: 'cases',
          chainSeq: head.head_seq,
          code: 'PROJECTION_MISMATCH',
          columns,
          zh: `办件的投影与其记录不符（${columns.join('、')}）：投影被改动`,
          en: `the case's projection does not match its records (${columns.join(', ')}): it was altered`,
        })
      }
    }
    if (heads.length < batch) break
  }
  for (const caseId of options.caseIds ?? []) {
    if (seen.has(caseId)) continue
    const recorded = options.checkpoint?.heads.get(caseId)
    if (!recorded)
      broken.push({
        caseId,
        table: 'cases',
        code: 'CASE_NOT_FOUND',
        zh: `没有办件 ${caseId}`,
        en: `no case ${caseId} was found`,
      })
  }
  if (options.checkpoint) {
    const unseen = [...options.checkpoint.heads.keys()].filter(
      (id) => !seen.has(id) && (!options.caseIds || options.caseIds.includes(id)),
    )
    // out of the asked scope is not deleted: only a case that exists nowhere is
    const existing = new Set<string>()
    for (let i = 0; options.jurisdictionPrefix && i < unseen.length; i += 500) {
      const rows = await db
        .selectFrom('cases')
        .select('case_id')
        .where('case_id', 'in', unseen.slice(i, i + 500))
        .execute()
      for (const r of rows) existing.add(r.case_id)
    }
    for (const caseId of unseen) {
      if (existing.has(caseId)) continue
      const h = options.checkpoint.heads.get(caseId)!
      broken.push({
        caseId,
        table: 'cases',
        chainSeq: h.seq,
        code: 'CASE_DELETED',
        zh: `检查点记载的办件 ${caseId}（链头第 ${h.seq} 行）已不存在：办件被删除`,
        en: `case ${caseId}, in the checkpoint with its head at row ${h.seq}, no longer exists: it was deleted`,
      })
    }
  }
  const packs = await db.selectFrom('rule_packs').select(['version', 'pack_id', 'content']).execute()
  for (const p of packs) {
    const actual = packVersion(p.content)
    if (actual !== p.version) {
      broken.push({
        caseId: '',
        table: 'rule_packs',
        version: p.version,
        code: 'PACK_HASH_MISMATCH',
        zh: `规则包 ${p.pack_id} 版本 ${p.version} 的内容已被改动（现摘要 ${actual}）`,
        en: `rule pack ${p.pack_id} version ${p.version} was altered (its content now hashes to ${actual})`,
      })
    }
  }
  return { cases, rows, packs: packs.length, broken }
}

/** The case's chain against the head the checkpoint recorded for it. */
function checkpointHead(
  caseId: string,
  chain: readonly { table: RecordTable; row: Record<string, unknown> }[],
  cp: CheckpointHeads,
): BrokenRow | undefined {
  const recorded = cp.heads.get(caseId)
  const last = chain.at(-1)?.row.chain_seq as number | undefined
  if (!recorded) {
    const first = chain[0]?.row.stored_at
    const made = first instanceof Date ? first.getTime() : Date.parse(String(first))
    if (first === undefined || made >= Date.parse(cp.takenAt) - IN_FLIGHT_MS) return undefined
    return {
      caseId,
      table: 'cases',
      code: 'CASE_NOT_IN_CHECKPOINT',
      zh: `办件 ${caseId} 的记录早于检查点（${cp.takenAt}），检查点中却没有它：办件是事后插入的`,
      en: `case ${caseId} has records from before the checkpoint (${cp.takenAt}) but is not in it: it was inserted afterwards`,
    }
  }
  const found = chain.find((r) => r.row.chain_seq === recorded.seq)
  if (!found) {
    return {
      caseId,
      table: 'cases',
      chainSeq: recorded.seq,
      code: 'TAIL_CUT',
      zh: `检查点记载链头为第 ${recorded.seq} 行，现链只到第 ${last ?? 0} 行：链尾被截去`,
      en: `the checkpoint recorded the head at row ${recorded.seq}; the chain now ends at row ${last ?? 0}: its tail was cut`,
    }
  }
  if (found.row.hash !== recorded.hash) {
    return {
      caseId,
      table: found.table,
      chainSeq: recorded.seq,
      code: 'HEAD_REWRITTEN',
      zh: `第 ${recorded.seq} 行的摘要与检查点记载的不符：该行或其之前的记录被改写（摘要已重算）`,
      en: `row ${recorded.seq} no longer has the hash the checkpoint recorded: it or an earlier record was rewritten (hashes recomputed)`,
    }
  }
  return undefined
}

function checkChain(
  caseId: string,
  chain: readonly { table: RecordTable; row: Record<string, unknown> }[],
): BrokenRow | undefined {
  let prev = genesisHash(caseId)
  for (const [i, { table, row }] of chain.entries()) {
    const seq = row.chain_seq as number
    const at = { caseId, table, chainSeq: seq }
    if (seq !== i + 1) {
      return {
        ...at,
        code: 'SEQUENCE_GAP',
        zh: `第 ${i + 1} 行缺失（下一行是第 ${seq} 行）`,
        en: `row ${i + 1} is missing (the next row is row ${seq})`,
      }
    }
    if (row.prev_hash !== prev) {
      return {
        ...at,
        code: 'LINK_BROKEN',
        zh: `${table} 第 ${seq} 行记载的上一行摘要与上一行不符`,
        en: `${table} row ${seq} does not carry the previous row's hash`,
      }
    }
    const hash = rowHash(table, row)
    if (row.hash !== hash) {
      return {
        ...at,
        code: 'HASH_MISMATCH',
        zh: `${table} 第 ${seq} 行的内容已被改动（摘要不符）`,
        en: `${table} row ${seq} was altered (its content no longer matches its hash)`,
      }
    }
    prev = row.hash as string
  }
  return undefined
}
