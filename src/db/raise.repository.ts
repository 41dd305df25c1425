// Queries for raising a proposal: who the proposer is, the next number, and the new rows.
import { and, eq, max } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { codes, organisations, people, proposalEvents, proposals } from './schema.ts';

export async function findPersonWithOrganisation(db: Tx, slug: string) {
  const [row] = await db
    .select({
      id: people.id,
      slug: people.slug,
      name: people.name,
      organisation: { slug: organisations.slug, category: organisations.category },
    })
    .from(people)
    .innerJoin(organisations, eq(people.organisationId, organisations.id))
    .where(eq(people.slug, slug));
  return row ?? null;
}

/**
 * The highest number used in a code so far (Draft and Modification Proposals share one series), with the code's
 * row locked for the rest of the transaction: two raises at the same instant take turns, so the second numbers
 * after the first instead of colliding with it.
 */
export async function findHighestNumber(db: Tx, codeId: string): Promise<number> {
  await db.select({ id: codes.id }).from(codes).where(eq(codes.id, codeId)).for('update');
  const [row] = await db
    .select({ n: max(proposals.number) })
    .from(proposals)
    .where(and(eq(proposals.codeId, codeId)));
  return row?.n ?? 0;
}

export async function insertRaisedProposal(
  db: Tx,
  row: typeof proposals.$inferInsert,
  raised: Omit<typeof proposalEvents.$inferInsert, 'proposalId' | 'seq'>,
) {
  const [inserted] = await db.insert(proposals).values(row).returning({ id: proposals.id });
  if (!inserted) throw new Error('the proposal was not inserted');
  await db.insert(proposalEvents).values({ ...raised, proposalId: inserted.id, seq: 0 });
  return inserted.id;
}
