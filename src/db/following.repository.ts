// Queries for what each committee follows (committee_following: whether it wants to give further input on a
// proposal, as last decided at a meeting), and for the history of the proposals it follows that a paper reports.
// Small and named, no rules. Queries that list proposals for a viewer filter them by the one policy condition
// (visibleProposalsCondition); those for a paper cover every classification, as the composer decides.
import { and, asc, between, eq, inArray, lte } from 'drizzle-orm';
import { visibleProposalsCondition, type VisibleScope } from './proposals.repository.ts';
import type { Tx } from './register.repository.ts';
import {
  committeeFollowing,
  committees,
  meetings,
  proposalEvents,
  proposalImpacts,
  proposals,
  releases,
} from './schema.ts';

export type FollowingRow = typeof committeeFollowing.$inferSelect;

/** A proposal by any of its references (DP090 or MP090), of every classification; null when there is none. */
export async function findProposalForFollowing(db: Tx, codeId: string, references: readonly string[]) {
  if (references.length === 0) return null;
  const rows = await db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      classification: proposals.classification,
    })
    .from(proposals)
    .where(and(eq(proposals.codeId, codeId), inArray(proposals.reference, [...references])));
  return rows[0] ?? null;
}

/** Whether the viewer may see this proposal (the one policy condition, in SQL). */
export async function isProposalVisible(db: Tx, scope: VisibleScope, proposalId: number): Promise<boolean> {
  const rows = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.id, proposalId), visibleProposalsCondition(scope)));
  return rows.length > 0;
}

/** The committee's decision on the proposal as last recorded, with the meeting it was taken at. */
export async function findFollowing(db: Tx, committeeId: number, proposalId: number) {
  const rows = await db
    .select({
      decision: committeeFollowing.decision,
      decidedOn: committeeFollowing.decidedOn,
      meetingId: committeeFollowing.meetingId,
      meetingNumber: meetings.number,
    })
    .from(committeeFollowing)
    .leftJoin(meetings, eq(meetings.id, committeeFollowing.meetingId))
    .where(
      and(eq(committeeFollowing.committeeId, committeeId), eq(committeeFollowing.proposalId, proposalId)),
    );
  return rows[0] ?? null;
}

/** Records the decision, replacing the one before (the audit log keeps the history). */
export async function upsertFollowing(db: Tx, row: FollowingRow): Promise<void> {
  await db
    .insert(committeeFollowing)
    .values(row)
    .onConflictDoUpdate({
      target: [committeeFollowing.committeeId, committeeFollowing.proposalId],
      set: { decision: row.decision, decidedOn: row.decidedOn, meetingId: row.meetingId },
    });
}

/** The committee's decisions on the proposals the viewer may see, in number order. */
export async function listVisibleFollowing(db: Tx, scope: VisibleScope, committeeId: number) {
  return db
    .select({
      proposalId: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      stage: proposals.stage,
      decision: committeeFollowing.decision,
      decidedOn: committeeFollowing.decidedOn,
      meetingNumber: meetings.number,
    })
    .from(committeeFollowing)
    .innerJoin(proposals, eq(proposals.id, committeeFollowing.proposalId))
    .leftJoin(meetings, eq(meetings.id, committeeFollowing.meetingId))
    .where(and(eq(committeeFollowing.committeeId, committeeId), visibleProposalsCondition(scope)))
    .orderBy(asc(proposals.number), asc(proposals.reference));
}

/** Of these proposals, those the viewer may see, in number order. */
export async function listVisibleProposalsById(db: Tx, scope: VisibleScope, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: proposals.id, reference: proposals.reference, title: proposals.title })
    .from(proposals)
    .where(and(inArray(proposals.id, [...ids]), visibleProposalsCondition(scope)))
    .orderBy(asc(proposals.number), asc(proposals.reference));
}

/**
 * The proposals a committee followed (decision yes) as decided on or before `asOf`, every classification,
 * with whether each names the committee (has anticipated impacts recorded for it).
 */
export async function listFollowedForPaper(
  db: Tx,
  scope: { codeId: string; committeeId: number; asOf: string },
) {
  const rows = await db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      classification: proposals.classification,
      impact: proposalImpacts.text,
    })
    .from(committeeFollowing)
    .innerJoin(proposals, eq(proposals.id, committeeFollowing.proposalId))
    .leftJoin(
      proposalImpacts,
      and(
        eq(proposalImpacts.proposalId, proposals.id),
        eq(proposalImpacts.committeeId, committeeFollowing.committeeId),
      ),
    )
    .where(
      and(
        eq(proposals.codeId, scope.codeId),
        eq(committeeFollowing.committeeId, scope.committeeId),
        eq(committeeFollowing.decision, 'yes'),
        lte(committeeFollowing.decidedOn, scope.asOf),
      ),
    )
    .orderBy(asc(proposals.number), asc(proposals.reference));
  return rows.map(({ impact, ...row }) => ({ ...row, namesCommittee: impact !== null }));
}

/** The history events of these proposals dated within the period (both days), in the order recorded. */
export async function listEventsInPeriod(
  db: Tx,
  proposalIds: readonly number[],
  period: { from: string; to: string },
) {
  if (proposalIds.length === 0) return [];
  return db
    .select({
      proposalId: proposalEvents.proposalId,
      event: proposalEvents.event,
      on: proposalEvents.on,
      by: committees.name,
      release: releases.name,
      facts: proposalEvents.facts,
    })
    .from(proposalEvents)
    .leftJoin(committees, eq(committees.id, proposalEvents.byCommitteeId))
    .leftJoin(releases, eq(releases.id, proposalEvents.releaseId))
    .where(
      and(
        inArray(proposalEvents.proposalId, [...proposalIds]),
        between(proposalEvents.on, period.from, period.to),
      ),
    )
    .orderBy(asc(proposalEvents.proposalId), asc(proposalEvents.seq));
}
