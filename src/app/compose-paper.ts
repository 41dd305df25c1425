// Composing a stored paper: its record names the meeting, the reporting period and the author; the facts are
// gathered from the register and the pure composer makes the model. Renderers (src/render/) take it from there.
// Nothing is written. The CLI, the web pages and the renderers' tests all come through here.
// Besides the proposals raised or converted in the period: the version of each one's problem statement current
// at the paper's date, and the proposals the paper's committee followed by then, with their history in the period.
import type { Db } from '../db/connect.ts';
import { listEventsInPeriod, listFollowedForPaper } from '../db/following.repository.ts';
import { listProblemStatementVersionsAsOf } from '../db/paper-statements.repository.ts';
import type { Tx } from '../db/register.repository.ts';
import {
  findCodeForPaper,
  findPaperByReference,
  listProposalsForPaper,
  type ProposalForPaperRow,
} from '../db/papers.repository.ts';
import type { FollowedProposalFacts } from '../domain/papers/compose-followed-updates.ts';
import {
  composeNewProposalsSummary,
  problemStatementVersionAsOf,
  type PaperProposalFacts,
  type PersonFacts,
  type ProblemStatementVersionFacts,
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
  const versions = await listProblemStatementVersionsAsOf(
    db,
    rows.map((r) => r.id),
    stored.date,
  );
  const versionOf = (id: number) =>
    problemStatementVersionAsOf(
      versions.filter((v) => v.proposalId === id),
      stored.date,
    );
  const followed = await followedFacts(deps, { committeeId: committee.id, asOf: stored.date, period });
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
    proposals: rows.map((row) => proposalFacts(row, period, versionOf(row.id))),
    followed,
  });
}

/** The proposals the committee followed by the paper's date, each with its events in the period, labelled. */
async function followedFacts(
  deps: ComposePaperDeps,
  scope: { committeeId: number; asOf: string; period: { from: string; to: string } },
): Promise<FollowedProposalFacts[]> {
  const { db, rules } = deps;
  const followed = await listFollowedForPaper(db, { codeId: rules.id, ...scope });
  const events = await listEventsInPeriod(
    db,
    followed.map((f) => f.id),
    scope.period,
  );
  const label = (slug: string) => rules.lifecycle.events.find((e) => e.slug === slug)?.label ?? slug;
  return followed.map(({ id, ...proposal }) => ({
    ...proposal,
    events: events
      .filter((e) => e.proposalId === id)
      .map((e) => ({
        event: e.event,
        label: label(e.event),
        on: e.on,
        by: e.by,
        facts: e.release ? { ...e.facts, release: e.release } : e.facts,
      })),
  }));
}

function person(
  p: { name: string; kind: string | null } | null,
  organisation: PersonFacts['organisation'] | null,
): PersonFacts | null {
  if (!p || !organisation) return null;
  return { name: p.name, isTeam: p.kind === 'team', organisation };
}

function proposalFacts(
  row: ProposalForPaperRow,
  period: { to: string },
  version: ProblemStatementVersionFacts | null,
): PaperProposalFacts {
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
    problemStatementVersion: version,
  };
}
