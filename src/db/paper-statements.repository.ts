// Reading the problem statement versions a paper may attach (problem_statement_versions): those of some
// proposals written on or before the paper's date. Queries only; which one is current is decided in
// src/domain/papers (problemStatementVersionAsOf). The versions are written by their own use cases.
import { and, asc, inArray, lte } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { problemStatementVersions } from './schema.ts';

/** The versions of these proposals' problem statements written on or before `asOf`, by proposal and version. */
export async function listProblemStatementVersionsAsOf(db: Tx, proposalIds: readonly number[], asOf: string) {
  if (proposalIds.length === 0) return [];
  return db
    .select({
      proposalId: problemStatementVersions.proposalId,
      version: problemStatementVersions.version,
      status: problemStatementVersions.status,
      writtenOn: problemStatementVersions.writtenOn,
      agreedOn: problemStatementVersions.agreedOn,
      sections: problemStatementVersions.sections,
    })
    .from(problemStatementVersions)
    .where(
      and(
        inArray(problemStatementVersions.proposalId, [...proposalIds]),
        lte(problemStatementVersions.writtenOn, asOf),
      ),
    )
    .orderBy(asc(problemStatementVersions.proposalId), asc(problemStatementVersions.version));
}
