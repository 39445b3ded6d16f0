/** Checks every case's hash chain row by row and names the first broken row of each broken chain. */
import type { Kysely } from 'kysely'
import { packVersion } from '../rules/pack-version.js'
import type { Database, RecordTable } from './database.js'
import { genesisHash, rowHash } from './hash-chain.js'

export interface BrokenRow {
  readonly caseId: string
  readonly table: RecordTable | 'cases' | 'rule_packs'
  /** Position in the case's chain (for rule_packs: absent). */
  readonly chainSeq?: number
  readonly version?: string
  readonly code: 'HASH_MISMATCH' | 'LINK_BROKEN' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH' | 'PACK_HASH_MISMATCH'
  readonly zh: string
  readonly en: string
}

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
}

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
  for (;;) {
    let q = db.selectFrom('cases').select(['case_id', 'head_seq', 'head_hash']).where('case_id', '>', after).orderBy('case_id').limit(batch)
    if (options.caseIds) q = q.where('case_id', 'in', options.caseIds.length > 0 ? [...options.caseIds] : [''])
    if (options.jurisdictionPrefix) q = q.where('jurisdiction', 'like', `${options.jurisdictionPrefix}%`)
    const heads = await q.execute()
    if (heads.length === 0) break
    after = heads[heads.length - 1]!.case_id
    const ids = heads.map((h) => h.case_id)
    const byCase = new Map<string, { table: RecordTable; row: Record<string, unknown> }[]>(ids.map((id) => [id, []]))
    for (const table of TABLES) {
      const found = await db.selectFrom(table).selectAll().where('case_id', 'in', ids).execute()
      for (const row of found) byCase.get(row.case_id)!.push({ table, row: row as unknown as Record<string, unknown> })
    }
    for (const head of heads) {
      cases++
      const chain = byCase.get(head.case_id)!.sort((a, b) => (a.row.chain_seq as number) - (b.row.chain_seq as number))
      rows += chain.length
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
    }
    if (heads.length < batch) break
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

function checkChain(caseId: string, chain: readonly { table: RecordTable; row: Record<string, unknown> }[]): BrokenRow | undefined {
  let prev = genesisHash(caseId)
  for (const [i, { table, row }] of chain.entries()) {
    const seq = row.chain_seq as number
    const at = { caseId, table, chainSeq: seq }
    if (seq !== i + 1) {
      return { ...at, code: 'SEQUENCE_GAP', zh: `第 ${i + 1} 行缺失（下一行是第 ${seq} 行）`, en: `row ${i + 1} is missing (the next row is row ${seq})` }
    }
    if (row.prev_hash !== prev) {
      return { ...at, code: 'LINK_BROKEN', zh: `${table} 第 ${seq} 行记载的上一行摘要与上一行不符`, en: `${table} row ${seq} does not carry the previous row's hash` }
    }
    const hash = rowHash(table, row)
    if (row.hash !== hash) {
      return { ...at, code: 'HASH_MISMATCH', zh: `${table} 第 ${seq} 行的内容已被改动（摘要不符）`, en: `${table} row ${seq} was altered (its content no longer matches its hash)` }
    }
    prev = row.hash as string
  }
  return undefined
}
