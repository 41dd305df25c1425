// Queries for requests for views by e-mail (issue 7): the proposals a request covers as a viewer may see them, and
// the requests themselves, found by the SHA-256 of their token (who sits on the committee, with their e-mail
// addresses: committees.repository.ts). Queries only.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AccessViewer } from '../domain/access/classification-policy.ts';
import { visibleProposalsCondition } from './proposals.repository.ts';
import type { Tx } from './register.repository.ts';
import {
  committees,
  meetings,
  papers,
  proposals,
  users,
  viewRequestReplies,
  viewRequests,
} from './schema.ts';

/** The proposals among `ids`, with what a request names of each: as `viewer` may see them, or all (null). */
export async function listProposalsAmong(
  db: Tx,
  codeId: string,
  ids: readonly number[],
  viewer: AccessViewer | null,
) {
  if (ids.length === 0) return [];
  const conditions = [eq(proposals.codeId, codeId), inArray(proposals.id, [...ids])];
  if (viewer) conditions.push(visibleProposalsCondition({ codeId, viewer }));
  return db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      stage: proposals.stage,
      classification: proposals.classification,
    })
    .from(proposals)
    .where(and(...conditions))
    .orderBy(asc(proposals.number), asc(proposals.reference));
}

export async function insertViewRequests(db: Tx, rows: (typeof viewRequests.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(viewRequests).values(rows);
}

/** A request by the SHA-256 of its token, with its user (disabled or not), committee, paper and meeting. */
export async function findViewRequestByTokenHash(db: Tx, tokenHash: string) {
  const rows = await db
    .select({
      id: viewRequests.id,
      proposalIds: viewRequests.proposalIds,
      expiresOn: viewRequests.expiresOn,
      revokedAt: viewRequests.revokedAt,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        personId: users.personId,
        organisationId: users.organisationId,
        disabledAt: users.disabledAt,
      },
      committee: { id: committees.id, ref: committees.ref, name: committees.name },
      paper: { id: papers.id, reference: papers.reference, title: papers.title, item: papers.item },
      meeting: { id: meetings.id, number: meetings.number },
    })
    .from(viewRequests)
    .innerJoin(users, eq(users.id, viewRequests.userId))
    .innerJoin(committees, eq(committees.id, viewRequests.committeeId))
    .innerJoin(papers, eq(papers.id, viewRequests.paperId))
    .leftJoin(meetings, eq(meetings.id, viewRequests.meetingId))
    .where(eq(viewRequests.tokenHash, tokenHash));
  return rows[0] ?? null;
}

/** Whether a reply with this Message-ID has already recorded views. */
export async function isReplyReceived(db: Tx, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ messageId: viewRequestReplies.messageId })
    .from(viewRequestReplies)
    .where(eq(viewRequestReplies.messageId, messageId));
  return row !== undefined;
}

/** Marks a reply as received, in the caller's transaction; false when another delivery of it got there first. */
export async function markReplyReceived(db: Tx, messageId: string, requestId: number): Promise<boolean> {
  const inserted = await db
    .insert(viewRequestReplies)
    .values({ messageId, requestId })
    .onConflictDoNothing()
    .returning({ messageId: viewRequestReplies.messageId });
  return inserted.length > 0;
}
