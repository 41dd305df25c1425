// Queries for Draft Proposals being written on the web: a user's saved drafts (the form's fields as typed), who
// the user raises as (their person and organisation), and the code's Change Team address for the acknowledgement.
// Every query about a draft takes the user's id: a draft is only ever found for its owner.
// Queries only; the rules are in the use cases (src/app/*-proposal-draft.ts).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { codes, organisations, people, proposalDrafts, proposals } from './schema.ts';

const draftColumns = {
  id: proposalDrafts.id,
  fields: proposalDrafts.fields,
  createdAt: proposalDrafts.createdAt,
  updatedAt: proposalDrafts.updatedAt,
  raisedProposalId: proposalDrafts.raisedProposalId,
  /** The proposal it became, under its reference now (DP128, or MP128 once converted). */
  raised: { reference: proposals.reference, title: proposals.title, raised: proposals.raised },
};

const ofUser = (codeId: string, userId: number) =>
  and(eq(proposalDrafts.codeId, codeId), eq(proposalDrafts.userId, userId));

/** One of the user's drafts, with the proposal it became if it was raised; null when it is not theirs. */
export async function findDraftOfUser(db: Tx, codeId: string, userId: number, draftId: number) {
  const [row] = await db
    .select(draftColumns)
    .from(proposalDrafts)
    .leftJoin(proposals, eq(proposals.id, proposalDrafts.raisedProposalId))
    .where(and(ofUser(codeId, userId), eq(proposalDrafts.id, draftId)));
  return row ?? null;
}

/**
 * The user's draft, locked for the rest of the transaction (so two submissions of it take turns), by its id or by
 * the key of the form that first saved it; null when there is none of theirs.
 */
export async function lockDraftOfUser(
  db: Tx,
  codeId: string,
  userId: number,
  by: { id: number } | { formKey: string },
) {
  const [row] = await db
    .select({
      id: proposalDrafts.id,
      fields: proposalDrafts.fields,
      raisedProposalId: proposalDrafts.raisedProposalId,
    })
    .from(proposalDrafts)
    .where(
      and(
        ofUser(codeId, userId),
        'id' in by
          ? eq(proposalDrafts.id, by.id)
          : sql`${proposalDrafts.fields} ->> 'formKey' = ${by.formKey}`,
      ),
    )
    .for('update');
  return row ?? null;
}

/** The user's drafts, the last changed first, with the proposal each became if raised. */
export async function listDraftsOfUser(db: Tx, codeId: string, userId: number) {
  return db
    .select(draftColumns)
    .from(proposalDrafts)
    .leftJoin(proposals, eq(proposals.id, proposalDrafts.raisedProposalId))
    .where(ofUser(codeId, userId))
    .orderBy(desc(proposalDrafts.updatedAt), desc(proposalDrafts.id));
}

export async function insertDraft(
  db: Tx,
  row: { codeId: string; userId: number; fields: Record<string, string>; at: Date },
): Promise<number> {
  const [inserted] = await db
    .insert(proposalDrafts)
    .values({
      codeId: row.codeId,
      userId: row.userId,
      fields: row.fields,
      createdAt: row.at,
      updatedAt: row.at,
    })
    .returning({ id: proposalDrafts.id });
  if (!inserted) throw new Error('internal: the draft was not stored');
  return inserted.id;
}

export async function updateDraftFields(db: Tx, draftId: number, fields: Record<string, string>, at: Date) {
  await db.update(proposalDrafts).set({ fields, updatedAt: at }).where(eq(proposalDrafts.id, draftId));
}

export async function markDraftRaised(db: Tx, draftId: number, proposalId: number, at: Date) {
  await db
    .update(proposalDrafts)
    .set({ raisedProposalId: proposalId, updatedAt: at })
    .where(eq(proposalDrafts.id, draftId));
}

export async function deleteDraft(db: Tx, draftId: number) {
  await db.delete(proposalDrafts).where(eq(proposalDrafts.id, draftId));
}

/** The person a user stands for, with their organisation: who raises a Draft Proposal they submit. */
export async function findPersonWithOrganisationById(db: Tx, personId: number) {
  const [row] = await db
    .select({
      slug: people.slug,
      name: people.name,
      organisation: {
        slug: organisations.slug,
        name: organisations.name,
        category: organisations.category,
      },
    })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, personId));
  return row ?? null;
}

/** The code's Change Team address (who contacts a proposer), or null when the register gives none. */
export async function findChangeTeamEmail(db: Tx, codeId: string): Promise<string | null> {
  const [row] = await db.select({ email: codes.changeTeamEmail }).from(codes).where(eq(codes.id, codeId));
  return row?.email ?? null;
}
