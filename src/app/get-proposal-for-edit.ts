// A proposal's editable text, as the edit form shows it: its title, summary and problem statement, and one impact
// per committee of the code (empty where it has none). Null for a proposal the viewer may not see.
import type { Db } from '../db/connect.ts';
import { findVisibleProposalByReferences, listProposalImpacts } from '../db/proposals.repository.ts';
import { listCommitteesForImpacts } from '../db/workspace.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface EditableImpact {
  committee: string;
  committeeName: string;
  /** The committee's own heading ("Anticipated Operational Impacts"), else "Anticipated impacts on <name>". */
  heading: string;
  /** '' when the proposal has no impact for this committee. */
  text: string;
}

export interface EditableProposal {
  /** The current reference (MP090 when DP090 was asked for). */
  reference: string;
  title: string;
  summary: string;
  problemStatement: string;
  impacts: EditableImpact[];
}

export async function getProposalForEdit(
  deps: { db: Db; rules: RulesPack },
  input: { viewer: Viewer; reference: string },
): Promise<EditableProposal | null> {
  const { db, rules } = deps;
  const references = candidateReferences(rules.register, input.reference);
  const rows = await findVisibleProposalByReferences(
    db,
    { codeId: rules.id, viewer: input.viewer },
    references,
  );
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row) return null;
  const impacts = new Map((await listProposalImpacts(db, row.id)).map((i) => [i.committee, i.text]));
  const committees = await listCommitteesForImpacts(db, rules.id);
  return {
    reference: row.reference,
    title: row.title,
    summary: row.summary ?? '',
    problemStatement: row.problemStatement ?? '',
    impacts: committees.map((c) => ({
      committee: c.ref,
      committeeName: c.name,
      heading: c.impactHeading ?? `Anticipated impacts on ${c.name}`,
      text: impacts.get(c.ref) ?? '',
    })),
  };
}
