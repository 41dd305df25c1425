// Queries for deciding who may act on a proposal: who proposed it (the person and their organisation), and the
// names of the committees an event may be made by. Queries only; the policy is src/domain/access/can.ts.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { committees, people, proposals } from './schema.ts';

/** The proposer of a proposal, as ids: what actorsFor compares a user with. */
export async function findProposerOfProposal(db: Tx, proposalId: number) {
  const [row] = await db
    .select({ proposerPersonId: people.id, proposerOrganisationId: people.organisationId })
    .from(proposals)
    .innerJoin(people, eq(people.id, proposals.proposerId))
    .where(eq(proposals.id, proposalId));
  return row ?? null;
}

/** The names of a code's committees, by reference (CSC -> Change Sub-Committee). */
export async function listCommitteeNames(
  db: Tx,
  codeId: string,
  refs: readonly string[],
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .select({ ref: committees.ref, name: committees.name })
    .from(committees)
    .where(and(eq(committees.codeId, codeId), inArray(committees.ref, [...refs])));
  return new Map(rows.map((r) => [r.ref, r.name]));
}
