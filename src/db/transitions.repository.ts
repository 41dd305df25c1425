// Queries for the one transition path: lock a proposal, read its history, append an event, move its stage,
// append the audit record. Queries only; the rules are in the lifecycle engine.
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { LifecycleEvent } from '../domain/lifecycle/lifecycle.models.ts';
import { appendChainedAuditEvents } from './audit.repository.ts';
import type { Tx } from './register.repository.ts';
import { auditEvents, committees, proposalEvents, proposals, releases } from './schema.ts';

/** The proposal, locked for the rest of the transaction so two transitions cannot interleave. */
export async function lockProposalByReferences(db: Tx, codeId: string, references: readonly string[]) {
  const rows = await db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      number: proposals.number,
      stage: proposals.stage,
      path: proposals.path,
      classification: proposals.classification,
    })
    .from(proposals)
    .where(and(eq(proposals.codeId, codeId), inArray(proposals.reference, [...references])))
    .for('update');
  return rows[0] ?? null;
}

/** A proposal's history as lifecycle events, in order, for the engine to replay. */
export async function listHistoryForReplay(db: Tx, proposalId: number): Promise<LifecycleEvent[]> {
  return (await listHistoriesForReplay(db, [proposalId])).get(proposalId) ?? [];
}

/** Several proposals' histories in one read, each in order, keyed by proposal id (every id has a list). */
export async function listHistoriesForReplay(
  db: Tx,
  proposalIds: readonly number[],
): Promise<Map<number, LifecycleEvent[]>> {
  const out = new Map<number, LifecycleEvent[]>(proposalIds.map((id) => [id, []]));
  if (proposalIds.length === 0) return out;
  const rows = await db
    .select({
      proposalId: proposalEvents.proposalId,
      event: proposalEvents.event,
      on: proposalEvents.on,
      by: committees.ref,
      release: releases.ref,
      facts: proposalEvents.facts,
    })
    .from(proposalEvents)
    .leftJoin(committees, eq(proposalEvents.byCommitteeId, committees.id))
    .leftJoin(releases, eq(proposalEvents.releaseId, releases.id))
    .where(inArray(proposalEvents.proposalId, [...proposalIds]))
    .orderBy(asc(proposalEvents.proposalId), asc(proposalEvents.seq));
  for (const e of rows)
    out.get(e.proposalId)?.push({
      event: e.event,
      on: e.on,
      by: e.by ?? undefined,
      facts: e.release ? { ...e.facts, release: e.release } : e.facts,
    });
  return out;
}

export async function findCommitteeId(db: Tx, codeId: string, ref: string): Promise<number | null> {
  const [row] = await db
    .select({ id: committees.id })
    .from(committees)
    .where(and(eq(committees.codeId, codeId), eq(committees.ref, ref)));
  return row?.id ?? null;
}

export async function findReleaseId(db: Tx, codeId: string, ref: string): Promise<number | null> {
  const [row] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.codeId, codeId), eq(releases.ref, ref)));
  return row?.id ?? null;
}

export async function appendProposalEvent(db: Tx, row: Omit<typeof proposalEvents.$inferInsert, 'seq'>) {
  const [last] = await db
    .select({ seq: max(proposalEvents.seq) })
    .from(proposalEvents)
    .where(eq(proposalEvents.proposalId, row.proposalId));
  await db.insert(proposalEvents).values({ ...row, seq: (last?.seq ?? -1) + 1 });
}

export async function setProposalStage(db: Tx, id: number, change: { stage: string; reference: string }) {
  await db.update(proposals).set(change).where(eq(proposals.id, id));
}

/** One audit record, chained to the one before it (inside the caller's transaction: see audit.repository). */
export async function appendAuditEvent(db: Tx, row: typeof auditEvents.$inferInsert) {
  await appendChainedAuditEvents(db, [row]);
}

export async function listAuditEvents(db: Tx, subjectType: string, subjectId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, subjectId)))
    .orderBy(asc(auditEvents.id));
}

/** For a whole import: one audit row per proposal written. */
export async function appendAuditEvents(db: Tx, rows: (typeof auditEvents.$inferInsert)[]) {
  await appendChainedAuditEvents(db, rows);
}
