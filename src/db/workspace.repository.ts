// Queries for the analysts' workspace: the open proposals a viewer may see (the queue), and what editing a
// proposal's text reads and writes (its title, summary, problem statement and impacts per committee).
// Queries only; which proposals a viewer may see is the one policy condition (visibleProposalsCondition).
import { and, asc, eq, notInArray } from 'drizzle-orm';
import { visibleProposalsCondition, type VisibleScope } from './proposals.repository.ts';
import type { Tx } from './register.repository.ts';
import { committees, proposalImpacts, proposals } from './schema.ts';

/**
 * The proposals the viewer may see that are not in a final stage, oldest first, with their Lead Analyst's person
 * id. At most `limit` rows: the caller says when there were more.
 */
export async function listOpenVisibleProposals(
  db: Tx,
  scope: VisibleScope,
  finalStages: readonly string[],
  limit: number,
) {
  return db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      stage: proposals.stage,
      path: proposals.path,
      leadAnalystId: proposals.leadAnalystId,
    })
    .from(proposals)
    .where(
      finalStages.length
        ? and(visibleProposalsCondition(scope), notInArray(proposals.stage, [...finalStages]))
        : visibleProposalsCondition(scope),
    )
    .orderBy(asc(proposals.raised), asc(proposals.reference))
    .limit(limit);
}

/** The code's committees in the order a proposal's impacts are shown (the order they were entered). */
export async function listCommitteesForImpacts(db: Tx, codeId: string) {
  return db
    .select({
      id: committees.id,
      ref: committees.ref,
      name: committees.name,
      impactHeading: committees.impactHeading,
    })
    .from(committees)
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(committees.id));
}

/** A proposal's editable text, locked for the rest of the transaction so two edits take turns. */
export async function lockProposalText(db: Tx, proposalId: number) {
  const rows = await db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      summary: proposals.summary,
      problemStatement: proposals.problemStatement,
    })
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .for('update');
  return rows[0] ?? null;
}

/** A proposal's impacts, by committee id. */
export async function listImpactsByCommittee(db: Tx, proposalId: number): Promise<Map<number, string>> {
  const rows = await db
    .select({ committeeId: proposalImpacts.committeeId, text: proposalImpacts.text })
    .from(proposalImpacts)
    .where(eq(proposalImpacts.proposalId, proposalId));
  return new Map(rows.map((row) => [row.committeeId, row.text]));
}

export async function updateProposalText(
  db: Tx,
  proposalId: number,
  patch: Partial<{ title: string; summary: string | null; problemStatement: string | null }>,
) {
  if (Object.keys(patch).length === 0) return;
  await db.update(proposals).set(patch).where(eq(proposals.id, proposalId));
}

export async function upsertProposalImpact(
  db: Tx,
  row: { proposalId: number; committeeId: number; text: string },
) {
  await db
    .insert(proposalImpacts)
    .values(row)
    .onConflictDoUpdate({
      target: [proposalImpacts.proposalId, proposalImpacts.committeeId],
      set: { text: row.text },
    });
}

export async function deleteProposalImpact(db: Tx, proposalId: number, committeeId: number) {
  await db
    .delete(proposalImpacts)
    .where(and(eq(proposalImpacts.proposalId, proposalId), eq(proposalImpacts.committeeId, committeeId)));
}
