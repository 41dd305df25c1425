// Queries for a proposal's problem statement versions: read them, append one, mark one agreed, and keep the
// proposal's own problem statement text in step. Queries only; the rules are in
// src/domain/proposals/problem-statement.ts and the use cases in src/app/*problem-statement*.ts.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { committees, problemStatementVersions, proposals } from './schema.ts';

const versionColumns = {
  id: problemStatementVersions.id,
  version: problemStatementVersions.version,
  sections: problemStatementVersions.sections,
  status: problemStatementVersions.status,
  writtenOn: problemStatementVersions.writtenOn,
  writtenBy: problemStatementVersions.writtenBy,
  agreedOn: problemStatementVersions.agreedOn,
  agreedBy: { ref: committees.ref, name: committees.name },
};

/** A proposal's versions, oldest first, each with the committee that agreed it (null while a draft). */
export async function listProblemStatementVersions(db: Tx, proposalId: number) {
  return db
    .select(versionColumns)
    .from(problemStatementVersions)
    .leftJoin(committees, eq(committees.id, problemStatementVersions.agreedByCommitteeId))
    .where(eq(problemStatementVersions.proposalId, proposalId))
    .orderBy(asc(problemStatementVersions.version));
}

export type ProblemStatementVersionRow = Awaited<ReturnType<typeof listProblemStatementVersions>>[number];

/** The latest version, or null when the proposal has none. */
export async function findLatestProblemStatementVersion(
  db: Tx,
  proposalId: number,
): Promise<ProblemStatementVersionRow | null> {
  const [row] = await db
    .select(versionColumns)
    .from(problemStatementVersions)
    .leftJoin(committees, eq(committees.id, problemStatementVersions.agreedByCommitteeId))
    .where(eq(problemStatementVersions.proposalId, proposalId))
    .orderBy(desc(problemStatementVersions.version))
    .limit(1);
  return row ?? null;
}

/** The proposal (by any of its references), locked for the rest of the transaction: versions are numbered in turn. */
export async function lockProposalForProblemStatement(db: Tx, codeId: string, references: readonly string[]) {
  if (references.length === 0) return null;
  const rows = await db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      stage: proposals.stage,
      problemStatement: proposals.problemStatement,
    })
    .from(proposals)
    .where(and(eq(proposals.codeId, codeId), inArray(proposals.reference, [...references])))
    .for('update');
  return rows.find((r) => r.reference === references[0]) ?? rows[0] ?? null;
}

export async function insertProblemStatementVersion(
  db: Tx,
  row: {
    proposalId: number;
    version: number;
    sections: Record<string, string>;
    writtenOn: string;
    writtenBy: string;
  },
): Promise<void> {
  await db.insert(problemStatementVersions).values({ ...row, status: 'draft' });
}

export async function markProblemStatementVersionAgreed(
  db: Tx,
  id: number,
  agreement: { agreedOn: string; agreedByCommitteeId: number },
): Promise<void> {
  await db
    .update(problemStatementVersions)
    .set({ status: 'agreed', ...agreement })
    .where(eq(problemStatementVersions.id, id));
}

/** The proposal's problem statement text (what the register shows and searches, and papers quote). */
export async function setProposalProblemStatement(db: Tx, proposalId: number, text: string | null) {
  await db.update(proposals).set({ problemStatement: text }).where(eq(proposals.id, proposalId));
}

export async function findCommitteeByRef(db: Tx, codeId: string, ref: string) {
  const [row] = await db
    .select({ id: committees.id, ref: committees.ref, name: committees.name })
    .from(committees)
    .where(and(eq(committees.codeId, codeId), eq(committees.ref, ref)));
  return row ?? null;
}
