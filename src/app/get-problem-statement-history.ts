// A proposal's problem statement versions, oldest first, for a viewer who may see the proposal (null when they may
// not, or there is no such proposal): each version's sections, whether it is a draft or agreed (when, and by which
// committee), and whether versions may still be written (only while it is a Draft Proposal).
import type { Db } from '../db/connect.ts';
import { listProblemStatementVersions, findCommitteeByRef } from '../db/problem-statements.repository.ts';
import { findVisibleProposalByReferences } from '../db/proposals.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { stageLabel } from '../domain/lifecycle/lifecycle-engine.ts';
import {
  problemStatementRules,
  sectionsOf,
  type ProblemStatementSections,
  type ProblemStatementStatus,
} from '../domain/proposals/problem-statement.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface ProblemStatementVersion {
  version: number;
  status: ProblemStatementStatus;
  sections: ProblemStatementSections;
  /** YYYY-MM-DD. */
  writtenOn: string;
  agreedOn: string | null;
  /** The committee that agreed it. */
  agreedBy: { ref: string; name: string } | null;
}

export interface ProblemStatementHistory {
  /** The current reference (MP090 when DP090 was asked for). */
  reference: string;
  title: string;
  stageLabel: string;
  /** Versions may be written and agreed now: the proposal is a Draft Proposal. */
  open: boolean;
  /** The committee that agrees problem statements (the CSC), when the register has it. */
  agreeingCommittee: { ref: string; name: string } | null;
  /** Oldest first. */
  versions: ProblemStatementVersion[];
  latest: ProblemStatementVersion | null;
}

export async function getProblemStatementHistory(
  deps: { db: Db; rules: RulesPack },
  input: { viewer: Viewer; reference: string },
): Promise<ProblemStatementHistory | null> {
  const { db, rules } = deps;
  const references = candidateReferences(rules.register, input.reference);
  const rows = await findVisibleProposalByReferences(
    db,
    { codeId: rules.id, viewer: input.viewer },
    references,
  );
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row) return null;

  const { stages, committee } = problemStatementRules(rules.lifecycle);
  const versions = (await listProblemStatementVersions(db, row.id)).map((v): ProblemStatementVersion => ({
    version: v.version,
    status: v.status === 'agreed' ? 'agreed' : 'draft',
    sections: sectionsOf(v.sections),
    writtenOn: v.writtenOn,
    agreedOn: v.agreedOn,
    agreedBy: v.agreedBy,
  }));
  const agreeing = committee ? await findCommitteeByRef(db, rules.id, committee) : null;
  return {
    reference: row.reference,
    title: row.title,
    stageLabel: stageLabel(rules.lifecycle, row.stage),
    open: stages.includes(row.stage),
    agreeingCommittee: agreeing && { ref: agreeing.ref, name: agreeing.name },
    versions,
    latest: versions[versions.length - 1] ?? null,
  };
}
