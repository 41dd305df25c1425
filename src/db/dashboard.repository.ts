// Queries for the dashboard: counts and histories of the proposals a viewer may see. Each one filters by the
// classification policy's one condition (visibleProposalsCondition), so no figure counts a hidden proposal.
import { and, asc, count, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from './connect.ts';
import { visibleProposalsCondition, type VisibleScope } from './proposals.repository.ts';
import { committees, proposalEvents, proposals, releases } from './schema.ts';

/** How many visible proposals are in each stage now (stages with none are absent). */
export async function countVisibleProposalsByStage(db: Db, scope: VisibleScope) {
  return db
    .select({ stage: proposals.stage, total: count() })
    .from(proposals)
    .where(visibleProposalsCondition(scope))
    .groupBy(proposals.stage);
}

/** How many visible proposals were raised in each month (YYYY-MM) between two dates, inclusive. */
export async function countVisibleProposalsRaisedByMonth(
  db: Db,
  scope: VisibleScope,
  range: { from: string; to: string },
) {
  const month = sql<string>`to_char(${proposals.raised}, 'YYYY-MM')`;
  return db
    .select({ month, total: count() })
    .from(proposals)
    .where(
      and(
        visibleProposalsCondition(scope),
        gte(proposals.raised, range.from),
        lte(proposals.raised, range.to),
      ),
    )
    .groupBy(month);
}

/** Every event of every visible proposal, a proposal's events together and in the order they happened. */
export async function listVisibleProposalHistories(db: Db, scope: VisibleScope) {
  return db
    .select({
      proposalId: proposals.id,
      reference: proposals.reference,
      path: proposals.path,
      on: proposalEvents.on,
      event: proposalEvents.event,
      by: committees.ref,
      release: releases.ref,
      facts: proposalEvents.facts,
    })
    .from(proposals)
    .innerJoin(proposalEvents, eq(proposalEvents.proposalId, proposals.id))
    .leftJoin(committees, eq(committees.id, proposalEvents.byCommitteeId))
    .leftJoin(releases, eq(releases.id, proposalEvents.releaseId))
    .where(visibleProposalsCondition(scope))
    .orderBy(asc(proposals.id), asc(proposalEvents.seq));
}
