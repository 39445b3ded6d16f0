/** The database schema as one interface: every table, its columns, and the row types derived from them. */
import type { ColumnType, Generated, Selectable } from 'kysely'

/** A timestamptz: read as a Date, written as a Date or an ISO string, never updated. */
type Moment = ColumnType<Date, Date | string, never>
/** A timestamptz that the projection may change. */
type MutableMoment = ColumnType<Date, Date | string, Date | string>
type Json<T = unknown> = ColumnType<T, string, string>

/** The three append-only record tables of a case share the chain columns. */
export interface ChainColumns {
  case_id: string
  /** 1-based position of the row in its case's chain, across all three record tables. */
  chain_seq: number
  prev_hash: string
  hash: string
  recorded_by: string
  stored_at: Moment
}

/** A case's projection: derived from its records, rebuilt at will; the only mutable case table. */
export interface CasesTable {
  case_id: string
  jurisdiction: string
  department_code: string
  department_name: string
  power_item_code: string
  serial_number: string
  name: string
  status: string
  /** Highest level in the latest evaluation: none, info, yellow, red. */
  level: Generated<string>
  overdue: Generated<boolean>
  event_count: Generated<number>
  head_seq: Generated<number>
  head_hash: string
  next_change_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  /** The latest evaluation's firings without their trace. */
  alerts: Json
  last_evaluation_seq: number | null
  /** Why the sweep last set the case aside (code, zh, en, since), or null; cleared by the next evaluation recorded. */
  problem: ColumnType<CaseProblem | null, string | null, string | null>
  created_by: string
  created_at: Moment
  updated_at: MutableMoment
}

export interface CaseEventsTable extends ChainColumns {
  sequence: number
  event_id: string
  event_type: string
  body: Json
}

export interface EvaluationsTable extends ChainColumns {
  /** event: on an appended event; sweep: time alone, at a due moment. */
  cause: string
  sequence: number | null
  event_id: string | null
  at: string
  /** The packs applied; null in an unchanged row (those of the row it repeats). */
  packs: Json | null
  /** The facts; in an unchanged row only those that changed (the day counts, the event named). */
  facts: Json
  /** The firings with their traces; null in an unchanged row (those of the row it repeats). */
  firings: Json | null
  level: string
  next_change_at: string | null
  /** The rest of the evaluation (findings, lapsed packs, catalog version…), or null when there is nothing more. */
  extra: Json | null
  /** A digest of what the evaluation decided (evaluation-signature.ts); null in rows written before migration 0026. */
  signature: string | null
  /** In an unchanged row (a sweep that changed nothing), the position of the whole evaluation it repeats. */
  same_as: number | null
}

export interface NoticesTable extends ChainColumns {
  evaluation_seq: number
  rule_id: string
  template: string
  organ: string | null
  number: string | null
  title: string
  html: string
  text: string
}

export interface RulePacksTable {
  version: string
  pack_id: string
  jurisdiction: string
  content: Json
  stored_by: string
  stored_at: Moment
}

export interface PackActivationsTable {
  id: ColumnType<number, never, never>
  pack_id: string
  version: string
  activated_by: string
  activated_at: Moment
  note: string | null
}

export interface AccessTokensTable {
  id: string
  token_hash: string
  subject: string
  role: string
  jurisdiction: string
  department_code: string | null
  created_by: string
  created_at: Moment
  /** When the token stops being accepted; null for tokens issued before tokens had a lifetime. */
  expires_at: ColumnType<Date | null, Date | string | null, never>
}

/** A token's revocation: one per token, never withdrawn. */
export interface TokenRevocationsTable {
  token_id: string
  revoked_by: string
  revoked_at: Moment
  reason: string | null
}

/** A signed checkpoint as the service keeps it: the document, and the leaves its root was computed over. */
export interface CheckpointsTable {
  id: string
  taken_at: Moment
  document: Json
  leaves: Json
  taken_by: string
}

export interface PowerItemsTable {
  code: string
  name: string
  power_type: string
  jurisdiction: string
  department_code: string
  department_name: string
  status: string
  content: Json
  updated_at: MutableMoment
}

export interface CatalogChangesTable {
  id: ColumnType<number, never, never>
  item_code: string
  change: string
  body: Json
  recorded_by: string
  stored_at: Moment
}

export interface CatalogVersionsTable {
  version: string
  content: Json
  stored_at: Moment
}

/** What keeps a case from being evaluated: shown as an alert of its own until an evaluation is recorded again. */
export interface CaseProblem {
  readonly code: string
  readonly zh: string
  readonly en: string
  readonly since: string
}

/** The problems that set cases aside from a sweep, append-only. */
export interface CaseProblemsTable {
  id: ColumnType<number, never, never>
  case_id: string
  code: string
  zh: string
  en: string
  event_count: number
  due_at: ColumnType<Date | null, Date | string | null, never>
  stored_at: Moment
}

export interface NoticeCountersTable {
  organ: string
  year: number
  last: number
}

export interface DraftEventsTable {
  id: ColumnType<number, never, never>
  draft_id: string
  /** 1-based position in the draft's log. */
  seq: number
  kind: string
  pack_id: string
  jurisdiction: string
  body: Json
  /** The person (account or token subject) who did it, and their role. */
  person: string
  role: string
  recorded_by: string
  stored_at: Moment
}

/** One record of a person's account: created with its role, scope and scrypt hash, or disabled. */
export interface AccountRecordsTable {
  id: ColumnType<number, never, never>
  user_name: string
  change: 'created' | 'disabled'
  display_name: string | null
  role: string | null
  jurisdiction: string | null
  department_code: string | null
  password_hash: string | null
  reason: string | null
  recorded_by: string
  stored_at: Moment
}

export interface SessionsTable {
  id: string
  token_hash: string
  user_name: string
  role: string
  jurisdiction: string
  department_code: string | null
  address: string | null
  started_at: Moment
}

export interface SessionRecordsTable {
  id: ColumnType<number, never, never>
  session_id: string
  kind: 'seen' | 'ended'
  reason: string | null
  recorded_by: string
  at: Moment
}

export interface SignInAttemptsTable {
  id: ColumnType<number, never, never>
  user_name: string
  succeeded: boolean
  reason: string | null
  address: string | null
  at: Moment
}

/** A case's folded state after its first `event_count` events (src/case/state-snapshot.ts); append-only. */
export interface CaseStateSnapshotsTable {
  case_id: string
  event_count: number
  fold_version: number
  state: Json
  stored_at: Generated<Date>
}

/** An impact job as it was started: the draft, the moment, the cases' filter, who and which server process. */
export interface ImpactJobsTable {
  id: string
  draft_id: string
  at: string
  filter: Json<{ jurisdictionPrefix: string; department?: string } | null>
  started_by: string
  /** The server process running it (host, pid and a boot nonce). */
  process: string
  started_at: Moment
}

/** A job's progress, one row each time it moves or its process says it is still alive; append-only. */
export interface ImpactJobProgressTable {
  id: ColumnType<string, never, never>
  job_id: string
  done: number
  total: number
  at: Moment
}

/** A job's one result: its report, or why it failed. */
export interface ImpactJobResultsTable {
  job_id: string
  status: 'done' | 'failed'
  report: ColumnType<unknown, string | null, never>
  error: string | null
  at: Moment
}

export interface Database {
  impact_jobs: ImpactJobsTable
  impact_job_progress: ImpactJobProgressTable
  impact_job_results: ImpactJobResultsTable
  case_state_snapshots: CaseStateSnapshotsTable
  cases: CasesTable
  case_events: CaseEventsTable
  evaluations: EvaluationsTable
  notices: NoticesTable
  rule_packs: RulePacksTable
  pack_activations: PackActivationsTable
  access_tokens: AccessTokensTable
  token_revocations: TokenRevocationsTable
  checkpoints: CheckpointsTable
  power_items: PowerItemsTable
  catalog_changes: CatalogChangesTable
  account_records: AccountRecordsTable
  sessions: SessionsTable
  session_records: SessionRecordsTable
  sign_in_attempts: SignInAttemptsTable
  catalog_versions: CatalogVersionsTable
  notice_counters: NoticeCountersTable
  case_problems: CaseProblemsTable
  draft_events: DraftEventsTable
}

export type CaseRow = Selectable<CasesTable>
export type RecordTable = 'case_events' | 'evaluations' | 'notices'
