// Named recipients of proposals and papers: queries only. Who may be named, and the audit, are the use case's.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { paperRecipients, papers, proposalRecipients, proposals, users } from './schema.ts';

export type RecipientSubject = { kind: 'proposal' | 'paper'; id: number; reference: string };

/** The proposal (by any of its references) or the paper with this reference, or null. */
export async function findRecipientSubject(
  db: Tx,
  codeId: string,
  references: readonly string[],
): Promise<RecipientSubject | null> {
  const [proposal] = await db
    .select({ id: proposals.id, reference: proposals.reference })
    .from(proposals)
    .where(and(eq(proposals.codeId, codeId), inArray(proposals.reference, [...references])));
  if (proposal) return { kind: 'proposal', ...proposal };
  const [paper] = await db
    .select({ id: papers.id, reference: papers.reference })
    .from(papers)
    .where(and(eq(papers.codeId, codeId), inArray(papers.reference, [...references])));
  return paper ? { kind: 'paper', ...paper } : null;
}

export async function listRecipients(db: Tx, subject: RecipientSubject) {
  if (subject.kind === 'proposal')
    return db
      .select({ userId: users.id, email: users.email, name: users.name })
      .from(proposalRecipients)
      .innerJoin(users, eq(users.id, proposalRecipients.userId))
      .where(eq(proposalRecipients.proposalId, subject.id))
      .orderBy(asc(users.email));
  return db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(paperRecipients)
    .innerJoin(users, eq(users.id, paperRecipients.userId))
    .where(eq(paperRecipients.paperId, subject.id))
    .orderBy(asc(users.email));
}

/** Names the user; false when they were already named. */
export async function insertRecipient(db: Tx, subject: RecipientSubject, userId: number): Promise<boolean> {
  const rows =
    subject.kind === 'proposal'
      ? await db
          .insert(proposalRecipients)
          .values({ proposalId: subject.id, userId })
          .onConflictDoNothing()
          .returning({ userId: proposalRecipients.userId })
      : await db
          .insert(paperRecipients)
          .values({ paperId: subject.id, userId })
          .onConflictDoNothing()
          .returning({ userId: paperRecipients.userId });
  return rows.length > 0;
}

/** Stops naming the user; false when they were not named. */
export async function deleteRecipient(db: Tx, subject: RecipientSubject, userId: number): Promise<boolean> {
  const rows =
    subject.kind === 'proposal'
      ? await db
          .delete(proposalRecipients)
          .where(and(eq(proposalRecipients.proposalId, subject.id), eq(proposalRecipients.userId, userId)))
          .returning({ userId: proposalRecipients.userId })
      : await db
          .delete(paperRecipients)
          .where(and(eq(paperRecipients.paperId, subject.id), eq(paperRecipients.userId, userId)))
          .returning({ userId: paperRecipients.userId });
  return rows.length > 0;
}
