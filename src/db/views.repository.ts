// Queries for committees' views on proposals (issue 7): find the proposal a view is about, store a view, and read
// the views of a proposal or of a meeting with what the policy and the pages need (the committee, the author,
// the meeting, the paper, the proposer's organisation). Queries only: who may see a view is decided by the use
// cases (src/app/list-views.ts, through canSee).
import { and, asc, desc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { visibleProposalsCondition, type VisibleScope } from './proposals.repository.ts';
import type { Tx } from './register.repository.ts';
import {
  committeeViews,
  committees,
  meetings,
  papers,
  people,
  problemStatementVersions,
  proposals,
  users,
} from './schema.ts';

const meetingCommittee = alias(committees, 'meeting_committee');

/**
 * The proposal whose reference is one of `references` (DP090 or MP090), with its proposer's organisation: as the
 * viewer in `scope` may see it, or, with no scope, whatever its classification (the command line's own lookup).
 */
export async function findProposalForViews(
  db: Tx,
  codeId: string,
  references: readonly string[],
  scope: VisibleScope | null,
) {
  if (references.length === 0) return [];
  const conditions: SQL[] = [eq(proposals.codeId, codeId), inArray(proposals.reference, [...references])];
  if (scope) conditions.push(visibleProposalsCondition(scope));
  return db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      raised: proposals.raised,
      classification: proposals.classification,
      proposerOrganisationId: people.organisationId,
    })
    .from(proposals)
    .innerJoin(people, eq(people.id, proposals.proposerId))
    .where(and(...conditions));
}

/** A code's committees, in the order the register lists them. */
export async function listCommittees(db: Tx, codeId: string) {
  return db
    .select({ id: committees.id, ref: committees.ref, name: committees.name })
    .from(committees)
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(committees.id));
}

/** A proposal's problem statement versions, newest first, with the day each was written. */
export async function listProblemStatementVersions(db: Tx, proposalId: number) {
  return db
    .select({ version: problemStatementVersions.version, writtenOn: problemStatementVersions.writtenOn })
    .from(problemStatementVersions)
    .where(eq(problemStatementVersions.proposalId, proposalId))
    .orderBy(desc(problemStatementVersions.version));
}

/** The newest problem statement version written on or before `day`, if any. */
export async function findVersionCurrentOn(db: Tx, proposalId: number, day: string) {
  const [row] = await db
    .select({ version: problemStatementVersions.version })
    .from(problemStatementVersions)
    .where(
      and(eq(problemStatementVersions.proposalId, proposalId), lte(problemStatementVersions.writtenOn, day)),
    )
    .orderBy(desc(problemStatementVersions.version))
    .limit(1);
  return row?.version ?? null;
}

/** A meeting's papers at one agenda item. */
export async function listPapersAtItem(db: Tx, meetingId: number, item: number) {
  return db
    .select({ id: papers.id, reference: papers.reference, date: papers.date })
    .from(papers)
    .where(and(eq(papers.meetingId, meetingId), eq(papers.item, item)))
    .orderBy(asc(papers.reference));
}

export async function insertView(db: Tx, row: typeof committeeViews.$inferInsert): Promise<number> {
  const [inserted] = await db.insert(committeeViews).values(row).returning({ id: committeeViews.id });
  if (!inserted) throw new Error('internal: the view was not stored');
  return inserted.id;
}

/** What a view's row carries to the use cases: itself, its committee, its author, its meeting and its paper. */
const viewColumns = {
  id: committeeViews.id,
  proposalId: committeeViews.proposalId,
  source: committeeViews.source,
  givenOn: committeeViews.givenOn,
  classification: committeeViews.classification,
  text: committeeViews.text,
  problemStatementVersion: committeeViews.problemStatementVersion,
  agendaItem: committeeViews.agendaItem,
  authorName: committeeViews.authorName,
  authorUserName: users.name,
  committee: { ref: committees.ref, name: committees.name },
  meeting: { number: meetings.number, date: meetings.date, committeeRef: meetingCommittee.ref },
  paper: {
    id: papers.id,
    reference: papers.reference,
    title: papers.title,
    classification: papers.classification,
  },
};

/** The views on a proposal, every classification, oldest first (the use case applies the viewer's policy). */
export async function listViewsOfProposal(db: Tx, proposalId: number) {
  return db
    .select(viewColumns)
    .from(committeeViews)
    .innerJoin(committees, eq(committees.id, committeeViews.committeeId))
    .leftJoin(users, eq(users.id, committeeViews.authorUserId))
    .leftJoin(meetings, eq(meetings.id, committeeViews.meetingId))
    .leftJoin(meetingCommittee, eq(meetingCommittee.id, meetings.committeeId))
    .leftJoin(papers, eq(papers.id, committeeViews.paperId))
    .where(eq(committeeViews.proposalId, proposalId))
    .orderBy(asc(committeeViews.givenOn), asc(committeeViews.id));
}

export type ViewRow = Awaited<ReturnType<typeof listViewsOfProposal>>[number];

/**
 * Every view on a code's proposals, each with its proposer's organisation (the access policy reads it), by
 * proposal, then day, committee and id: the order the interchange exports them in.
 */
export async function listViewsOfCode(db: Tx, codeId: string) {
  return db
    .select({ ...viewColumns, proposerOrganisationId: people.organisationId })
    .from(committeeViews)
    .innerJoin(proposals, eq(proposals.id, committeeViews.proposalId))
    .innerJoin(people, eq(people.id, proposals.proposerId))
    .innerJoin(committees, eq(committees.id, committeeViews.committeeId))
    .leftJoin(users, eq(users.id, committeeViews.authorUserId))
    .leftJoin(meetings, eq(meetings.id, committeeViews.meetingId))
    .leftJoin(meetingCommittee, eq(meetingCommittee.id, meetings.committeeId))
    .leftJoin(papers, eq(papers.id, committeeViews.paperId))
    .where(eq(proposals.codeId, codeId))
    .orderBy(
      asc(committeeViews.proposalId),
      asc(committeeViews.givenOn),
      asc(committees.ref),
      asc(committeeViews.id),
    );
}

/**
 * The views recorded at a meeting, on the proposals the viewer may see (every classification of view: the use
 * case applies the policy to each), by proposal number, then oldest first; each with its proposal.
 */
export async function listViewsOfMeeting(db: Tx, meetingId: number, scope: VisibleScope) {
  return db
    .select({
      ...viewColumns,
      proposal: {
        reference: proposals.reference,
        number: proposals.number,
        title: proposals.title,
        proposerOrganisationId: people.organisationId,
      },
    })
    .from(committeeViews)
    .innerJoin(proposals, eq(proposals.id, committeeViews.proposalId))
    .innerJoin(people, eq(people.id, proposals.proposerId))
    .innerJoin(committees, eq(committees.id, committeeViews.committeeId))
    .leftJoin(users, eq(users.id, committeeViews.authorUserId))
    .leftJoin(meetings, eq(meetings.id, committeeViews.meetingId))
    .leftJoin(meetingCommittee, eq(meetingCommittee.id, meetings.committeeId))
    .leftJoin(papers, eq(papers.id, committeeViews.paperId))
    .where(and(eq(committeeViews.meetingId, meetingId), visibleProposalsCondition(scope)))
    .orderBy(
      asc(proposals.number),
      asc(proposals.reference),
      asc(committeeViews.givenOn),
      asc(committeeViews.id),
    );
}
