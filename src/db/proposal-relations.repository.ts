// Queries for what a proposal page links to beyond the proposal: the committee papers whose reporting period
// covers a day, the proposals of one number (a proposal and its alternatives), and the proposals that affect a
// document. Small and named, no rules: which papers include the proposal is the use case's decision
// (src/app/get-proposal-relations.ts). Every query of proposals filters by the access policy's one condition.
import { and, arrayContains, desc, eq, gte, lte, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from './connect.ts';
import { visibleProposalsCondition, type VisibleScope } from './proposals.repository.ts';
import { committees, meetings, papers, proposals } from './schema.ts';

const proposalRefColumns = {
  id: proposals.id,
  reference: proposals.reference,
  title: proposals.title,
  stage: proposals.stage,
  raised: proposals.raised,
};

/**
 * The stored papers of `type` for a meeting whose reporting period (both days included) covers any of `days`,
 * every classification (the use case applies the policy), newest first, each with its meeting and committee.
 */
export async function listPapersCovering(
  db: Db,
  scope: { codeId: string; type: string; days: readonly string[] },
) {
  if (scope.days.length === 0) return [];
  const covers = scope.days.map((day) => and(lte(papers.coversFrom, day), gte(papers.coversTo, day)) as SQL);
  return db
    .select({
      id: papers.id,
      reference: papers.reference,
      title: papers.title,
      classification: papers.classification,
      date: papers.date,
      coversFrom: papers.coversFrom,
      coversTo: papers.coversTo,
      meeting: { number: meetings.number, date: meetings.date },
      committee: { ref: committees.ref, name: committees.name },
    })
    .from(papers)
    .innerJoin(meetings, eq(meetings.id, papers.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(and(eq(papers.codeId, scope.codeId), eq(papers.type, scope.type), or(...covers)))
    .orderBy(desc(papers.date), desc(papers.reference));
}

/** The other visible proposals numbered `number` (MP102, MP102A, MP102B...), in reference order. */
export async function listVisibleProposalsNumbered(
  db: Db,
  scope: VisibleScope,
  query: { number: number; exceptId: number },
) {
  return db
    .select(proposalRefColumns)
    .from(proposals)
    .where(
      and(
        visibleProposalsCondition(scope),
        eq(proposals.number, query.number),
        ne(proposals.id, query.exceptId),
      ),
    )
    .orderBy(proposals.reference);
}

/**
 * Up to `limit` other visible proposals whose affected documents include `document`, the most recently raised
 * first (ties by reference, highest first).
 */
export async function listVisibleProposalsAffecting(
  db: Db,
  scope: VisibleScope,
  query: { document: string; exceptId: number; limit: number },
) {
  return db
    .select(proposalRefColumns)
    .from(proposals)
    .where(
      and(
        visibleProposalsCondition(scope),
        arrayContains(proposals.affectedDocuments, [query.document]),
        ne(proposals.id, query.exceptId),
      ),
    )
    .orderBy(desc(proposals.raised), desc(proposals.reference))
    .limit(query.limit);
}

export type RelatedProposalRow = Awaited<ReturnType<typeof listVisibleProposalsAffecting>>[number];
