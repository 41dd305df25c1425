// Composing a stored paper: its record names the meeting, the reporting period and the author; the facts are
// gathered from the register and the pure composer makes the model. Renderers (src/render/) take it from there.
// Nothing is written. The CLI, the web pages and the renderers' tests all come through here.
import type { Db } from '../db/connect.ts';
import type { Tx } from '../db/register.repository.ts';
import {
  findCodeForPaper,
  findPaperByReference,
  listProposalsForPaper,
  type ProposalForPaperRow,
} from '../db/papers.repository.ts';
import {
  composeNewProposalsSummary,
  type PaperProposalFacts,
  type PersonFacts,
} from '../domain/papers/compose-new-proposals-summary.ts';
import type { ComposedPaper } from '../domain/papers/paper.models.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface ComposePaperDeps {
  db: Db | Tx;
  rules: RulesPack;
}

export class PaperNotFoundError extends Error {
  readonly code = 'paper.not_found';
  readonly status = 404;
  override name = 'PaperNotFoundError';
}

/** The record cannot be composed: a type with no composer yet, or a monthly paper with no meeting or period. */
export class PaperNotComposableError extends Error {
  readonly code = 'paper.not_composable';
  readonly status = 409;
  override name = 'PaperNotComposableError';
}

export async function composePaper(
  deps: ComposePaperDeps,
  input: { reference: string },
): Promise<ComposedPaper> {
  const { db, rules } = deps;
  const stored = await findPaperByReference(db, rules.id, input.reference.trim());
  if (!stored) throw new PaperNotFoundError(`There is no paper ${input.reference} in the register.`);
  if (stored.type !== 'new_proposals_summary')
    throw new PaperNotComposableError(
      `${stored.reference} is a paper of type "${stored.type}", which modgov cannot compose yet.`,
    );
  const { committee, coversFrom, coversTo } = stored;
  if (!committee)
    throw new PaperNotComposableError(`${stored.reference} names no meeting, so no committee to write for.`);
  if (!coversFrom || !coversTo)
    throw new PaperNotComposableError(`${stored.reference} has no reporting period (covers from, to).`);
  const period = { from: coversFrom, to: coversTo };

  const code = await findCodeForPaper(db, rules.id);
  const rows = await listProposalsForPaper(db, { codeId: rules.id, committeeId: committee.id, period });
  const signer = code?.administrator?.shortName ?? code?.administrator?.name ?? code?.name ?? rules.name;
  return composeNewProposalsSummary(rules.register, rules.papers.newProposalsSummary, {
    paper: {
      reference: stored.reference,
      title: stored.title,
      action: stored.action,
      classification: stored.classification,
      date: stored.date,
      period,
    },
    committee: { ref: committee.ref, name: committee.name, impactHeading: committee.impactHeading },
    author: stored.author
      ? { name: stored.author.name, team: stored.author.team }
      : { name: signer, team: null },
    changeTeamEmail: code?.changeTeamEmail ?? null,
    proposals: rows.map((row) => proposalFacts(row, period)),
  });
}

function person(
  p: { name: string; kind: string | null } | null,
  organisation: PersonFacts['organisation'] | null,
): PersonFacts | null {
  if (!p || !organisation) return null;
  return { name: p.name, isTeam: p.kind === 'team', organisation };
}

function proposalFacts(row: ProposalForPaperRow, period: { to: string }): PaperProposalFacts {
  const proposer = person(row.proposer, row.proposerOrganisation);
  if (!proposer) throw new Error(`internal: ${row.reference} has no proposer`);
  return {
    reference: row.reference,
    title: row.title,
    classification: row.classification,
    raised: row.raised,
    proposer,
    leadAnalyst: person(row.leadAnalyst, row.leadAnalystOrganisation),
    summary: row.summary,
    impact: row.impact,
    problemStatement: row.problemStatement,
    // A Draft Proposal converts once the Change Sub-Committee agrees its problem statement is fully defined.
    // Until the register records that agreement as an event of its own, the conversion is its record.
    problemStatementAgreed: row.conversion !== null && row.conversion.on <= period.to,
    conversion: row.conversion,
  };
}
