/** A case for an auditor: as the platform knew it at a past moment, its chain verified, and everything about it in one file. */
import { createPublicKey } from 'node:crypto'
import { verifyCheckpoint } from '../checkpoint/verify-checkpoint.js'
import { replayCase } from '../evaluation/replay.js'
import type { CaseEvent, CaseFile, Checkpoint } from '../types/generated.js'
import { verifyChains } from '../store/verify-chains.js'
import { getEvaluation, listEvents, listNotices, readableCase, caseSummary } from './case-reader.js'
import type { Principal } from './principal.js'
import type { Runtime } from './runtime.js'

/**
 * The case as of a moment: only the events recorded by then (their recordedAt), replayed under the rules, and the
 * evaluation at that moment; with the clocks' stops and steps as they then stood. Nothing is recorded.
 * @example const { evaluation } = await caseAsOf(rt, auditor, 'c1', '2025-10-27T09:00:00+08:00')
 */
export async function caseAsOf(rt: Runtime, p: Principal, caseId: string, at: string) {
  await readableCase(rt, p, caseId)
  const { events } = await listEvents(rt, p, caseId)
  const replay = replayCase(
    rt.env(),
    { caseId, events: events.map((e) => e.event as CaseEvent) as CaseFile['events'] },
    { at },
  )
  const s = replay.state
  return {
    caseId,
    at,
    eventsKnown: replay.evaluations.length,
    evaluation: replay.asOf ?? null,
    clocks: s
      ? {
          acceptedOn: s.acceptedOn,
          status: s.status,
          closedOn: s.closedOn ?? null,
          stops: s.stops,
          steps: s.steps.map((x) => ({
            id: x.id,
            status: x.status,
            startedOn: x.startedOn ?? null,
            completedOn: x.completedOn ?? null,
          })),
        }
      : null,
  }
}

/**
 * Everything about a case in one JSON document: its summary, the case file (events as recorded), every evaluation
 * whole, the notices, and the chain's verification.
 * @example const file = await caseExport(rt, auditor, 'c1')
 */
export async function caseExport(rt: Runtime, p: Principal, caseId: string) {
  const row = await readableCase(rt, p, caseId)
  const { events } = await listEvents(rt, p, caseId)
  const seqs = await rt.db
    .selectFrom('evaluations')
    .select('chain_seq')
    .where('case_id', '=', caseId)
    .orderBy('chain_seq')
    .execute()
  const evaluations = []
  for (const { chain_seq } of seqs) evaluations.push(await getEvaluation(rt, p, caseId, chain_seq))
  const report = await verifyChains(rt.db, { caseIds: [caseId] })
  return {
    exportedAt: rt.clock().toISOString(),
    case: caseSummary(row),
    caseFile: { caseId, events: events.map((e) => e.event) },
    records: events,
    evaluations,
    notices: (await listNotices(rt, p, caseId)).notices,
    verification: { intact: report.broken.length === 0, rows: report.rows, broken: report.broken },
  }
}

/**
 * A case's chain verified row by row, and against the latest signed checkpoint where one was taken: the checkpoint's
 * signature, the case's head then still in place with an intact chain after it, and its proof of inclusion in the
 * checkpoint's tree. A case opened after the checkpoint is `included: false` (only the chain itself vouches for it);
 * one with records from before it yet missing from it is broken (CASE_NOT_IN_CHECKPOINT).
 * @example const v = await caseVerification(rt, auditor, 'c1'); v.intact, v.checkpoint?.intact
 */
export async function caseVerification(rt: Runtime, p: Principal, caseId: string) {
  const row = await readableCase(rt, p, caseId)
  const report = await verifyChains(rt.db, { caseIds: [row.case_id] })
  const latest = await rt.db
    .selectFrom('checkpoints')
    .select('document')
    .orderBy('taken_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  let checkpoint = null
  if (latest) {
    const doc = (typeof latest.document === 'string' ? JSON.parse(latest.document) : latest.document) as Checkpoint
    const r = await verifyCheckpoint(rt.db, doc, createPublicKey(rt.checkpointKey().publicPem), { caseId: row.case_id })
    checkpoint = {
      id: doc.id,
      takenAt: doc.takenAt,
      signatureValid: r.signatureValid,
      included: r.proof !== undefined,
      headThen: r.proof ? r.proof.leaf[2] : null,
      proofValid: r.proof ? r.proof.valid : null,
      intact: r.signatureValid && r.broken.length === 0 && (r.proof?.valid ?? true),
      broken: r.broken,
    }
  }
  return {
    caseId: row.case_id,
    intact: report.broken.length === 0,
    rows: report.rows,
    head: { seq: row.head_seq, hash: row.head_hash },
    broken: report.broken,
    checkpoint,
    verifiedAt: rt.clock().toISOString(),
  }
}
