/** The migrations in the order they run: plain files on Kysely<any>, frozen once released. */
import type { Migration } from 'kysely'
import * as m0001 from './0001-append-only-guard.js'
import * as m0002 from './0002-cases-and-records.js'
import * as m0003 from './0003-rule-packs.js'
import * as m0004 from './0004-access-tokens.js'
import * as m0005 from './0005-catalog.js'
import * as m0006 from './0006-evaluation-extra.js'
import * as m0007 from './0007-late-events-and-case-problems.js'
import * as m0008 from './0008-rule-drafts.js'
import * as m0009 from './0009-legal-officer-role.js'
import * as m0010 from './0010-guard-every-table.js'
import * as m0011 from './0011-accounts.js'
import * as m0012 from './0012-write-case-function.js'
import * as m0013 from './0013-case-state-snapshots.js'
import * as m0014 from './0014-chain-head-in-projection.js'
import * as m0015 from './0015-notify-changes.js'
import * as m0020 from './0020-notice-outbox.js'
import * as m0021 from './0021-write-sweep-function.js'
import * as m0025 from './0025-impact-jobs.js'
import * as m0026 from './0026-unchanged-evaluations.js'
import * as m0027 from './0027-unchanged-projection-guard.js'
import * as m0028 from './0028-guards-in-one-query.js'
import * as m0029 from './0029-chain-lock-before-look.js'
import * as m0030 from './0030-cases-open-empty.js'
import * as m0031 from './0031-case-problem-recorded.js'
import * as m0032 from './0032-catalog-items-follow-changes.js'

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-append-only-guard': m0001,
  '0002-cases-and-records': m0002,
  '0003-rule-packs': m0003,
  '0004-access-tokens': m0004,
  '0005-catalog': m0005,
  '0006-evaluation-extra': m0006,
  '0007-late-events-and-case-problems': m0007,
  '0008-rule-drafts': m0008,
  '0009-legal-officer-role': m0009,
  '0010-guard-every-table': m0010,
  '0011-accounts': m0011,
  '0012-write-case-function': m0012,
  '0013-case-state-snapshots': m0013,
  '0014-chain-head-in-projection': m0014,
  '0015-notify-changes': m0015,
  '0020-notice-outbox': m0020,
  '0021-write-sweep-function': m0021,
  '0025-impact-jobs': m0025,
  '0026-unchanged-evaluations': m0026,
  '0027-unchanged-projection-guard': m0027,
  '0028-guards-in-one-query': m0028,
  '0029-chain-lock-before-look': m0029,
  '0030-cases-open-empty': m0030,
  '0031-case-problem-recorded': m0031,
  '0032-catalog-items-follow-changes': m0032,
}
